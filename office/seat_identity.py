"""Which seat this is: a stable id per data folder, and a name people read.

The id is a UUID kept in the data folder's settings (``seat.id``), made on first use: it
survives restarts and a change of operator, and two data folders on one machine are two
seats. The name is the host and the operator (``empfang-1 (Frau Weber)``).
"""

from __future__ import annotations

import socket
import uuid

from appenv.settings import SEAT_ID, Settings


def seat_id(settings: Settings) -> str:
    """This data folder's seat id (made and saved on first use)."""
    current = str(settings.get(SEAT_ID.key) or "")
    if current:
        return current
    made = str(uuid.uuid4())
    settings.update({SEAT_ID.key: made})
    return made


def seat_name(operator: str, host: str | None = None) -> str:
    """Host and operator, as colleagues read it."""
    where = host or socket.gethostname()
    return f"{where} ({operator})" if operator else where
