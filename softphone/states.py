"""The engine protocol's closed vocabularies as ``StrEnum``s.

They travel as their plain string values in the JSON lines (``"confirmed"``, ``"in"``), so
the wire stays readable, while Python code gets a mypy error for a misspelt state.
"""

from __future__ import annotations

import enum


class CallState(enum.StrEnum):
    """pjsip's invite-session states, named as pjsua2 names them."""

    NULL = "null"
    CALLING = "calling"
    INCOMING = "incoming"
    EARLY = "early"
    CONNECTING = "connecting"
    CONFIRMED = "confirmed"
    DISCONNECTED = "disconnected"


class Direction(enum.StrEnum):
    IN = "in"
    OUT = "out"


class RegStatus(enum.StrEnum):
    """What the registered account is doing; ``UNREACHABLE`` comes from our own probe."""

    REGISTERING = "registering"
    REGISTERED = "registered"
    FAILED = "failed"
    UNREACHABLE = "unreachable"
    UNREGISTERED = "unregistered"


class AudioMode(enum.StrEnum):
    AUDIO = "audio"  # sound devices open through the audio bridge
    NULL = "null"  # no sound devices: calls still work, nobody hears them
    STOPPED = "stopped"  # the bridge is not running (engine starting or stopping)


class DtmfMethod(enum.StrEnum):
    RFC4733 = "rfc4733"
    INFO = "info"


class ErrorKind(enum.StrEnum):
    """Why the engine reports an error, so the UI can say it in the operator's words."""

    RING_DEVICE = "ring_device"  # the ringer cannot open its sound device
    AUDIO_DEVICE = "audio_device"  # headset/microphone unavailable
    SIP_TRANSPORT = "sip_transport"  # cannot listen on the SIP port (in use, bad address)
    COMMAND = "command"  # a command the engine does not understand (a bug on our side)
    CALL = "call"  # pjsua refused an operation on a call (e.g. hold while not connected)


class Outcome(enum.StrEnum):
    """How a call ended, as the call history records it."""

    ANSWERED = "answered"
    MISSED = "missed"
    REJECTED = "rejected"
    BUSY = "busy"  # incoming: refused by the engine (all lines busy); outgoing: 486/600
    FAILED = "failed"
    TRANSFERRED = "transferred"
    INTERRUPTED = "interrupted"  # the engine or the app died while the call was up or ringing
    #: an office call another seat answered (CANCEL with cause 200, or lost the answer
    #: claim): served, so never missed — and never written over the answering seat's row
    ANSWERED_ELSEWHERE = "answered_elsewhere"

    @property
    def missed(self) -> bool:
        """Nobody served the caller: the client must hear about this call."""
        return self in (Outcome.MISSED, Outcome.BUSY, Outcome.FAILED, Outcome.INTERRUPTED)


RINGING_STATES = frozenset({CallState.INCOMING, CallState.EARLY})
BUSY_STATES = frozenset(
    {CallState.CALLING, CallState.EARLY, CallState.CONNECTING, CallState.CONFIRMED}
)
