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
    sip_user: str = ""  # the seat's user at the office SIP server (transfers, pickups)
    #: the call ringing at this seat alone (for its user, a transfer): colleagues may pick
    #: it up; an office call rings every seat and needs no pickup
    ringing_key: str | None = None


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
    it is on (the caller's name or number and the client's name) and the call ringing
    there alone (its caller)."""

    status: SeatStatus
    caller: str = ""
    client: str = ""
    ringing_caller: str = ""

    @property
    def can_pick_up(self) -> bool:
        """A call rings at that seat alone (a colleague may take it)."""
        return self.status.ringing_key is not None


class PickupResult(StrEnum):
    PENDING = ""  # asked for; the ringing seat has not seen it yet
    REDIRECTED = "redirected"  # the ringing seat sent the call on to the picking seat
    GONE = "gone"  # the call no longer rang there (answered, ended, or not there)


@dataclass(frozen=True)
class PickupRequest:
    """A seat asks a colleague's seat for a call ringing there alone: a row of
    ``pickups``. One request per call and ringing seat: the first seat to ask gets it."""

    call_key: str
    seat: str  # the ringing seat's id
    to_user: str  # the picking seat's SIP user: where the call is sent on to
    operator: str  # who asked (display name)
    requested_at: dt.datetime
    result: PickupResult = PickupResult.PENDING
    done_at: dt.datetime | None = None
    id: int | None = None
