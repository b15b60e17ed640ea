"""Calendars of clients: CalDAV, ICS feeds, local calendars, free slots and booking.

Plain functions and dataclasses, no Qt; everything here may block on the network and
runs in a background task when the UI calls it.

- :mod:`~calendar_sync.ics` reads calendar data (every app's quirks) or raises
  :class:`~calendar_sync.errors.BrokenCalendar`;
- :mod:`~calendar_sync.busy` / :mod:`~calendar_sync.series`: :class:`EventIndex`, the busy
  periods of calendars (recurrence with exceptions, zones, all-day, TRANSP, STATUS);
- :mod:`~calendar_sync.hours` (working hours, closed days), :mod:`~calendar_sync.slots`
  (appointment types, :func:`find_slots`, :func:`blockers` — the one bookability rule);
- :mod:`~calendar_sync.caldav_source` (one CalDAV collection), :mod:`~calendar_sync.sync_cache`
  (ETag/sync-token cache), :mod:`~calendar_sync.local_calendar` (the embedded calendar);
- :mod:`~calendar_sync.booking`: race-safe :func:`book`, :func:`reschedule`, :func:`cancel`;
  :mod:`~calendar_sync.pending`: bookings kept while a server is down;
  :mod:`~calendar_sync.journal`: the appointments journal (what a seat booked, moved,
  cancelled, during which call); :mod:`~calendar_sync.desk`: what the pop's panel calls;
- :mod:`~calendar_sync.client_calendars`: a client's sources, hours and caches put together
  (what the pop's booking panel calls); :mod:`~calendar_sync.cli` the command line.

Persistent state (sources, appointment types, caches, pending bookings, the journal) is the
database's ``db.calendars`` (:class:`storage.interfaces.CalendarStore`); passwords are in
the keyring.
"""
