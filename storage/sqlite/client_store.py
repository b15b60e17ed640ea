"""The SQLite client store: clients, callers and the call log on the database's connection."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from storage.interfaces import ClientStore
from storage.sqlite.call_log import SqliteCallLog
from storage.sqlite.caller_tables import SqliteCallers
from storage.sqlite.client_tables import SqliteClients
from storage.sqlite.connection import SqliteConnection


class SqliteClientStore(SqliteClients, SqliteCallers, SqliteCallLog):
    """Implements :class:`storage.interfaces.ClientStore` (and its :class:`CallLog`)."""

    def close(self) -> None:
        """Close the database this store was handed out by (the connection it shares)."""
        self._c.close()

    def __enter__(self) -> SqliteClientStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextlib.contextmanager
    def background(self) -> Iterator[ClientStore]:
        """This store on a second connection, for one long task off the GUI thread (an
        import): with WAL the GUI keeps reading instead of waiting on this connection's
        lock. Its writes announce their changes to the same listeners. In memory: itself."""
        if self._c.path is None:
            yield self
            return
        second = SqliteConnection(self._c.path, self._c.hub)
        try:
            yield SqliteClientStore(second)
        finally:
            second.close()

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """All writes inside happen together or not at all (nested: savepoints)."""
        with self._c.transaction():
            yield
