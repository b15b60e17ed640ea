"""How the engine process is started, and its reading of a received INVITE."""

from __future__ import annotations

from dataclasses import dataclass

from appenv import logs
from softphone.call_info import CallInfo, SipParseError, parse_invite
from softphone.pj_strings import lenient

log = logs.get("softphone")


@dataclass
class EngineOptions:
    sip_port: int = 5070
    bind_address: str = "0.0.0.0"
    public_address: str = ""
    user: str = "vorzimmer"
    input_device: str | None = None
    output_device: str | None = None
    ringer_device: str | None = None
    null_audio: bool = False
    auto_answer: int = 0  # answer incoming calls with this code (0 = ring and wait)
    log_level: int = 2


def _unknown_invite(key: str) -> CallInfo:
    return parse_invite(f"INVITE sip:unknown@invalid SIP/2.0\r\nCall-ID: {key}\r\n\r\n")


def read_invite(whole_msg: str, key: str) -> CallInfo:
    """The caller data of a received INVITE; never raises (a call must ring regardless)."""
    try:
        return parse_invite(lenient(whole_msg))
    except SipParseError as exc:
        log.warning("unparseable INVITE (%s); answering it anyway", exc)
    except Exception:  # a parser bug must not lose the call
        log.exception("INVITE parser failed; answering it anyway")
    return _unknown_invite(key)
