"""Fixtures for the client store tests: a real SQLite file in the temporary home."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from zoneinfo import ZoneInfo

import pytest

from appenv.paths import AppPaths
from clients.store import ClientStore
from storage import open_database

BERLIN = ZoneInfo("Europe/Berlin")


def berlin(
    year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0
) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, second, tzinfo=BERLIN)


@pytest.fixture
def store(app_paths: AppPaths) -> Iterator[ClientStore]:
    s = open_database(app_paths.database).clients
    yield s
    s.close()
