"""The calls at this seat, folded from engine events — plain data the UI draws.

Kept out of Qt so the rules (which call is ringing, held, what counts as missed) are
tested without a window. :meth:`CallBoard.apply` returns what changed so views
refresh only the calls that did. The board keys calls by whatever ``call`` the events
carry; the Qt adapter feeds it events whose keys are unique for the life of the UI.
"""

from __future__ import annotations

import dataclasses
import time
from dataclasses import dataclass, field

from softphone import events as ev
from softphone.call_info import CallInfo
from softphone.sip_addresses import uri_number
from softphone.states import RINGING_STATES, CallState, Direction, Outcome

BUSY_CODES = frozenset({486, 600, 603})
UNAVAILABLE_CODE = 480  # turned away: the seat was not available (break, away, wrap-up)
#: this seat sent the ringing call on to a colleague's seat (a pickup, ``Redirect``)
REDIRECTED_CODE = 302


@dataclass(frozen=True)
class FinishedCall:
    """One ended call as the history stores it; times are epoch seconds."""

    key: str
    direction: Direction
    number: str | None
    display_name: str | None
    dialled_number: str | None
    started_at: float  # ring start (incoming INVITE) or dial time (outgoing)
    answered_at: float | None  # CONFIRMED; None if never answered
    ended_at: float
    answered: bool
    duration_s: float  # talk time: ended_at - answered_at
    outcome: Outcome
    code: int
    reason: str
    info: CallInfo | None
    remote_uri: str = ""  # the caller's / callee's URI, also for calls without a number

    @property
    def ring_s(self) -> float:
        """How long it rang (incoming) or was dialling (outgoing) until answer or end."""
        return max(0.0, (self.answered_at or self.ended_at) - self.started_at)


@dataclass(frozen=True)
class BoardCall:
    key: str
    direction: Direction
    remote_uri: str
    info: CallInfo | None = None
    state: CallState = CallState.CALLING
    local_hold: bool = False
    remote_hold: bool = False
    muted: bool = False
    codec: str = ""
    started_at: float = field(default_factory=time.time)
    answered_at: float | None = None
    dtmf: str = ""
    transfer: str = ""  # last transfer progress, e.g. "180 Ringing"
    rejected_by_us: bool = False
    transferred: bool = False
    tag: str = ""
    #: an office call another seat took: its operator's name ("" when not known)
    taken_by: str | None = None

    @property
    def ringing(self) -> bool:
        return self.direction == Direction.IN and self.state in RINGING_STATES

    @property
    def number(self) -> str | None:
        if self.info is not None:
            return self.info.caller_number
        return uri_number(self.remote_uri)

    @property
    def display_name(self) -> str | None:
        return self.info.caller_display_name if self.info is not None else None


