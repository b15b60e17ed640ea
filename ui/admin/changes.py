"""What the admin view announces after each change, so other views decide to refresh."""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Area(enum.StrEnum):
    CLIENT = "client"  # the client's own fields, or a client created/deleted
    NUMBERS = "numbers"
    HOURS = "hours"  # business hours and closures
    SCRIPTS = "scripts"
    STAFF = "staff"
    FAQ = "faq"
    CALLERS = "callers"
    IMPORT = "import"  # a file import; may touch many clients


@dataclass(frozen=True)
class AdminChange:
    """``client_id`` ``None``: several clients or shared callers may have changed."""

    area: Area
    client_id: int | None
    deleted: bool = False  # the client itself was deleted
