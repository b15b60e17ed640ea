"""The calls at this seat, folded from engine events — plain data the UI draws.

Kept out of Qt so the rules (which call is ringing, held, what counts as missed) are
tested without a window. :meth:`CallBoard.apply` returns what changed so views
refresh only the calls that did.
"""

from __future__ import annotations

import dataclasses
import time
from dataclasses import dataclass, field

from softphone import events as ev
from softphone.call_info import CallInfo
from softphone.sip_headers import uri_number


@dataclass(frozen=True)
class FinishedCall:
    """One ended call as the history stores it."""

    key: str
    direction: str  # "in" or "out"
    number: str | None
    display_name: str | None
    dialled_number: str | None
    started_at: float  # epoch seconds
    answered: bool
    duration_s: float
    outcome: str  # answered, missed, rejected, busy, failed, transferred
    code: int
    reason: str
    info: CallInfo | None


@dataclass(frozen=True)
class BoardCall:
    key: str
    direction: str
    remote_uri: str
    info: CallInfo | None = None
    state: str = "calling"
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

    @property
    def ringing(self) -> bool:
        return self.direction == "in" and self.state in ("incoming", "early")

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
        return [c for c in self.calls.values() if c.state == "confirmed"]

    def mark_rejected(self, key: str) -> None:
        self._update(key, rejected_by_us=True)

    def mark_transferred(self, key: str) -> None:
        self._update(key, transferred=True)

    def _update(self, key: str, **changes: object) -> BoardCall | None:
        call = self.calls.get(key)
        if call is None:
            return None
        call = dataclasses.replace(call, **changes)  # type: ignore[arg-type]
        self.calls[key] = call
        return call

    def apply(self, event: ev.Event) -> tuple[BoardCall | None, FinishedCall | None]:
        """Fold one event in; returns the call that changed and, at its end, its record."""
        if isinstance(event, ev.IncomingCall):
            call = BoardCall(
                event.call,
                "in",
                event.info.caller_uri,
                event.info,
                "incoming",
                started_at=event.received_at,
            )
            self.calls[call.key] = call
            return call, None
        if isinstance(event, ev.CallStarted):
            call = BoardCall(event.call, "out", event.uri, tag=event.tag)
            self.calls[call.key] = call
            return call, None
        if isinstance(event, ev.CallStateChanged):
            existing = self.calls.get(event.call)
            if existing is None:  # e.g. a call pj created for a transfer request
                existing = BoardCall(event.call, event.direction, event.remote_uri)
                self.calls[event.call] = existing
            answered_at = existing.answered_at
            if event.state == "confirmed" and answered_at is None:
                answered_at = time.time()
            return self._update(
                event.call,
                state=event.state,
                answered_at=answered_at,
                remote_uri=event.remote_uri or existing.remote_uri,
            ), None
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
            return dataclasses.replace(ended, state="disconnected"), _finish(ended, event)
        return None, None


def _finish(call: BoardCall, event: ev.CallEnded) -> FinishedCall:
    if call.transferred:
        outcome = "transferred"
    elif event.answered:
        outcome = "answered"
    elif call.direction == "in":
        outcome = "rejected" if call.rejected_by_us else "missed"
    elif event.code in (486, 600):
        outcome = "busy"
    else:
        outcome = "failed"
    return FinishedCall(
        key=call.key,
        direction=call.direction,
        number=call.number,
        display_name=call.display_name,
        dialled_number=call.info.dialled_number if call.info else None,
        started_at=call.started_at,
        answered=event.answered,
        duration_s=event.duration_s,
        outcome=outcome,
        code=event.code,
        reason=event.reason,
        info=call.info,
    )