class CallBoard:
    def __init__(self) -> None:
        self.calls: dict[str, BoardCall] = {}

    def ringing(self) -> list[BoardCall]:
        return [c for c in self.calls.values() if c.ringing]

    def talking(self) -> list[BoardCall]:
        return [c for c in self.calls.values() if c.state == CallState.CONFIRMED]

    def mark_rejected(self, key: str) -> None:
        self._update(key, rejected_by_us=True)

    def mark_taken(self, key: str, operator: str) -> BoardCall | None:
        """Another seat won the answer claim: this seat must not answer nor miss it."""
        return self._update(key, taken_by=operator)

    def mark_transferred(self, key: str) -> None:
        self._update(key, transferred=True)

    def _update(self, key: str, **changes: object) -> BoardCall | None:
        call = self.calls.get(key)
        if call is None:
            return None
        call = dataclasses.replace(call, **changes)  # type: ignore[arg-type]
        self.calls[key] = call
        return call

    def interrupt_all(self, at: float | None = None) -> list[tuple[BoardCall, FinishedCall]]:
        """The engine died: every call on the board ends now, as "interrupted"."""
        ended_at = time.time() if at is None else at
        finished = []
        for call in list(self.calls.values()):
            del self.calls[call.key]
            talk = ended_at - call.answered_at if call.answered_at is not None else 0.0
            record = _record(call, Outcome.INTERRUPTED, ended_at, round(max(talk, 0.0), 3),
                             0, "phone engine stopped")  # fmt: skip
            finished.append((dataclasses.replace(call, state=CallState.DISCONNECTED), record))
        return finished

    def apply(self, event: ev.Event) -> tuple[BoardCall | None, FinishedCall | None]:
        """Fold one event in; returns the call that changed and, at its end, its record."""
        if isinstance(event, ev.IncomingCall):
            call = BoardCall(event.call, Direction.IN, event.info.caller_uri, event.info,
                             CallState.INCOMING, started_at=event.received_at)  # fmt: skip
            self.calls[call.key] = call
            return call, None
        if isinstance(event, ev.CallRefused):
            call = BoardCall(event.call, Direction.IN, event.info.caller_uri, event.info,
                             CallState.DISCONNECTED, started_at=event.received_at)  # fmt: skip
            outcome = Outcome.BUSY if event.code in BUSY_CODES else Outcome.FAILED
            if event.code == UNAVAILABLE_CODE:
                outcome = Outcome.MISSED  # nobody was there to take it
            return None, _record(call, outcome, event.received_at, 0.0, event.code, event.reason)
        if isinstance(event, ev.CallStarted):
            known = self.calls.get(event.call)
            started_at = event.started_at or time.time()
            if known is not None:  # its first state change came first
                return self._update(event.call, tag=event.tag, started_at=started_at), None
            call = BoardCall(event.call, Direction.OUT, event.uri, tag=event.tag,
                             started_at=started_at)  # fmt: skip
            self.calls[call.key] = call
            return call, None
        if isinstance(event, ev.CallStateChanged):
            return self._state_changed(event), None
        if isinstance(event, ev.MediaStateChanged):
            before = self.calls.get(event.call)
            return self._update(
                event.call,
                local_hold=event.local_hold,
                remote_hold=event.remote_hold,
                muted=event.muted,
                codec=event.codec or (before.codec if before else ""),
            ), None
        if isinstance(event, ev.DtmfReceived):
            known = self.calls.get(event.call)
            if known is None:
                return None, None
            return self._update(event.call, dtmf=(known.dtmf + event.digit)[-32:]), None
        if isinstance(event, ev.TransferStatus):
            changed = self._update(event.call, transfer=f"{event.code} {event.reason}".strip())
            if event.final and 200 <= event.code < 300:
                self.mark_transferred(event.call)
            return changed, None
        if isinstance(event, ev.CallEnded):
            ended = self.calls.pop(event.call, None)
            if ended is None:
                return None, None
            return dataclasses.replace(ended, state=CallState.DISCONNECTED), _finish(ended, event)
        return None, None

    def _state_changed(self, event: ev.CallStateChanged) -> BoardCall | None:
        existing = self.calls.get(event.call)
        if existing is None:  # e.g. a call pj created for a transfer request
            existing = BoardCall(event.call, event.direction, event.remote_uri,
                                 started_at=event.at or time.time())  # fmt: skip
            self.calls[event.call] = existing
        answered_at = existing.answered_at
        if event.state == CallState.CONFIRMED and answered_at is None:
            answered_at = event.at or time.time()
        return self._update(
            event.call,
            state=event.state,
            answered_at=answered_at,
            remote_uri=event.remote_uri or existing.remote_uri,
        )


def _finish(call: BoardCall, event: ev.CallEnded) -> FinishedCall:
    if call.transferred:
        outcome = Outcome.TRANSFERRED
    elif event.answered:
        outcome = Outcome.ANSWERED
    elif event.answered_elsewhere or call.taken_by is not None or _redirected(call, event):
        outcome = Outcome.ANSWERED_ELSEWHERE
    elif call.direction == Direction.IN:
        outcome = Outcome.REJECTED if call.rejected_by_us else Outcome.MISSED
    elif event.code in BUSY_CODES:
        outcome = Outcome.BUSY
    else:
        outcome = Outcome.FAILED
    ended_at = event.ended_at or time.time()
    answered_at = None
    if event.answered:  # the engine's own stamp first
        answered_at = event.answered_at or call.answered_at or ended_at - event.duration_s
    call = dataclasses.replace(
        call, answered_at=answered_at, started_at=event.started_at or call.started_at
    )
    return _record(call, outcome, ended_at, event.duration_s, event.code, event.reason)


def _redirected(call: BoardCall, event: ev.CallEnded) -> bool:
    """A colleague picked the call up: this seat answered it 302 (a caller who hung up
    first ends it 487, and it is missed)."""
    return call.direction == Direction.IN and event.code == REDIRECTED_CODE


def _record(
    call: BoardCall, outcome: Outcome, ended_at: float, talk_s: float, code: int, reason: str
) -> FinishedCall:
    return FinishedCall(
        key=call.key,
        direction=call.direction,
        number=call.number,
        display_name=call.display_name,
        dialled_number=call.info.dialled_number if call.info else None,
        started_at=call.started_at,
        answered_at=call.answered_at,
        ended_at=ended_at,
        answered=call.answered_at is not None,
        duration_s=talk_s,
        outcome=outcome,
        code=code,
        reason=reason,
        info=call.info,
        remote_uri=call.remote_uri,
    )
