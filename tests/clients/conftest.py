"""Fixtures for the client store tests: a real SQLite file in the temporary home."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from storage import open_database
from storage.interfaces import ClientStore

BERLIN = ZoneInfo("Europe/Berlin")


def berlin(
    year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0
) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, second, tzinfo=BERLIN)


@pytest.fixture
def store(db_location: Path | str) -> Iterator[ClientStore]:
    """The client store on SQLite and on PostgreSQL (``db_location`` is parametrised)."""
    s = open_database(db_location).clients
    yield s
    s.close()
