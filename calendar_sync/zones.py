"""Time zones by name: the default zone and the one lookup that explains a bad name.

Kept apart from :mod:`calendar_sync.busy` so the command line can declare its options
without loading icalendar (the launcher builds every command's parser at each start).
"""

from __future__ import annotations

import zoneinfo

from calendar_sync.errors import BrokenCalendar

DEFAULT_ZONE = "Europe/Berlin"


def zone_of(name: str) -> zoneinfo.ZoneInfo:
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError) as exc:
        raise BrokenCalendar(f"Unknown time zone {name!r}.", detail=repr(exc)) from exc
