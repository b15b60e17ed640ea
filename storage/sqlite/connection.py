"""The SQLite file of one database: opening it (or saying why not), one writer, changes.

One connection per :class:`SqliteConnection`, guarded by one lock: every read and write
of the app's stores goes through it, so writes are serialised in this process, and
``BEGIN IMMEDIATE`` takes SQLite's write lock at the start of each transaction, so they
are serialised against other processes too (a cron report, a second seat's CLI). The
connection runs in autocommit mode; :meth:`transaction` is the only way to write.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sqlite3
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from appenv.permissions import precreate_private
from storage import errors
from storage.changes import ChangeCollector, ChangeHub
from storage.sqlite import migrations

_BUSY, _LOCKED, _READONLY, _IOERR, _CORRUPT, _FULL, _CANTOPEN, _NOTADB = 5, 6, 8, 10, 11, 13, 14, 26


def _primary_code(exc: sqlite3.Error) -> int | None:
    code = getattr(exc, "sqlite_errorcode", None)
    return None if code is None else int(code) & 0xFF


def _disk_is_full(path: Path | None) -> bool:
    if path is None:
        return False
    try:
        stat = os.statvfs(path.parent)
    except (OSError, AttributeError):
        return False
    return stat.f_bavail == 0


def explain(exc: BaseException, path: Path | None) -> errors.StoreUnavailable | None:
    """The operator's words for why ``path`` cannot be used, or None (a bug, not the setup)."""
    detail = f"{type(exc).__name__}: {exc}"
    if isinstance(exc, errors.StoreUnavailable):
        return exc
    if isinstance(exc, OSError):
        if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            return errors.StoreReadOnly(path, detail)
        if exc.errno in (errno.ENOSPC, errno.EDQUOT):
            return errors.DiskFull(path, detail)
        return None
    if not isinstance(exc, sqlite3.Error):
        return None
    code = _primary_code(exc)
    if code in (_BUSY, _LOCKED):
        return errors.StoreLocked(path, detail)
    if code == _FULL or (code == _IOERR and _disk_is_full(path)):
        return errors.DiskFull(path, detail)
    if code in (_READONLY, _CANTOPEN):
        return errors.StoreReadOnly(path, detail)
    if code in (_NOTADB, _CORRUPT):
        return errors.NotADatabase(path, detail)
    return None


def _connect(path: Path | None, busy_timeout: float) -> sqlite3.Connection:
    if path is not None:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        precreate_private(path)  # 0600 whatever the umask; -wal and -shm copy its mode
    conn = sqlite3.connect(
        ":memory:" if path is None else str(path),
        timeout=busy_timeout,
        check_same_thread=False,  # one lock guards it (SqliteConnection)
        isolation_level=None,
    )
    try:
        conn.execute("PRAGMA foreign_keys = ON")
        if path is not None:
            conn.execute("PRAGMA journal_mode = WAL").fetchone()
        conn.execute("PRAGMA synchronous = NORMAL")
        migrations.migrate(conn, path)
        # take the write lock once: a database some other program holds is found now, at
        # start-up, not at the first call the secretary tries to log
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("ROLLBACK")
    except BaseException:
        conn.close()
        raise
    return conn


class SqliteConnection:
    """One SQLite connection, its lock, its transactions and the changes they announce."""

    def __init__(self, path: Path | None, hub: ChangeHub, *, busy_timeout: float = 10.0) -> None:
        self.path = path
        self.hub = hub
        try:
            self.conn = _connect(path, busy_timeout)
        except (sqlite3.Error, OSError) as exc:
            known = explain(exc, path)
            if known is None:
                raise
            raise known from exc
        self.lock = threading.RLock()
        self._depth = 0
        self._pending = ChangeCollector()

    def close(self) -> None:
        with self.lock:
            self.conn.close()

    @property
    def schema_version(self) -> int:
        with self.lock:
            return migrations.current_version(self.conn)

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """All writes inside happen together or not at all (nested: savepoints).

        What the writes :meth:`changed` is announced once the outermost block commits.
        """
        with self.lock:
            depth = self._depth
            self._depth += 1
            try:
                if depth == 0:
                    self.conn.execute("BEGIN IMMEDIATE")
                else:
                    self.conn.execute(f"SAVEPOINT sp{depth}")
                try:
                    yield self.conn
                except BaseException:
                    if depth == 0:
                        if self.conn.in_transaction:
                            self.conn.execute("ROLLBACK")
                        self._pending.take()
                    elif self.conn.in_transaction:
                        self.conn.execute(f"ROLLBACK TO sp{depth}")
                        self.conn.execute(f"RELEASE sp{depth}")
                    raise
                if depth == 0:
                    try:
                        self.conn.execute("COMMIT")
                    except BaseException:
                        if self.conn.in_transaction:
                            self.conn.execute("ROLLBACK")
                        self._pending.take()
                        raise
                    changes = self._pending.take()
                else:
                    self.conn.execute(f"RELEASE sp{depth}")
            finally:
                self._depth -= 1
        if depth == 0:
            self.hub.announce(changes)

    def changed(self, table: str, *ids: int | None) -> None:
        """Record that the running transaction changed ``ids`` of ``table``."""
        self._pending.add(table, ids)

    def one(self, sql: str, params: Sequence[Any] = ()) -> Any:
        with self.lock:
            return self.conn.execute(sql, params).fetchone()

    def all(self, sql: str, params: Sequence[Any] = ()) -> list[Any]:
        with self.lock:
            return self.conn.execute(sql, params).fetchall()

    @contextlib.contextmanager
    def reading(self) -> Iterator[sqlite3.Connection]:
        """The connection under the lock, for several reads that belong together."""
        with self.lock:
            yield self.conn
