"""One connection to the office database: opening it, one writer, changes, outages.

The counterpart of :class:`storage.sqlite.connection.SqliteConnection`: one psycopg
connection in autocommit mode under one lock, :meth:`transaction` the only way to write.
Every write transaction first takes one transaction-level advisory lock, so writes are
serialised across all seats exactly as ``BEGIN IMMEDIATE`` serialises them on SQLite (the
stores' check-then-write logic relies on it; writes are short, seats are few). Before the
commit the changes go out as ``NOTIFY`` (table + ids only, see :mod:`storage.postgres.notify`).

A lost server or link makes every use raise :class:`~storage.errors.StoreUnavailable` at
once (no waiting on a dead socket: TCP keep-alives and ``tcp_user_timeout`` bound it, and
reconnects are tried at most once a second); the next use after that reconnects.
"""

from __future__ import annotations

import contextlib
import threading
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any, TypeVar

import psycopg

from appenv import logs
from storage import errors
from storage.changes import ChangeCollector, ChangeHub, Changes
from storage.postgres import migrations
from storage.postgres.notify import notify_and_commit
from storage.postgres.sql import PgCursorAdapter

log = logs.get("storage")
T = TypeVar("T")

WRITER_LOCK = 0x766F727A  # "vorz": the advisory lock every write transaction holds
RECONNECT_PAUSE_S = 1.0
_BEGIN_WRITE = f"BEGIN; SELECT pg_advisory_xact_lock({WRITER_LOCK})"

# keep-alives so that a dropped link is noticed in seconds, not after the kernel's hours
CONNECT_OPTIONS: dict[str, Any] = {
    "connect_timeout": 3,
    "keepalives": 1,
    "keepalives_idle": 3,
    "keepalives_interval": 1,
    "keepalives_count": 2,
    "tcp_user_timeout": 3000,
    "application_name": "vorzimmer",
}


def redacted(url: str) -> str:
    """The URL without its password, for messages and the log."""
    try:
        info = psycopg.conninfo.conninfo_to_dict(url)
    except psycopg.ProgrammingError:
        return "<unreadable database URL>"
    host, port, name = info.get("host", ""), info.get("port", ""), info.get("dbname", "")
    return f"postgresql://{info.get('user', '')}@{host}{':' if port else ''}{port}/{name}"


def password_key(url: str) -> str:
    """The keyring entry of an office database's password (see :mod:`appenv.secrets`)."""
    return f"database:{redacted(url)}"


def keyring_password(url: str) -> str | None:
    """The password kept in the keyring for ``url`` (``None``: the URL has its own, there
    is none, or no keyring: trust or peer authentication may still let us in)."""
    from appenv.secrets import SecretStoreUnavailable, get_secret

    try:
        if psycopg.conninfo.conninfo_to_dict(url).get("password"):
            return None
        return get_secret(password_key(url))
    except (SecretStoreUnavailable, psycopg.ProgrammingError):
        return None


class PasswordInSettings(errors.StoreUnavailable):
    def __init__(self, url: str, settings_file: Path) -> None:
        super().__init__(
            f"The office database address in {settings_file} contains a password. Remove it "
            "from there: Vorzimmer keeps the password in the system keyring.",
            None,
            detail=redacted(url),
        )


def refuse_password_on_disk(url: str, settings_file: Path) -> None:
    """A configured URL (a file on disk) must not carry the password."""
    try:
        has_password = bool(psycopg.conninfo.conninfo_to_dict(url).get("password"))
    except psycopg.ProgrammingError:
        return  # opening it will say what is wrong with it
    if has_password:
        raise PasswordInSettings(url, settings_file)


class Unreachable(errors.StoreUnavailable):
    def __init__(self, url: str, detail: str = "") -> None:
        super().__init__(
            f"The office database {redacted(url)} cannot be reached. Calls are still taken "
            "and notes kept as drafts; everything is written when it is back. If this "
            "lasts, check the network or ask your administrator.",
            None,
            detail=detail,
        )
        self.url = url


class LoginRefused(errors.StoreUnavailable):
    def __init__(self, url: str, detail: str = "") -> None:
        super().__init__(
            f"The office database {redacted(url)} refused the login. Check the user name and "
            "the password (vorzimmer office-password keeps it in the keyring), or ask your "
            "administrator.",
            None,
            detail=detail,
        )


class NoSuchDatabase(errors.StoreUnavailable):
    def __init__(self, url: str, detail: str = "") -> None:
        super().__init__(
            f"The office database {redacted(url)} does not exist on that server. Check the "
            "address, or ask your administrator to create it (createdb).",
            None,
            detail=detail,
        )


def connect(url: str, password: str | None = None, *, autocommit: bool = True) -> Any:
    """A psycopg connection; ``Unreachable`` when the server cannot be reached,
    ``LoginRefused`` / ``NoSuchDatabase`` when it answers no."""
    options = dict(CONNECT_OPTIONS)
    if password is not None:
        options["password"] = password
    try:
        return psycopg.connect(url, autocommit=autocommit, **options)
    except psycopg.OperationalError as exc:
        detail = f"{type(exc).__name__}: {exc}"
        text = str(exc)
        if exc.sqlstate in ("28P01", "28000") or "password authentication failed" in text:
            raise LoginRefused(url, detail) from exc
        if exc.sqlstate == "3D000" or ("database" in text and "does not exist" in text):
            raise NoSuchDatabase(url, detail) from exc
        if "no password supplied" in text:
            raise LoginRefused(url, detail) from exc
        raise Unreachable(url, detail) from exc


class _Collector(ChangeCollector):
    def peek(self) -> Changes:
        """What the running transaction changed so far (to send before it commits)."""
        return Changes({t: frozenset(i) for t, i in self._ids.items()})


