"""What the engine reports, as frozen dataclasses, and their JSON-line form.

The engine process writes one JSON object per line (``{"event": NAME, ...fields}``);
:func:`decode` turns a line back into one of these classes. Call ids are the engine's
own strings (``"c1"``, ``"c2"``…): pjsua2's numeric ids are reused and must never leave
the engine.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass
from typing import Any

from softphone.call_info import CallInfo, ForwardingHop


@dataclass(frozen=True)
class EngineReady:
    local_uri: str
    sip_port: int
    audio_mode: str  # "device" or "null"
    audio_reason: str
    version: str


@dataclass(frozen=True)
class RegistrationState:
    account: str
    state: str  # "registering", "registered", "failed", "unreachable", "unregistered"
    code: int
    reason: str


@dataclass(frozen=True)
class IncomingCall:
    call: str
    info: CallInfo
    received_at: float  # time.time() when pjsua2 reported the INVITE


@dataclass(frozen=True)
class CallStarted:
    """An outgoing call exists; ``tag`` echoes the command's tag so the UI can match it."""

    call: str
    uri: str
    tag: str


@dataclass(frozen=True)
class CallStateChanged:
    call: str
    state: str  # "calling", "incoming", "early", "connecting", "confirmed", "disconnected"
    direction: str  # "in" or "out"
    remote_uri: str
    code: int
    reason: str


@dataclass(frozen=True)
class MediaStateChanged:
    call: str
    active: bool
    local_hold: bool
    remote_hold: bool
    muted: bool
    codec: str = ""  # negotiated audio codec, e.g. "G722/16000"


@dataclass(frozen=True)
class DtmfReceived:
    call: str
    digit: str
    method: str  # "rfc4733" or "info"


@dataclass(frozen=True)
class TransferStatus:
    call: str
    code: int
    reason: str
    final: bool


@dataclass(frozen=True)
class CallEnded:
    call: str
    code: int
    reason: str
    duration_s: float
    answered: bool


@dataclass(frozen=True)
class AudioStatus:
    mode: str
    reason: str
    mic_underruns: int
    speaker_underruns: int
    overflows: int
    latency_ms: float


@dataclass(frozen=True)
class EngineError:
    message: str
    command: str


@dataclass(frozen=True)
class EngineExited:
    """Synthesised by the client when the engine process ends (crash or shutdown)."""

    returncode: int | None
    expected: bool


Event = (
    EngineReady
    | RegistrationState
    | IncomingCall
    | CallStarted
    | CallStateChanged
    | MediaStateChanged
    | DtmfReceived
    | TransferStatus
    | CallEnded
    | AudioStatus
    | EngineError
    | EngineExited
)

_EVENT_TYPES: dict[str, type[Any]] = {
    "ready": EngineReady,
    "registration": RegistrationState,
    "incoming": IncomingCall,
    "started": CallStarted,
    "call_state": CallStateChanged,
    "media": MediaStateChanged,
    "dtmf": DtmfReceived,
    "transfer": TransferStatus,
    "ended": CallEnded,
    "audio": AudioStatus,
    "error": EngineError,
    "exited": EngineExited,
}
_NAMES = {cls: name for name, cls in _EVENT_TYPES.items()}


def encode(event: Event) -> str:
    data = dataclasses.asdict(event)
    data["event"] = _NAMES[type(event)]
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def _call_info(data: dict[str, Any]) -> CallInfo:
    hops = tuple(ForwardingHop(**hop) for hop in data.pop("forwarding", ()))
    return CallInfo(**data, forwarding=hops)


def decode(line: str) -> Event:
    """Raises ValueError (or KeyError/TypeError wrapped as ValueError) on a bad line."""
    try:
        data = json.loads(line)
        cls = _EVENT_TYPES[data.pop("event")]
        if cls is IncomingCall:
            data["info"] = _call_info(data["info"])
        event: Event = cls(**data)
        return event
    except (KeyError, TypeError, AttributeError) as exc:
        raise ValueError(f"not an engine event: {line[:200]!r} ({exc})") from exc
