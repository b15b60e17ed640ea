"""Calendars of clients: CalDAV, ICS feeds, local calendars, free slots and booking."""