class PgSession:
    """One psycopg connection, its lock, its transactions and the changes they announce."""

    path = None  # the Database interface's ``path``: not a file

    def __init__(
        self, url: str, hub: ChangeHub, *, password: str | None = None, migrate: bool = True
    ) -> None:
        self.url = url
        self.hub = hub
        self.sender = uuid.uuid4().hex[:12]  # our own notifications are not news to us
        self._password = password
        self.lock = threading.RLock()
        self._depth = 0
        self._pending = _Collector()
        self._failed_at = 0.0
        self._closing: list[Callable[[], None]] = []
        self._known_down = False  # set by the listener: no connect attempts meanwhile
        self.conn = PgCursorAdapter(self)
        self._raw: Any = connect(url, password)
        if migrate:
            try:
                migrations.migrate(self._raw, url)
            except BaseException:
                self._raw.close()
                raise

    @property
    def password(self) -> str | None:
        return self._password

    def when_closed(self, callback: Callable[[], None]) -> None:
        """Run ``callback`` when the session closes (a store's ``close`` closes it all)."""
        self._closing.append(callback)

    def close(self) -> None:
        callbacks, self._closing = self._closing, []
        for callback in callbacks:
            callback()
        with self.lock:
            if self._raw is not None:
                self._raw.close()
                self._raw = None

    @property
    def schema_version(self) -> int:
        with self.guard() as raw:
            return migrations.current_version(raw)

    def _live(self) -> Any:
        """The connection, reconnected if it was lost (at most once a second)."""
        if self._raw is not None and not self._raw.closed:
            return self._raw
        if self._known_down:
            raise Unreachable(self.url, "the listener finds the database unreachable")
        if time.monotonic() - self._failed_at < RECONNECT_PAUSE_S:
            raise Unreachable(self.url, "reconnect paused after a failure")
        try:
            self._raw = connect(self.url, self._password)
        except Unreachable:
            self._failed_at = time.monotonic()
            raise
        log.info("reconnected to the office database %s", redacted(self.url))
        return self._raw

    def set_reachable(self, reachable: bool) -> None:
        """The listener's finding: while the database is down, every use fails at once
        (no connect attempt that could keep the GUI waiting on a dead link)."""
        self._known_down = not reachable
        if reachable:
            self._failed_at = 0.0

    def _lost(self, exc: BaseException) -> Unreachable:
        self._failed_at = time.monotonic()
        if self._raw is not None:
            with contextlib.suppress(Exception):
                self._raw.close()
            self._raw = None
        return Unreachable(self.url, f"{type(exc).__name__}: {exc}")

    @contextlib.contextmanager
    def guard(self) -> Iterator[Any]:
        """The live connection under the lock; a lost one becomes ``Unreachable``."""
        with self.lock:
            raw = self._live()
            try:
                yield raw
            except psycopg.OperationalError as exc:
                if isinstance(exc, psycopg.errors.QueryCanceled) and not raw.closed:
                    raise
                raise self._lost(exc) from exc

    def attempt(self, work: Callable[[Any], T], *, retry: bool = False) -> T:
        """``work(connection)`` under the lock. ``retry``: work that cannot have changed
        anything yet (a read outside a transaction, ``BEGIN``) is run once more on a new
        connection when the old one turns out dead — after a server restart the first
        use then succeeds instead of failing."""
        with self.lock:
            try:
                with self.guard() as raw:
                    return work(raw)
            except Unreachable:
                if not retry:
                    raise
                self._failed_at = 0.0  # the server may be back: try at once
            with self.guard() as raw:
                return work(raw)

    def _run(
        self, sql: str, params: Sequence[Any] = (), *, retry: bool = False, simple: bool = False
    ) -> None:
        """One statement; ``simple``: statements without parameters, sent as one query."""
        values = None if simple else tuple(params)
        self.attempt(lambda raw: raw.execute(sql, values), retry=retry)

    @property
    def in_transaction(self) -> bool:
        return self._depth > 0

    @contextlib.contextmanager
    def transaction(self) -> Iterator[PgCursorAdapter]:
        """All writes inside happen together or not at all (nested: savepoints).

        What the writes :meth:`changed` is announced (here and, by NOTIFY, on every other
        seat) once the outermost block commits.
        """
        changes = None
        with self.lock:
            depth = self._depth
            self._depth += 1
            try:
                if depth == 0:  # one round trip: both statements in one simple query
                    self._run(_BEGIN_WRITE, retry=True, simple=True)
                else:
                    self._run(f"SAVEPOINT sp{depth}")
                try:
                    yield self.conn
                except BaseException:
                    self._undo(depth)
                    raise
                if depth == 0:
                    try:  # the announcements and the commit in one round trip
                        self._run(notify_and_commit(self.sender, self._pending.peek()), simple=True)
                    except BaseException:
                        self._undo(0)
                        raise
                    changes = self._pending.take()
                else:
                    self._run(f"RELEASE SAVEPOINT sp{depth}")
            finally:
                self._depth -= 1
        if changes is not None:
            self.hub.announce(changes)

    def _undo(self, depth: int) -> None:
        if self._raw is None or self._raw.closed:
            if depth == 0:
                self._pending.take()
            return  # the server rolled back with the lost connection
        with contextlib.suppress(errors.StoreUnavailable):
            if depth == 0:
                self._pending.take()
                self._run("ROLLBACK")
            else:
                self._run(f"ROLLBACK TO SAVEPOINT sp{depth}")
                self._run(f"RELEASE SAVEPOINT sp{depth}")

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
    def reading(self) -> Iterator[PgCursorAdapter]:
        """The connection under the lock, for several reads that belong together."""
        with self.lock:
            yield self.conn
