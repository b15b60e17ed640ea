"""The office database on PostgreSQL and its stores (see :class:`storage.interfaces.Database`).

Besides the stores it runs the listening connection (:mod:`storage.postgres.notify`):
other seats' writes reach this seat's :class:`~storage.changes.ChangeHub`, an outage and
its end are told to the operator through :mod:`appenv.messages`, and the call log's
spool (:mod:`storage.postgres.call_spool`) is written out when the database is back.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from appenv import logs, messages
from notes.drafts import DraftBox
from storage.changes import ChangeHub
from storage.errors import StoreUnavailable
from storage.interfaces import (
    CalendarStore,
    CallLog,
    ClientStore,
    Database,
    DeliveryStore,
    NotesStore,
    OfficeLog,
    OperatorStore,
    SeatStore,
)
from storage.postgres.call_spool import SpooledCallLog
from storage.postgres.notify import ChangeListener, Outage
from storage.postgres.session import PgSession, connect, redacted
from storage.postgres.stores import PgClientStore, PgDeliveryStore, PgNotesStore, PgOfficeStore

log = logs.get("storage")


class PgDatabase:
    """Opened once per process; every store shares its one connection (one writer)."""

    def __init__(
        self,
        url: str,
        *,
        drafts: Path | None = None,
        spool: Path | None = None,
        password: str | None = None,
        changes: ChangeHub | None = None,
        listen: bool = True,
    ) -> None:
        self.path: Path | None = None
        self.office = True
        self.url = url
        self.changes = changes or ChangeHub()
        self._drafts = drafts
        self._password = password
        self._session = PgSession(url, self.changes, password=password)
        store = PgClientStore(self._session)
        self.clients: ClientStore = store
        self.calls: CallLog = store
        self.spool: SpooledCallLog | None = None
        if spool is not None:
            self.spool = SpooledCallLog(store, spool)
            self.calls = self.spool
        notes = PgNotesStore(self._session, DraftBox(drafts) if drafts is not None else None)
        self.notes: NotesStore = notes
        if self.spool is not None:
            notes.real_call_id = self.spool.real_id  # notes of calls logged during an outage
        self.deliveries: DeliveryStore = PgDeliveryStore(self._session)
        office = PgOfficeStore(self._session)
        self.operators: OperatorStore = office
        self.seats: SeatStore = office
        self._calendars: CalendarStore | None = None
        self._office_log: OfficeLog | None = None
        self._listener: ChangeListener | None = None
        if listen:
            self._listener = ChangeListener(
                self._listen_connection,
                self._session.sender,
                self.changes,
                on_down=self._went_down,
                on_up=self._came_back,
            )
            self._session.when_closed(self._listener.stop)
            self._listener.start()
        if self.spool is not None:
            with contextlib.suppress(StoreUnavailable):  # down again: the listener retries
                self.spool.replay()  # left by an earlier run that lost the database

    def _listen_connection(self) -> Any:
        return connect(self.url, self._password)

    @property
    def calendars(self) -> CalendarStore:
        if self._calendars is None:
            from storage.postgres.calendars import PgCalendarStore

            self._calendars = PgCalendarStore(self._session)
        return self._calendars

    @property
    def outage(self) -> Outage | None:
        """Since when the database is unreachable (``None``: it is reachable)."""
        return None if self._listener is None else self._listener.down

    def _went_down(self, outage: Outage) -> None:
        self._session.set_reachable(False)
        messages.warning(
            f"The office database {redacted(self.url)} cannot be reached. Calls are still "
            "taken and notes kept as drafts; everything is written when it is back.",
        )

    def _came_back(self, outage: Outage) -> None:
        self._session.set_reachable(True)
        written = 0
        if self.spool is not None:
            try:
                written = self.spool.replay()
            except StoreUnavailable:
                log.info("the spooled call log waits for the next reconnect")
        seconds = round(outage.seconds or 0.0)
        extra = f" {written} call-log entries kept meanwhile were written." if written else ""
        messages.info(
            f"The office database is reachable again (it was unreachable for {seconds} s).{extra}"
        )

    @property
    def office_log(self) -> OfficeLog:
        if self._office_log is None:
            from storage.postgres.office_log import PgOfficeLog

            self._office_log = PgOfficeLog(self._session)
        return self._office_log

    @property
    def schema_version(self) -> int:
        return self._session.schema_version

    @contextlib.contextmanager
    def background(self) -> Iterator[Database]:
        """A second connection for one long background task (an import), closed after it;
        its writes announce their changes here as well."""
        other = PgDatabase(
            self.url,
            drafts=self._drafts,
            password=self._password,
            changes=self.changes,
            listen=False,
        )
        try:
            yield other
        finally:
            other.close()

    def close(self) -> None:
        self._session.close()  # stops the listener too

    def __enter__(self) -> PgDatabase:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
