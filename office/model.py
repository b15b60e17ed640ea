"""Plain data of the office: operator accounts, seat states and their log.

Kept apart from the logic so that the stores (:mod:`storage`) can build these without
importing anything that imports them back.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum


class Role(StrEnum):
    ADMIN = "admin"  # creates and disables accounts
    OPERATOR = "operator"


@dataclass(frozen=True)
class Operator:
    """One account (the password hash stays in the store: it is read only to verify)."""

    id: int | None
    login: str
    display_name: str
    role: Role = Role.OPERATOR
    active: bool = True
    created_at: dt.datetime | None = None

    @property
    def is_admin(self) -> bool:
        return self.role == Role.ADMIN


class SeatState(StrEnum):
    AVAILABLE = "available"
    IN_CALL = "in_call"
    WRAP_UP = "wrap_up"  # after a call, for the client's wrap-up seconds: no call rings
    BREAK = "break"  # with a reason
    AWAY = "away"
    LOGGED_OUT = "logged_out"  # the app was closed


@dataclass(frozen=True)
class SeatStatus:
    """One seat's current state: the row of ``seat_states``."""

    seat: str  # stable id of the seat (a UUID kept in the data folder's settings)
    seat_name: str  # readable: host and operator
    operator: str  # display name of who sits there
    state: SeatState
    since: dt.datetime
    reason: str = ""  # why (a break), or what happened (restored after a crash)
    until: dt.datetime | None = None  # the end of a wrap-up
    call_key: str | None = None  # the call log row of the current call (in call, wrap-up)


@dataclass(frozen=True)
class SeatLogEntry:
    """One change of a seat's state: a row of ``seat_state_log`` (never changed)."""

    at: dt.datetime
    seat: str
    operator: str
    state: SeatState
    reason: str = ""
    id: int | None = None


@dataclass(frozen=True)
class ColleagueSeat:
    """A seat as its colleagues see it: its state and, if the call log shows one, the call
    it is on (the caller's name or number and the client's name)."""

    status: SeatStatus
    caller: str = ""
    client: str = ""
