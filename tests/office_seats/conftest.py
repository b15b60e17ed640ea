"""An opened database on SQLite and on PostgreSQL (``db_location`` is parametrised)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from storage import Database, open_database


@pytest.fixture
def db(db_location: Path | str) -> Iterator[Database]:
    opened = open_database(db_location)
    yield opened
    opened.close()
