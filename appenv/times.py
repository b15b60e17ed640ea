"""The one conversion between datetimes in the app and timestamps in storage.

Every moment Vorzimmer stores is timezone-aware and kept as UTC ISO-8601 text with
microseconds (sortable as text, the same in SQLite and PostgreSQL). Naive datetimes are
refused: a time without a zone is a bug waiting for the next DST change.
"""

from __future__ import annotations

import datetime as dt


def to_utc(value: dt.datetime) -> dt.datetime:
    """``value`` in UTC; ``ValueError`` for a naive datetime."""
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"datetime must be timezone-aware: {value!r}")
    return value if value.tzinfo is dt.UTC else value.astimezone(dt.UTC)


def to_db(value: dt.datetime) -> str:
    """The stored text of a moment."""
    return to_utc(value).isoformat(timespec="microseconds")


def to_db_or_none(value: dt.datetime | None) -> str | None:
    return None if value is None else to_db(value)


def from_db(text: str) -> dt.datetime:
    """A stored moment back as an aware UTC datetime."""
    value = dt.datetime.fromisoformat(text)
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else to_utc(value)


def from_db_or_none(text: str | None) -> dt.datetime | None:
    return None if not text else from_db(text)


def from_epoch(seconds: float) -> dt.datetime:
    """Epoch seconds (the engine's clock) as an aware UTC datetime."""
    return dt.datetime.fromtimestamp(seconds, dt.UTC)


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)
