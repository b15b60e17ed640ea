"""PhoneAdapter keys: unique for the life of the UI, across engine restarts.

One test drives the real engine process (and ``kill -9``s it); the property test feeds
random call/restart sequences as engine events into the adapter's pure logic.
"""

from __future__ import annotations

import os
import signal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from benchmarks.sip_uac import RawUac
from softphone import events as ev
from softphone.call_board import FinishedCall
from softphone.call_info import parse_invite
from softphone.states import CallState, Direction, Outcome
from tests.fixtures.sip import free_port
from ui.phone import PhoneAdapter


class Recorder:
    def __init__(self, adapter: PhoneAdapter) -> None:
        self.incoming: list[ev.IncomingCall] = []
        self.outgoing: list[ev.CallStarted] = []
        self.finished: list[FinishedCall] = []
        self.states: list[str] = []
        adapter.incoming.connect(self.incoming.append)
        adapter.outgoing.connect(self.outgoing.append)
        adapter.call_finished.connect(self.finished.append)
        adapter.engine_state.connect(lambda state, _detail: self.states.append(state))


@pytest.mark.expect_warnings  # the killed engine is logged as an error, as it should be
def test_calls_after_engine_kill_get_new_keys_and_the_ringing_one_is_interrupted(qtbot):
    port = free_port()
    adapter = PhoneAdapter(["--sip-port", str(port), "--bind", "127.0.0.1", "--null-audio"])
    seen = Recorder(adapter)
    adapter.start()
    uacs: list[RawUac] = []
    try:
        qtbot.waitUntil(lambda: seen.states == ["running"], timeout=15000)
        a = RawUac(port)
        uacs.append(a)
        a.ring_and_cancel("+4930555010", caller="+4915100000001")  # call A, cancelled
        qtbot.waitUntil(lambda: len(seen.finished) == 1, timeout=5000)
        assert seen.finished[0].outcome == Outcome.MISSED

        b = RawUac(port)
        uacs.append(b)
        b.invite("+4930555010", caller="+4915100000002")  # call B rings…
        b.wait_status(180)
        qtbot.waitUntil(lambda: len(seen.incoming) == 2, timeout=5000)
        assert adapter.process.proc is not None
        os.kill(adapter.process.proc.pid, signal.SIGKILL)  # …while the engine dies
        qtbot.waitUntil(lambda: len(seen.finished) == 2, timeout=5000)
        interrupted = seen.finished[1]
        assert interrupted.key == seen.incoming[1].call
        assert interrupted.outcome == Outcome.INTERRUPTED and not interrupted.answered
        assert interrupted.number == "+4915100000002"
        assert adapter.board.calls == {}

        qtbot.waitUntil(lambda: seen.states[-1] == "running", timeout=15000)
        c = RawUac(port)
        uacs.append(c)
        call_id, tag, branch, _ = c.invite("+4930555010", caller="+4915100000003")
        c.wait_status(180)
        qtbot.waitUntil(lambda: len(seen.incoming) == 3, timeout=5000)
        keys = [i.call for i in seen.incoming]
        assert len(set(keys)) == 3  # C's key is new, though the engine calls it "c1" again
        assert seen.incoming[2].info.caller_number == "+4915100000003"
        assert set(adapter.board.calls) == {keys[2]}
        c.cancel(call_id, tag, branch, "+4930555010")
        qtbot.waitUntil(lambda: len(seen.finished) == 3, timeout=5000)
        assert seen.finished[2].key == keys[2] and seen.finished[2].outcome == Outcome.MISSED
    finally:
        adapter.stop()
        for uac in uacs:
            uac.close()


INVITE = (
    "INVITE sip:+4930555010@127.0.0.1 SIP/2.0\r\n"
    'From: "Caller {n}" <sip:+49151{n:07d}@example.org>;tag=1\r\n'
    "To: <sip:+4930555010@127.0.0.1>\r\nCall-ID: {n}\r\nCSeq: 1 INVITE\r\n\r\n"
)
OPS = st.lists(
    st.one_of(
        st.just(("ring",)),
        st.just(("dial",)),
        st.tuples(st.just("answer"), st.integers(0, 5)),
        st.tuples(st.just("end"), st.integers(0, 5)),
        st.just(("refused",)),
        st.just(("restart",)),
    ),
    max_size=40,
)


