"""Every call is in the call log from its first ring, whatever crashes afterwards.

A row is opened when a call starts (ringing in, or dialled out), given its client when the
screen-pop knows it, marked when answered and completed when the call ends. A crash in
between leaves the row open; :meth:`CallJournal.recover` closes such rows at the next start
with the outcome "interrupted". A caller the engine turned away (all lines busy) has no
live call at all: :meth:`finished` logs it in one step, as a missed call.

In an office every seat rung by one call writes the same row (the call key comes from the
INVITE's identity, see :meth:`softphone.call_info.CallInfo.identity_key`). Before a seat
answers it claims the row (:meth:`CallJournal.claim_answer`): one seat wins, the others
step back. A seat that did not get the call writes nothing that could make it a missed
call; a call nobody answered is closed as missed by the first seat that sees it end. A
call a seat turned away (480: not available) may ring at a colleague's seat, which then
closes it; when every seat turned it away none would, so each such row is closed as
busy (turned away) once no seat can ring it any more (:meth:`CallJournal.close_turned_away`).

Plain domain code: the window routes the phone's signals here, tests drive it directly.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from appenv import logs
from appenv.times import from_epoch
from clients import phone_numbers as pn
from clients.model import CallRecord
from softphone.call_board import BoardCall, FinishedCall
from softphone.call_info import CallInfo
from softphone.states import CallState, Direction, Outcome
from storage.errors import StoreUnavailable
from storage.interfaces import CallLog

log = logs.get("clients")

#: Seconds after which no seat rings an office call any more: kamailio ends an unanswered
#: fork after ``fr_inv_timer`` (60 s, office/kamailio/kamailio.cfg), with a margin.
RING_LIMIT_S = 90.0

#: Which client a call is for, from its dialled numbers (``None``: not known).
ClientFinder = Callable[[CallInfo], int | None]


def _number(raw: str | None) -> tuple[str | None, bool]:
    """(what to store, verified): a valid number's key, else the text as received."""
    parsed = pn.parse(raw)
    if parsed is None:
        return None, True  # no number at all (withheld): nothing to verify
    return parsed.key, parsed.verified


def _start_record(
    call: BoardCall, client_id: int | None, seat: str = "", operator: str = ""
) -> CallRecord:
    number, verified = _number(call.number)
    info = call.info
    dialled_here = call.direction == Direction.OUT  # an outgoing call is this seat's own
    return CallRecord(
        call_key=call.key,
        client_id=client_id,
        caller_number=number,
        number_verified=verified,
        caller_uri=(info.caller_uri if info is not None else call.remote_uri) or "",
        caller_name=call.display_name or "",
        dialled_number=pn.normalise(info.dialled_number) if info is not None else None,
        direction=call.direction,
        started_at=from_epoch(call.started_at),
        sip_call_id=info.sip_call_id if info is not None else "",
        seat=seat if dialled_here else "",
        operator=operator if dialled_here else "",
    )


def record_for(finished: FinishedCall, client_id: int | None) -> CallRecord:
    """The complete log row of an ended call, with its true ring, answer and end times."""
    number, verified = _number(finished.number)
    info = finished.info
    return CallRecord(
        call_key=finished.key,
        client_id=client_id,
        caller_number=number,
        number_verified=verified,
        caller_uri=finished.remote_uri,
        caller_name=finished.display_name or "",
        dialled_number=pn.normalise(finished.dialled_number),
        direction=finished.direction,
        started_at=from_epoch(finished.started_at),
        answered_at=from_epoch(finished.answered_at) if finished.answered_at is not None else None,
        ended_at=from_epoch(finished.ended_at),
        duration_s=round(finished.duration_s, 1),
        outcome=finished.outcome,
        sip_call_id=info.sip_call_id if info is not None else "",
    )


