"""Errors of calendar sources and bookings, fit to show the operator as they are."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from appenv.errors import UserError


class CalendarError(UserError):
    """Base class: a calendar problem of the environment or the input, not a bug."""


class BrokenCalendar(CalendarError):
    """A calendar file or server reply that is not usable iCalendar data."""


class SourceUnreachable(CalendarError):
    """The server did not answer (down, wrong address, network): bookings wait as pending."""


class SourceRefused(CalendarError):
    """The server answered but refused (wrong password, no such calendar, no rights)."""


class AuthRefused(SourceRefused):
    """401/403: no, or wrong, user name and password for the calendar."""


class SlotTaken(CalendarError):
    """Someone else holds the slot: the operator sees it and fresh slots to offer instead."""

    def __init__(
        self, start: dt.datetime, blocking: str, *, alternatives: Sequence[object] = ()
    ) -> None:
        super().__init__(
            f"The slot at {start:%Y-%m-%d %H:%M %Z} is taken ({blocking}).",
            detail=blocking,
        )
        self.start = start
        self.blocking = blocking
        self.alternatives = tuple(alternatives)
