"""What the engine reports, as frozen dataclasses, and their JSON-line form.

The engine process writes one JSON object per line (``{"event": NAME, ...fields}``);
:func:`decode` turns a line back into one of these classes. Call ids are the engine's
own strings (``"c1"``, ``"c2"``…): pjsua2's numeric ids are reused and must never leave
the engine, and the engine's ids restart with every engine process — the UI maps them to
keys of its own (``ui.phone``). Times are epoch seconds stamped by the engine when pjsua2
reported the moment, not when the UI got round to reading the line.
"""

from __future__ import annotations

import dataclasses
import enum
import json
import typing
from dataclasses import dataclass
from typing import Any

from softphone.call_info import CallInfo, ForwardingHop
from softphone.states import (
    AudioMode,
    CallState,
    Direction,
    DtmfMethod,
    ErrorKind,
    RegStatus,
)


@dataclass(frozen=True)
class EngineReady:
    local_uri: str
    sip_port: int
    audio_mode: AudioMode
    audio_reason: str
    version: str


@dataclass(frozen=True)
class RegistrationState:
    account: str
    state: RegStatus
    code: int
    reason: str


@dataclass(frozen=True)
class IncomingCall:
    call: str
    info: CallInfo
    received_at: float  # when pjsua2 reported the INVITE


@dataclass(frozen=True)
class CallRefused:
    """An INVITE the engine answered itself with a final error (all lines busy: 486; the
    seat not available: 480, see ``SetAvailability``).

    The caller heard "busy" and never rang at the seat: a lost caller the client must
    hear about. ``call`` is an engine id of its own, never used by another call.
    """

    call: str
    info: CallInfo
    received_at: float
    code: int
    reason: str


@dataclass(frozen=True)
class CallStarted:
    """An outgoing call exists; ``tag`` echoes the command's tag so the UI can match it."""

    call: str
    uri: str
    tag: str
    started_at: float = 0.0  # when the INVITE was handed to pjsua2


@dataclass(frozen=True)
class CallStateChanged:
    call: str
    state: CallState
    direction: Direction
    remote_uri: str
    code: int
    reason: str
    at: float = 0.0  # when pjsua2 reported the state


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
    method: DtmfMethod


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
    duration_s: float  # talk time (CONFIRMED → DISCONNECTED), 0 if never answered
    answered: bool
    started_at: float = 0.0  # INVITE received / sent
    answered_at: float | None = None  # CONFIRMED
    ended_at: float = 0.0  # DISCONNECTED
    #: the caller's CANCEL said another seat took the call (Reason: SIP;cause=200)
    answered_elsewhere: bool = False
    cancel_reason: str = ""  # that CANCEL's Reason, for the log ("SIP 200 Call completed …")


@dataclass(frozen=True)
class AudioStatus:
    mode: AudioMode
    reason: str
    mic_underruns: int
    speaker_underruns: int
    overflows: int
    latency_ms: float


@dataclass(frozen=True)
class EngineError:
    """``message`` is technical (for the log); ``kind`` says what the operator is told."""

    message: str
    command: str
    kind: ErrorKind = ErrorKind.COMMAND
    call: str = ""  # the call the failed command was about, if any


@dataclass(frozen=True)
class EngineExited:
    """Synthesised by the client when the engine process ends (crash or shutdown)."""

    returncode: int | None
    expected: bool


#: Events about one call: each has a ``call`` field with the engine's call id.
CallEvent = (
    IncomingCall
    | CallRefused
    | CallStarted
    | CallStateChanged
    | MediaStateChanged
    | DtmfReceived
    | TransferStatus
    | CallEnded
)
Event = EngineReady | RegistrationState | CallEvent | AudioStatus | EngineError | EngineExited

_EVENT_TYPES: dict[str, type[Any]] = {
    "ready": EngineReady,
    "registration": RegistrationState,
    "incoming": IncomingCall,
    "refused": CallRefused,
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


def enum_fields(cls: type[Any]) -> dict[str, type[enum.Enum]]:
    """The fields of a dataclass typed with an enum: decoding turns their strings back."""
    hints = typing.get_type_hints(cls)
    found: dict[str, type[enum.Enum]] = {}
    for f in dataclasses.fields(cls):
        hint = hints[f.name]
        if isinstance(hint, type) and issubclass(hint, enum.Enum):
            found[f.name] = hint
    return found


_ENUM_FIELDS = {cls: enum_fields(cls) for cls in _EVENT_TYPES.values()}


def encode(event: Event) -> str:
    data = dataclasses.asdict(event)
    data["event"] = _NAMES[type(event)]
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def _call_info(data: dict[str, Any]) -> CallInfo:
    hops = tuple(ForwardingHop(**hop) for hop in data.pop("forwarding", ()))
    return CallInfo(**data, forwarding=hops)


def decode(line: str) -> Event:
    """Raises ValueError (also for an unknown state or kind) on a bad line."""
    try:
        data = json.loads(line)
        cls = _EVENT_TYPES[data.pop("event")]
        if "info" in data:
            data["info"] = _call_info(data["info"])
        for name, kind in _ENUM_FIELDS[cls].items():
            if name in data:
                data[name] = kind(data[name])
        event: Event = cls(**data)
        return event
    except (KeyError, TypeError, AttributeError) as exc:
        raise ValueError(f"not an engine event: {line[:200]!r} ({exc})") from exc


__all__ = [
    "AudioMode",
    "AudioStatus",
    "CallEnded",
    "CallEvent",
    "CallRefused",
    "CallStarted",
    "CallState",
    "CallStateChanged",
    "Direction",
    "DtmfMethod",
    "DtmfReceived",
    "EngineError",
    "EngineExited",
    "EngineReady",
    "ErrorKind",
    "Event",
    "IncomingCall",
    "MediaStateChanged",
    "RegStatus",
    "RegistrationState",
    "TransferStatus",
    "decode",
    "encode",
    "enum_fields",
]
