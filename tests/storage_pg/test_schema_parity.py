"""The two migration lists stay one: every SQLite table has its PostgreSQL twin with the
same columns in the same order (the PostgreSQL ``search`` vectors aside), so stores share
their SQL and ``migrate --to`` copies rows one to one; a newer office schema is refused."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import psycopg
import pytest

from storage import SchemaTooNew, open_database
from storage.postgres.migrations import TABLES

_FTS = ("callers_fts", "notes_fts")  # SQLite's full-text tables (and their shadow tables)


def _sqlite_tables(path: Path) -> dict[str, list[str]]:
    conn = sqlite3.connect(path)
    names = [
        r[0]
        for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        if not r[0].startswith(_FTS) and not r[0].startswith("sqlite_")
    ]
    tables = {n: [c[1] for c in conn.execute(f"PRAGMA table_info({n})")] for n in names}
    conn.close()
    return tables


def _pg_tables(url: str) -> dict[str, list[str]]:
    with psycopg.connect(url) as conn:
        rows = conn.execute(
            "SELECT table_name, column_name FROM information_schema.columns "
            "WHERE table_schema = 'public' AND table_name <> 'vorzimmer_schema' "
            "ORDER BY table_name, ordinal_position"
        ).fetchall()
    tables: dict[str, list[str]] = {}
    for table, column in rows:
        if column != "search":
            tables.setdefault(table, []).append(column)
    return tables


def test_every_table_and_column_has_its_twin(tmp_path: Path, postgres: str) -> None:
    open_database(tmp_path / "seat.sqlite3").close()
    seat, office = _sqlite_tables(tmp_path / "seat.sqlite3"), _pg_tables(postgres)
    assert seat == office
    assert set(TABLES) == set(seat)  # migrate --to copies every table


def test_an_office_schema_from_a_newer_version_is_refused(postgres: str) -> None:
    with psycopg.connect(postgres, autocommit=True) as conn:
        conn.execute("INSERT INTO vorzimmer_schema (version) VALUES (99)")
    with pytest.raises(SchemaTooNew) as refused:
        open_database(postgres)
    assert "newer Vorzimmer (schema 99" in refused.value.message
    assert "postgresql://postgres@127.0.0.1" in refused.value.message and "None" not in str(
        refused.value
    )
