"""Where busy times come from: an .ics file, an ICS feed URL, or a CalDAV calendar.

:func:`busy_index` is what ``calendar check`` needs: the source's busy periods around a
window, read fresh. An http(s) URL is asked first whether it is a CalDAV calendar
(PROPFIND); if not, it is fetched as a read-only feed (``webcal://`` is https).
"""

from __future__ import annotations

import datetime as dt
import urllib.error
import urllib.request
from pathlib import Path

import icalendar

from calendar_sync.busy import BusyPolicy, EventIndex
from calendar_sync.caldav_source import CalDavCalendar
from calendar_sync.errors import AuthRefused, BrokenCalendar, SourceRefused, SourceUnreachable
from calendar_sync.ics import MAX_BYTES, parse_calendar

_WINDOW_MARGIN = dt.timedelta(days=2)


def is_url(spec: str) -> bool:
    return spec.split(":", 1)[0].lower() in ("http", "https", "webcal")


def normal_url(spec: str) -> str:
    return "https:" + spec.split(":", 1)[1] if spec.lower().startswith("webcal:") else spec


def read_file(path: Path) -> icalendar.Calendar:
    try:
        data = path.read_bytes()
    except FileNotFoundError as exc:
        raise BrokenCalendar(f"There is no file {path}.") from exc
    except IsADirectoryError as exc:
        raise BrokenCalendar(f"{path} is a folder, not a calendar file.") from exc
    except OSError as exc:
        raise BrokenCalendar(f"{path} cannot be read: {exc.strerror}.", detail=repr(exc)) from exc
    return parse_calendar(data, path.name)


def fetch_feed(url: str, timeout: float = 15.0) -> icalendar.Calendar:
    """GET a read-only ICS feed (holidays, court dates)."""
    request = urllib.request.Request(url, headers={"User-Agent": "Vorzimmer"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            data = response.read(MAX_BYTES + 1)
    except urllib.error.HTTPError as exc:
        raise SourceRefused(f"The calendar feed {url} answered {exc.code}.") from exc
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise SourceUnreachable(
            f"The calendar feed {url} cannot be reached ({reason}).", detail=repr(exc)
        ) from exc
    return parse_calendar(data, url)


def busy_index(
    spec: str,
    start: dt.datetime,
    end: dt.datetime,
    policy: BusyPolicy,
    *,
    user: str | None = None,
    password: str | None = None,
) -> EventIndex:
    """The busy periods of ``spec`` (file path or URL) around [start, end)."""
    if not is_url(spec):
        return EventIndex([read_file(Path(spec))], policy)
    url = normal_url(spec)
    remote = CalDavCalendar(url, user, password)
    try:
        caldav = remote.is_calendar()
    except AuthRefused:
        raise
    except SourceRefused:
        caldav = False  # a plain web server: 405/404 to PROPFIND
    if not caldav:
        return EventIndex([fetch_feed(url)], policy)
    items = remote.items_between(start - _WINDOW_MARGIN, end + _WINDOW_MARGIN)
    return EventIndex([parse_calendar(i.data, i.href) for i in items], policy)
