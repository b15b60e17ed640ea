"""What the UI asks of the engine, as frozen dataclasses, and their JSON-line form.

``EngineProcess.send`` takes one of these; the engine decodes the line back into the
same class and dispatches on its type. A misspelt command or field is a mypy error on
the sending side and a ``ValueError`` (reported as an ``EngineError`` of kind
``command``) on the receiving side. Wire form: ``{"cmd": NAME, ...fields}``.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass
from typing import Any

from softphone.events import enum_fields
from softphone.states import DtmfMethod


@dataclass(frozen=True)
class Shutdown:
    """Hang up every call and end the engine process."""


@dataclass(frozen=True)
class Ping:
    """Ask for an ``AudioStatus`` now (also a cheap round-trip probe)."""


@dataclass(frozen=True)
class Register:
    registrar: str  # host[:port]
    username: str
    password: str = dataclasses.field(repr=False)
    transport: str = "udp"  # "udp" or "tcp"
    domain: str = ""
    expires: int = 300


@dataclass(frozen=True)
class Unregister:
    pass


@dataclass(frozen=True)
class Dial:
    uri: str  # a sip:/tel: URI, a number or a user name at the registrar
    tag: str = ""  # echoed in CallStarted


@dataclass(frozen=True)
class Answer:
    call: str
    code: int = 200


@dataclass(frozen=True)
class Reject:
    call: str
    code: int = 486


@dataclass(frozen=True)
class Redirect:
    """Answer the ringing ``call`` with ``302 Moved Temporarily`` and ``Contact: <target>``:
    the proxy sends the caller on to ``target`` (a colleague picks the call up there).
    ``target`` is a sip: URI or a user name at the registrar's domain."""

    call: str
    target: str


@dataclass(frozen=True)
class Hangup:
    call: str


@dataclass(frozen=True)
class Hold:
    call: str


@dataclass(frozen=True)
class Unhold:
    call: str


@dataclass(frozen=True)
class Mute:
    call: str
    on: bool = True


@dataclass(frozen=True)
class SendDtmf:
    call: str
    digits: str
    method: DtmfMethod = DtmfMethod.RFC4733


@dataclass(frozen=True)
class Transfer:
    """Blind transfer of ``call`` to ``uri``."""

    call: str
    uri: str


@dataclass(frozen=True)
class TransferAttended:
    """Connect the held ``call`` with the consulted call ``consult`` (Replaces)."""

    call: str
    consult: str


@dataclass(frozen=True)
class PlayFile:
    call: str
    path: str


@dataclass(frozen=True)
class RecordFile:
    call: str
    path: str


@dataclass(frozen=True)
class Echo:
    call: str
    on: bool = True


@dataclass(frozen=True)
class StopFiles:
    pass


@dataclass(frozen=True)
class SetAvailability:
    """Whether new incoming calls may ring at this seat. While ``False`` (the operator is
    on a break, away, in wrap-up) the engine answers every INVITE at once with 480
    Temporarily Unavailable — no ringing, no pop — and reports it as one ``CallRefused``."""

    available: bool


Command = (
    Shutdown
    | Ping
    | Register
    | Unregister
    | Dial
    | Answer
    | Reject
    | Redirect
    | Hangup
    | Hold
    | Unhold
    | Mute
    | SendDtmf
    | Transfer
    | TransferAttended
    | PlayFile
    | RecordFile
    | Echo
    | StopFiles
    | SetAvailability
)

_COMMAND_TYPES: dict[str, type[Any]] = {
    "shutdown": Shutdown,
    "ping": Ping,
    "register": Register,
    "unregister": Unregister,
    "call": Dial,
    "answer": Answer,
    "reject": Reject,
    "redirect": Redirect,
    "hangup": Hangup,
    "hold": Hold,
    "unhold": Unhold,
    "mute": Mute,
    "dtmf": SendDtmf,
    "transfer": Transfer,
    "transfer_attended": TransferAttended,
    "play_file": PlayFile,
    "record_file": RecordFile,
    "echo": Echo,
    "stop_files": StopFiles,
    "set_availability": SetAvailability,
}
_NAMES = {cls: name for name, cls in _COMMAND_TYPES.items()}
_ENUM_FIELDS = {cls: enum_fields(cls) for cls in _COMMAND_TYPES.values()}


def name_of(command: Command) -> str:
    return _NAMES[type(command)]


def encode(command: Command) -> str:
    data = dataclasses.asdict(command)
    data["cmd"] = _NAMES[type(command)]
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def decode(line: str) -> Command:
    """Raises ValueError for anything but a known command with fitting fields."""
    try:
        data = json.loads(line)
        if not isinstance(data, dict):
            raise TypeError("not an object")
        name = data.pop("cmd")
        cls = _COMMAND_TYPES[name]
        for field_name, kind in _ENUM_FIELDS[cls].items():
            if field_name in data:
                data[field_name] = kind(data[field_name])
        for f in dataclasses.fields(cls):
            expected = {"str": str, "int": int, "bool": bool}.get(str(f.type))
            value = data.get(f.name)
            if value is not None and expected is not None and type(value) is not expected:
                raise TypeError(f"{name}.{f.name} must be {f.type}, not {value!r}")
        command: Command = cls(**data)
        return command
    except (KeyError, TypeError, AttributeError) as exc:
        raise ValueError(f"not a command: {exc}") from exc
