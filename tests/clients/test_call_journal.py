"""The call journal on a real SQLite store: rows from the first ring, true times, nothing lost."""

from __future__ import annotations

import datetime as dt

from clients.call_journal import CallJournal
from clients.model import Client, Outcome
from softphone.call_board import BoardCall, FinishedCall
from softphone.call_info import CallInfo
from softphone.states import CallState, Direction
from softphone.states import Outcome as CallOutcome
from storage.interfaces import ClientStore

T0 = 1_790_000_000.0  # a fixed epoch second: 2026-09-21


def _info(caller: str | None, dialled: str = "+49301234567") -> CallInfo:
    return CallInfo(
        sip_call_id="abc@host",
        caller_uri=f"sip:{caller or 'anonymous'}@192.0.2.1",
        caller_number=caller,
        caller_display_name="Jürgen",
        from_number=caller,
        from_display_name="Jürgen",
        asserted_number=None,
        asserted_display_name=None,
        privacy=caller is None,
        request_uri=f"sip:{dialled}@127.0.0.1",
        to_uri=f"sip:{dialled}@127.0.0.1",
        dialled_number=dialled,
        forwarding=(),
        user_agent=None,
        to_number=dialled,
        request_number=dialled,
    )


def _client(store: ClientStore) -> int:
    client = store.add_client(Client(code="ROTH", name="Kanzlei Dr. Roth"))
    assert client.id is not None
    store.add_number(client.id, "+49301234567")
    return client.id


def _journal(store: ClientStore) -> CallJournal:
    def client_for(info: CallInfo) -> int | None:
        found = store.find_client_by_numbers(list(info.client_candidates()))
        return found.id if found else None

    return CallJournal(store, client_for)


def _finished(key: str, info: CallInfo, **kw: object) -> FinishedCall:
    fields: dict[str, object] = dict(
        key=key,
        direction=Direction.IN,
        number=info.caller_number,
        display_name=info.caller_display_name,
        dialled_number=info.dialled_number,
        started_at=T0,
        answered_at=T0 + 12.0,
        ended_at=T0 + 72.0,
        answered=True,
        duration_s=60.0,
        outcome=CallOutcome.ANSWERED,
        code=200,
        reason="OK",
        info=info,
        remote_uri=info.caller_uri,
    )
    fields.update(kw)
    return FinishedCall(**fields)  # type: ignore[arg-type]


def test_a_call_is_in_the_log_from_its_first_ring_with_its_true_times(store: ClientStore):
    roth = _client(store)
    journal = _journal(store)
    info = _info("4915209876543")  # a German trunk's international form without "+"
    ringing = BoardCall(
        "k-1", Direction.IN, info.caller_uri, info, CallState.INCOMING, started_at=T0
    )
    row = journal.started(ringing)
    opened = store.get_call(row)
    assert opened is not None and opened.outcome is None and opened.ended_at is None
    assert opened.client_id == roth and opened.caller_number == "+4915209876543"
    assert opened.caller_uri == "sip:4915209876543@192.0.2.1"
    journal.answered(
        BoardCall(
            "k-1",
            Direction.IN,
            info.caller_uri,
            info,
            CallState.CONFIRMED,
            started_at=T0,
            answered_at=T0 + 12.0,
        )
    )
    done = journal.finished(_finished("k-1", info))
    assert done.id == row
    assert done.started_at == dt.datetime.fromtimestamp(T0, dt.UTC)
    assert done.answered_at == dt.datetime.fromtimestamp(T0 + 12.0, dt.UTC)  # not the ring start
    assert done.ended_at == dt.datetime.fromtimestamp(T0 + 72.0, dt.UTC)  # answer + talk time
    assert done.outcome == Outcome.ANSWERED and done.duration_s == 60.0
    assert len(store.recent_calls(10)) == 1


def test_a_caller_turned_away_busy_is_logged_for_the_client_with_the_number_as_received(
    store: ClientStore,
):
    roth = _client(store)
    journal = _journal(store)
    info = _info("7654321")  # a local number without area code: ambiguous
    record = journal.finished(
        _finished(
            "k-busy",
            info,
            answered=False,
            answered_at=None,
            ended_at=T0,
            duration_s=0.0,
            outcome=CallOutcome.BUSY,
            code=486,
            reason="Busy Here",
        )
    )
    assert record.id is not None and record.client_id == roth
    assert record.outcome == Outcome.BUSY and record.outcome.missed
    assert record.caller_number == "7654321" and record.number_verified is False


def test_what_a_crash_left_open_is_closed_as_interrupted(store: ClientStore):
    _client(store)
    info = _info("+4917612345678")
    row = _journal(store).started(
        BoardCall("k-open", Direction.IN, info.caller_uri, info, CallState.INCOMING, started_at=T0)
    )
    assert _journal(store).recover() == 1  # the next start of the app
    closed = store.get_call(row)
    assert closed is not None and closed.outcome == Outcome.INTERRUPTED
    assert closed.ended_at is not None
    assert _journal(store).recover() == 0


def test_the_operators_client_choice_reaches_the_row(store: ClientStore):
    _client(store)
    other = store.add_client(Client(code="YIL", name="Praxis Dr. Yilmaz"))
    journal = _journal(store)
    info = _info("+4917612345678", dialled="+4940555020")  # not a client's number
    row = journal.started(
        BoardCall("k-x", Direction.IN, info.caller_uri, info, CallState.INCOMING, started_at=T0)
    )
    assert store.get_call(row).client_id is None  # type: ignore[union-attr]
    journal.client_known("k-x", other.id)
    done = journal.finished(_finished("k-x", info))
    assert done.client_id == other.id