@pytest.mark.expect_warnings  # each simulated crash is logged as an error
@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(ops=OPS)
def test_keys_are_never_reused_and_every_call_ends_once(qapp, ops):
    adapter = PhoneAdapter([])  # never started: events are fed in as the reader would
    seen = Recorder(adapter)
    engine_ids: list[str] = []  # the engine's live calls, by its own ids ("c1"…)
    next_id = 0
    callers: dict[str, str] = {}  # UI key -> caller number given to that call
    clock = 1000.0

    def feed(event: ev.Event) -> None:
        adapter._on_event(adapter.keys.generation, event)

    for op in ops:
        clock += 1.0
        if op[0] in ("ring", "dial", "refused"):
            next_id += 1
            engine_id = f"c{next_id}"
            info = parse_invite(INVITE.format(n=len(callers) + len(engine_ids) + next_id))
            if op[0] == "ring":
                feed(ev.IncomingCall(engine_id, info, clock))
                callers[seen.incoming[-1].call] = info.caller_number or ""
                engine_ids.append(engine_id)
            elif op[0] == "dial":
                feed(ev.CallStarted(engine_id, "sip:bob@127.0.0.1", "", clock))
                engine_ids.append(engine_id)
            else:
                feed(ev.CallRefused(engine_id, info, clock, 486, "Busy Here"))
                callers[seen.finished[-1].key] = info.caller_number or ""
        elif op[0] == "answer" and engine_ids:
            engine_id = engine_ids[op[1] % len(engine_ids)]
            feed(ev.CallStateChanged(engine_id, CallState.CONFIRMED, Direction.IN, "", 200, "OK",
                                     clock))  # fmt: skip
        elif op[0] == "end" and engine_ids:
            engine_id = engine_ids.pop(op[1] % len(engine_ids))
            feed(ev.CallEnded(engine_id, 200, "", 0.0, False, clock - 1, None, clock))
        elif op[0] == "restart":
            feed(ev.EngineExited(-9, False))
            engine_ids.clear()
            next_id = 0  # a new engine numbers its calls from c1 again
    adapter._stopping = True
    feed(ev.EngineExited(0, True))

    started = [i.call for i in seen.incoming] + [o.call for o in seen.outgoing]
    ended = [f.key for f in seen.finished]
    assert len(started) == len(set(started))  # keys are never reused
    assert len(ended) == len(set(ended))  # every call ends exactly once…
    refused = {f.key for f in seen.finished if f.outcome == Outcome.BUSY}
    assert set(ended) == set(started) | refused  # …and every call that started ends
    assert not refused & set(started)
    for f in seen.finished:  # each record keeps its own call's caller
        if f.key in callers:
            assert f.number == callers[f.key]
        assert f.ended_at >= f.started_at
    assert adapter.board.calls == {}


def test_an_incoming_call_is_keyed_by_its_invite_and_a_key_is_never_given_twice(qapp):
    adapter = PhoneAdapter([])  # never started: events are fed in as the reader would
    seen = Recorder(adapter)
    info = parse_invite(INVITE.format(n=1))
    adapter._on_event(adapter.keys.generation, ev.IncomingCall("c1", info, 1.0))
    assert seen.incoming[-1].call == info.identity_key() != ""  # what every seat derives
    adapter._on_event(adapter.keys.generation, ev.CallEnded("c1", 487, "", 0.0, False, 1, None, 2))
    adapter._on_event(adapter.keys.generation, ev.IncomingCall("c2", info, 3.0))  # again
    assert seen.incoming[-1].call != info.identity_key()  # a page's key is never reused
    adapter._on_event(adapter.keys.generation, ev.CallStarted("c3", "sip:bob@x", "", 4.0))
    assert len(seen.outgoing[-1].call) == 36  # outgoing calls keep their UUIDs


def test_answer_claims_first_and_steps_back_when_a_colleague_has_the_call(qapp, monkeypatch):
    from ui import tasks

    monkeypatch.setattr(tasks, "_synchronous", True)
    adapter = PhoneAdapter([])
    sent: list[object] = []
    monkeypatch.setattr(adapter, "send", sent.append)
    taken: list[tuple[str, str]] = []
    adapter.call_taken.connect(lambda key, who: taken.append((key, who)))
    claims: list[str] = []

    def claim(key: str, at: float) -> str | None:
        claims.append(key)
        return None if len(claims) == 1 else "Alice Adler"

    adapter.answer_claim = claim
    for n, engine_id in ((1, "c1"), (2, "c2")):
        info = parse_invite(INVITE.format(n=n))
        adapter._on_event(adapter.keys.generation, ev.IncomingCall(engine_id, info, 1.0))
    first, second = (c.key for c in adapter.board.ringing())
    adapter.answer(first)
    assert [type(c).__name__ for c in sent] == ["Answer"]  # won: answered
    adapter.answer(second)
    assert type(sent[-1]).__name__ == "Reject" and sent[-1].code == 480  # type: ignore[attr-defined]
    assert taken == [(second, "Alice Adler")]
    assert adapter.board.calls[second].taken_by == "Alice Adler"