class CallJournal:
    """Keeps the log row of every live call in step with the call."""

    def __init__(
        self,
        log: CallLog,
        client_for: ClientFinder,
        seat: str = "",
        operator: Callable[[], str] = str,
    ) -> None:
        """``seat`` names this seat in the office's call log (``""``: no claims, no
        guards, as a seat alone); ``operator`` gives the name of who works at it now."""
        self.log = log
        self.client_for = client_for
        self.seat = seat
        self.operator = operator
        self._rows: dict[str, int] = {}  # call key -> row id
        self._clients: dict[str, int | None] = {}
        self._answered: set[str] = set()
        self._turned_away: dict[int, float] = {}  # row -> when this seat turned it away

    def recover(self, now: dt.datetime | None = None) -> int:
        """Close what a crash left open; returns how many calls were closed."""
        return self.log.close_interrupted(now or dt.datetime.now(dt.UTC), self.seat)

    def row_of(self, key: str) -> int | None:
        return self._rows.get(key)

    def started(self, call: BoardCall) -> int:
        """Open the row of a call the moment it exists (idempotent per call key)."""
        row = self._rows.get(call.key)
        if row is None:
            if call.key not in self._clients and call.info is not None:
                self._clients[call.key] = self._find_client(call.info)
            record = _start_record(call, self._clients.get(call.key), self.seat, self.operator())
            row = self.log.open_call(record)
            self._rows[call.key] = row
        return row

    def turned_away(self, finished: FinishedCall) -> int:
        """A caller this seat of an office refused before it rang (480: not available;
        486: every line busy): open the call's row — it may be ringing at a colleague's
        seat, which completes it — and close it as *busy* (the office turned the caller
        away; not abandoned) later if none did (:meth:`close_turned_away`). Returns the
        row."""
        call = BoardCall(finished.key, Direction.IN, finished.remote_uri, finished.info,
                         CallState.DISCONNECTED, started_at=finished.started_at)  # fmt: skip
        client_id = self._find_client(finished.info) if finished.info is not None else None
        row = self.log.open_call(_start_record(call, client_id))
        self._turned_away[row] = finished.ended_at
        return row

    @property
    def turned_away_open(self) -> int:
        """Calls turned away here whose row :meth:`close_turned_away` has still to see."""
        return len(self._turned_away)

    def close_turned_away(self, now: float) -> int:
        """Close as busy the calls turned away here that no seat can ring any more
        (:data:`RING_LIMIT_S`) and that nobody answered or closed: every seat turned them
        away. Blocking (a write per call): run it off the GUI thread. Returns how many
        rows were due (a colleague's row is left as it is)."""
        due = [(row, at) for row, at in list(self._turned_away.items())
               if now - at >= RING_LIMIT_S]  # fmt: skip
        for row, at in due:
            try:
                self.log.update_call(row, ended_at=from_epoch(at), outcome=Outcome.BUSY,
                                     duration_s=0.0, for_seat=self.seat or None)  # fmt: skip
            except StoreUnavailable as exc:  # tried again at the next round
                log.info("call %s turned away: not closed yet (%s)", row, exc)
                continue
            self._turned_away.pop(row, None)
        return len(due)

    def claim_answer(self, key: str, at: float) -> str | None:
        """Before this seat answers: ``None`` if it may, else who has the call already.

        Blocking (a write on the office database): run it off the GUI thread. When the
        database cannot be reached the seat answers unclaimed — a caller must not wait
        for the database — and the log says so.
        """
        row = self._rows.get(key)
        if not self.seat or row is None:
            return None
        try:
            holder = self.log.claim_answer(row, self.seat, self.operator(), from_epoch(at))
        except StoreUnavailable as exc:
            log.warning("answering call %s without the answer claim: %s", key, exc)
            return None
        if holder is not None:
            log.info("call %s is taken by %s: not answering it here", key, holder)
        return holder

    def _find_client(self, info: CallInfo) -> int | None:
        """The call's client; unknown while the database is down (the call is logged all
        the same; the operator can pick its client on the pop)."""
        try:
            return self.client_for(info)
        except StoreUnavailable as exc:
            log.warning("client of a call not known during an outage: %s", exc)
            return None

    def client_known(self, key: str, client_id: int | None) -> None:
        self._clients[key] = client_id
        row = self._rows.get(key)
        if row is not None:
            self.log.set_call_client(row, client_id)

    def answered(self, call: BoardCall) -> None:
        """Note the answer time once (later updates of the call change nothing here)."""
        row = self._rows.get(call.key)
        if row is not None and call.answered_at is not None and call.key not in self._answered:
            self._answered.add(call.key)
            self.log.mark_answered(row, from_epoch(call.answered_at))

    def finished(self, finished: FinishedCall) -> CallRecord:
        """Complete the call's row (or log it whole if it never had one); returns the row."""
        client_id = self._clients.pop(finished.key, None)
        row = self._rows.pop(finished.key, None)
        self._answered.discard(finished.key)
        if client_id is None and finished.info is not None:
            client_id = self._find_client(finished.info)  # e.g. turned away: no pop shown
        record = record_for(finished, client_id)
        if finished.outcome == Outcome.ANSWERED_ELSEWHERE:  # a colleague's call: theirs
            try:
                logged = self.log.get_call(row) if row is not None else None
            except StoreUnavailable:  # nothing to write: the colleague's seat logs it
                logged = None
            return logged or record
        if row is None and self.seat and finished.direction == Direction.IN:
            # an office call refused here before it rang (every line busy): it may ring
            # at a colleague's seat, whose row it is to complete
            return self.log.get_call(self.turned_away(finished)) or record
        if row is None:
            return self.log.get_call(self.log.record_call(record)) or record
        assert record.ended_at is not None and record.outcome is not None
        if record.answered_at is None:  # never answered: clear a claim's answer time too
            return self.log.update_call(
                row,
                ended_at=record.ended_at,
                outcome=record.outcome,
                duration_s=record.duration_s or 0.0,
                answered_at=None,
                for_seat=self.seat or None,
            )
        return self.log.finish_call(
            row,
            ended_at=record.ended_at,
            outcome=record.outcome,
            duration_s=record.duration_s or 0.0,
            answered_at=record.answered_at,
            for_seat=self.seat or None,
        )
