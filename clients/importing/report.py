"""What an import tells its caller: a report of rows read and rejected, or an unusable file."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from appenv.errors import UserError


class UnusableFile(UserError):
    """The file cannot be imported at all; the message (one line) says why and what to do."""

    def __init__(self, message: str, *, detail: str = "") -> None:
        super().__init__(one_line(message, 400), detail=detail)


class RowError(ValueError):
    """One row is unusable; the message is shown to the user with the line number."""


@dataclass(frozen=True)
class RejectedRow:
    line: int  # 1-based line (CSV) or line of BEGIN:VCARD
    reason: str
    excerpt: str = ""


@dataclass
class ImportReport:
    kind: str
    rows: int = 0
    created: int = 0
    updated: int = 0
    rejected: list[RejectedRow] = field(default_factory=list)
    committed: bool = False

    def reject(self, line: int, reason: str, excerpt: str = "") -> None:
        self.rejected.append(RejectedRow(line, one_line(reason, 300), one_line(excerpt, 80)))

    def summary(self) -> str:
        if self.committed:
            return (
                f"{self.kind}: {self.rows} rows read, {self.created} created, "
                f"{self.updated} updated"
            )
        return (
            f"{self.kind}: {self.rows} rows read, {len(self.rejected)} rejected — "
            "nothing was imported"
        )


_BLANKS = re.compile(r"[\s\x00-\x1f\x7f-\x9f]+")


def one_line(text: str, limit: int) -> str:
    """``text`` on one line (control characters and line breaks become spaces), capped."""
    flat = _BLANKS.sub(" ", text).strip()
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
