"""CalDAV server fixtures for the calendar tests (see tests/fixtures/caldav.py)."""

from tests.fixtures.caldav import caldav_server, radicale_server, xandikos_server

__all__ = ["caldav_server", "radicale_server", "xandikos_server"]
