"""Why a caller's INVITE was cancelled: the RFC 3326 ``Reason`` header of a CANCEL.

An office's proxy rings every seat at once; when one seat answers, it CANCELs the others
with ``Reason: SIP;cause=200;text="Call completed elsewhere"``. That call was served, not
missed: the engine reports it so (:attr:`CallEnded.answered_elsewhere`). Pure Python.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from softphone.sip_addresses import clean_text
from softphone.sip_headers import SipParseError, parse_request

_CAUSE = re.compile(r";\s*cause\s*=\s*([0-9]{1,5})", re.IGNORECASE)
_TEXT = re.compile(r';\s*text\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]*))', re.IGNORECASE)
MAX_TEXT = 200


@dataclass(frozen=True)
class CancelReason:
    protocol: str  # "SIP" or "Q.850"
    cause: int
    text: str

    @property
    def answered_elsewhere(self) -> bool:
        """RFC 3326 / RFC 3261 §9.1: another branch of the fork got the 200 OK."""
        return self.protocol == "SIP" and self.cause == 200


def parse_reason(value: str) -> CancelReason | None:
    """One ``Reason`` header value, e.g. ``SIP;cause=200;text="Call completed elsewhere"``."""
    protocol = value.split(";", 1)[0].strip().upper()
    cause = _CAUSE.search(value)
    if not protocol or cause is None:
        return None
    text = _TEXT.search(value)
    said = (text.group(1) if text.group(1) is not None else text.group(2)) if text else ""
    return CancelReason(protocol, int(cause.group(1)), clean_text(said, MAX_TEXT) or "")


def cancel_reasons(whole_msg: str) -> tuple[CancelReason, ...]:
    """The Reason values of a received CANCEL; empty for any other message or none given."""
    try:
        request, headers = parse_request(whole_msg)
    except SipParseError:
        return ()
    if request.method != "CANCEL":
        return ()
    found = (parse_reason(v) for v in headers.get("reason", [])[:8])  # split at commas
    return tuple(r for r in found if r is not None)
