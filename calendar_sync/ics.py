"""Reading iCalendar data as the exports of real calendar apps write it.

One entry point, :func:`parse_calendar`, for files, feeds and CalDAV items alike: it
decodes leniently (UTF-8 with or without BOM, else cp1252 as old Outlook exports do),
normalises ``X-WR-TIMEZONE`` calendars (Google: UTC times plus a calendar zone, see
``x-wr-timezone``) and refuses data that is not a calendar with a :class:`BrokenCalendar`
instead of an exception from deep inside icalendar. Windows zone names (Outlook/Exchange)
and custom ``VTIMEZONE`` definitions are resolved by icalendar itself.
"""

from __future__ import annotations

import icalendar
import x_wr_timezone

from calendar_sync.errors import BrokenCalendar

MAX_BYTES = 64 * 1024 * 1024  # a five-year staff calendar is a few MB


def decode(data: bytes) -> str:
    """Text of a calendar file: UTF-8 (BOM tolerated), else cp1252 (never garbage-free Latin-1)."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError as exc:
            raise BrokenCalendar(
                "The calendar data is not text (neither UTF-8 nor Windows-1252).",
                detail=str(exc),
            ) from exc


def parse_calendar(data: bytes | str, origin: str = "calendar") -> icalendar.Calendar:
    """One VCALENDAR from ``data``; several concatenated ones are merged into one.

    ``origin`` names the file or URL in the error message.
    """
    if isinstance(data, bytes):
        if len(data) > MAX_BYTES:
            raise BrokenCalendar(f"{origin} is larger than {MAX_BYTES // 2**20} MB.")
        text = decode(data)
    else:
        text = data
    if "\x00" in text:
        raise BrokenCalendar(f"{origin} is not a calendar file (binary data).")
    if "BEGIN:VCALENDAR" not in text[:4096].upper():
        raise BrokenCalendar(f"{origin} is not an iCalendar file (no BEGIN:VCALENDAR).")
    try:
        calendars = icalendar.Calendar.from_ical(text, multiple=True)
    except (ValueError, KeyError, IndexError, TypeError, AttributeError) as exc:
        # AttributeError: icalendar trips over e.g. a VTIMEZONE with two TZIDs (fuzz-found)
        raise BrokenCalendar(
            f"{origin} is not a readable iCalendar file: {_short(exc)}", detail=repr(exc)
        ) from exc
    if not calendars:
        raise BrokenCalendar(f"{origin} holds no complete calendar (is the file cut off?).")
    calendar = calendars[0] if len(calendars) == 1 else _merge(calendars)
    if calendar.name != "VCALENDAR":
        raise BrokenCalendar(f"{origin} starts with {calendar.name}, not VCALENDAR.")
    try:
        standard: icalendar.Calendar = x_wr_timezone.to_standard(calendar)
    except Exception as exc:  # the library raises what icalendar raises on odd values
        raise BrokenCalendar(
            f"{origin} has an unusable X-WR-TIMEZONE: {_short(exc)}", detail=repr(exc)
        ) from exc
    return standard


def _merge(calendars: list[icalendar.Calendar]) -> icalendar.Calendar:
    merged = icalendar.Calendar()
    for key, value in calendars[0].property_items(recursive=False):
        if key not in ("BEGIN", "END"):
            merged.add(key, value)
    for calendar in calendars:
        for component in calendar.subcomponents:
            merged.add_component(component)
    return merged


def _short(exc: BaseException) -> str:
    text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return text[:160]


def serialize(calendar: icalendar.Calendar) -> bytes:
    return bytes(calendar.to_ical())
