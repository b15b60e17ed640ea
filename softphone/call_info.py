"""Who is calling and which number was called: one immutable :class:`CallInfo` per INVITE.

:func:`parse_invite` reads the raw text of a received INVITE (``prm.rdata.wholeMsg``) and
collects what the client lookup and the screen-pop need: caller identity (From,
P-Asserted-Identity, privacy), the dialled number and the forwarding chain (Diversion,
History-Info). Numbers are kept as written, only visual separators are removed —
normalising them to E.164 is the ``clients`` package's job. Pure Python, no pjsua2.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from appenv import logs
from softphone.pj_strings import lenient
from softphone.sip_addresses import (
    MAX_URI,
    NameAddr,
    clean_text,
    parse_name_addr,
    uri_headers,
    uri_host,
    uri_number,
    uri_params,
    uri_user,
    without_uri_headers,
)
from softphone.sip_headers import SipParseError, parse_headers, parse_request

__all__ = [
    "CallInfo",
    "ForwardingHop",
    "SipParseError",
    "parse_headers",
    "parse_invite",
    "read_invite",
]

_log = logs.get("softphone")

#: At most this many forwarding hops are kept (the oldest ones, which identify the client).
MAX_HOPS = 20
#: History-Info entries looked at before sorting (entries are appended oldest first).
MAX_HISTORY_ENTRIES = 200
MAX_CALL_ID = 512
MAX_USER_AGENT = 200
MAX_TOKEN = 64
_UNKNOWN_PREFIX = "unreadable-"  # Call-ID given to an INVITE that could not be read
_CSEQ = re.compile(r"^\s*([0-9]{1,10})\b")

#: RFC 4458 §3 cause values of a retargeted URI, named like RFC 5806 Diversion reasons.
CAUSE_REASONS: Mapping[str, str] = {
    "302": "unconditional",
    "404": "unknown",
    "408": "no-answer",
    "480": "deflection",
    "486": "user-busy",
    "487": "deflection",
    "503": "unavailable",
}

_HI_INDEX = re.compile(r"[0-9]{1,9}(?:\.[0-9]{1,9}){0,31}")
_SIP_CAUSE = re.compile(r"^\s*SIP\s*;(?:.*?;)?\s*cause\s*=\s*([0-9]{3})", re.IGNORECASE)
_PRIVACY_VALUES = frozenset({"id", "user", "header"})
_RPID_PRIVACY = frozenset({"full", "name", "uri"})


@dataclass(frozen=True)
class ForwardingHop:
    """One target the call was sent to before it reached us."""

    target_uri: str
    target_number: str | None
    reason: str | None
    source: str  # "diversion" or "history-info"
    index: str | None  # History-Info index ("1.1") or Diversion counter


@dataclass(frozen=True)
class CallInfo:
    """Caller identity and called-number data of one incoming INVITE."""

    sip_call_id: str
    caller_uri: str
    caller_number: str | None
    caller_display_name: str | None
    from_number: str | None
    from_display_name: str | None
    asserted_number: str | None
    asserted_display_name: str | None
    privacy: bool
    request_uri: str
    to_uri: str
    dialled_number: str | None
    forwarding: tuple[ForwardingHop, ...]
    user_agent: str | None
    #: Numbers of P-Called-Party-ID, To and Request-URI, kept for :meth:`client_candidates`.
    called_party_number: str | None = None
    to_number: str | None = None
    request_number: str | None = None
    #: With ``sip_call_id`` the INVITE's identity (RFC 3261 §17.2.3): the same at every
    #: seat an office proxy forked it to (see :meth:`identity_key`).
    from_tag: str = ""
    cseq: int = 0

    def identity_key(self) -> str:
        """A key for this INVITE that every seat rung by it derives alike (``""``: none).

        Call-ID, From tag and CSeq number hashed: the seats of an office log one call once.
        """
        if not self.sip_call_id or self.sip_call_id.startswith(_UNKNOWN_PREFIX):
            return ""
        import hashlib

        identity = f"{self.sip_call_id}\n{self.from_tag}\n{self.cseq}".encode()
        return "sip-" + hashlib.sha256(identity).hexdigest()[:32]

    def client_candidates(self) -> tuple[str, ...]:
        """Numbers to look a client up by, best first, without duplicates.

        The original target of the forwarding chain comes first (oldest hop first), then
        P-Called-Party-ID, the To user and the Request-URI user.
        """
        ordered = [hop.target_number for hop in self.forwarding]
        ordered += [self.called_party_number, self.to_number, self.request_number]
        return tuple(dict.fromkeys(n for n in ordered if n))


def _first(headers: Mapping[str, list[str]], name: str) -> str | None:
    values = headers.get(name)
    return values[0] if values else None


def _name_addr(headers: Mapping[str, list[str]], name: str) -> NameAddr | None:
    value = _first(headers, name)
    return parse_name_addr(value) if value is not None else None


def _is_anonymous(addr: NameAddr | None) -> bool:
    if addr is None:
        return False
    user = (uri_user(addr.uri) or "").lower()
    host = uri_host(addr.uri) or ""
    return user == "anonymous" or host.endswith("anonymous.invalid")


@dataclass(frozen=True)
class _Identity:
    uri: str
    number: str | None
    display_name: str | None
    private: bool = False


def _asserted_identity(headers: Mapping[str, list[str]]) -> _Identity | None:
    """P-Asserted-Identity, else P-Preferred-Identity, else Remote-Party-ID (party=calling)."""
    for name in ("p-asserted-identity", "p-preferred-identity", "remote-party-id"):
        addrs = [a for a in (parse_name_addr(v) for v in headers.get(name, [])[:4]) if a]
        private = False
        if name == "remote-party-id":
            addrs = [a for a in addrs if a.params.get("party", "calling") == "calling"]
            private = any((a.params.get("privacy") or "").lower() in _RPID_PRIVACY for a in addrs)
        if not addrs:
            continue
        numbered = [a for a in addrs if uri_number(a.uri)]
        chosen = numbered[0] if numbered else addrs[0]
        display = next((a.display_name for a in addrs if a.display_name), None)
        return _Identity(chosen.uri, uri_number(chosen.uri), display, private)
    return None


def _privacy_requested(headers: Mapping[str, list[str]]) -> bool:
    for value in headers.get("privacy", []):
        tokens = {t.strip().lower() for t in re.split(r"[;,]", value[:1024])}
        if tokens & _PRIVACY_VALUES:
            return True
    return False


def _diversion_hops(values: Sequence[str]) -> list[ForwardingHop]:
    """RFC 5806 lists the newest diversion first: reverse so the original target leads."""
    hops: list[ForwardingHop] = []
    for value in reversed(values[-MAX_HOPS:]):
        addr = parse_name_addr(value)
        if addr is None:
            continue
        reason = _token(addr.params.get("reason"))
        counter = _token(addr.params.get("counter"))
        hops.append(ForwardingHop(addr.uri, uri_number(addr.uri), reason, "diversion", counter))
    return hops


def _token(value: str | None) -> str | None:
    """A short parameter value for display (reason, counter), lower-cased and capped."""
    text = clean_text(value or "", MAX_TOKEN)
    return text.lower() if text else None


def _cause_reason(uri: str) -> str | None:
    """Why the request was retargeted *to* ``uri`` (RFC 4458 ``cause`` URI parameter)."""
    cause = (uri_params(uri).get("cause") or "").strip()
    return CAUSE_REASONS.get(cause, _token(cause))


def _reason_header_cause(uri: str) -> str | None:
    """Why the request left ``uri`` (RFC 4244 embedded ``?Reason=SIP;cause=302``)."""
    reason = uri_headers(uri).get("reason")
    if not reason:
        return None
    match = _SIP_CAUSE.match(reason[:512])
    if match is None:
        return None
    return CAUSE_REASONS.get(match.group(1), match.group(1))


def _history_hops(values: Sequence[str], current: set[str]) -> list[ForwardingHop]:
    """History-Info entries in index order, except the last one (the current target).

    A single entry is a hop only when it differs from the number we were reached at.
    """
    entries: list[tuple[NameAddr, str | None]] = []
    for value in values[:MAX_HISTORY_ENTRIES]:
        addr = parse_name_addr(value)
        if addr is None:
            continue
        index = (addr.params.get("index") or "").strip()
        entries.append((addr, index if _HI_INDEX.fullmatch(index) else None))
    if entries and all(index is not None for _, index in entries):
        entries.sort(key=lambda e: tuple(int(p) for p in (e[1] or "0").split(".")))
    if not entries:
        return []
    if len(entries) >= 2:
        targets = entries[:-1]
    else:
        only = entries[0][0]
        number = uri_number(only.uri)
        key = number or without_uri_headers(only.uri)
        targets = [] if key in current else entries
    hops: list[ForwardingHop] = []
    for position, (addr, hi_index) in enumerate(targets[:MAX_HOPS]):
        reason = _reason_header_cause(addr.uri)
        if reason is None and position + 1 < len(entries):
            reason = _cause_reason(entries[position + 1][0].uri)
        target = without_uri_headers(addr.uri)
        hops.append(ForwardingHop(target, uri_number(target), reason, "history-info", hi_index))
    return hops


def _merge_hops(
    history: list[ForwardingHop], diversion: list[ForwardingHop]
) -> list[ForwardingHop]:
    """History-Info first; Diversion hops that repeat a History-Info target are dropped."""
    seen = {hop.target_number or hop.target_uri for hop in history}
    merged = list(history)
    for hop in diversion:
        key = hop.target_number or hop.target_uri
        if key not in seen:
            seen.add(key)
            merged.append(hop)
    return merged[:MAX_HOPS]


def parse_invite(whole_msg: str) -> CallInfo:
    """Build a :class:`CallInfo` from the raw text of a received SIP request.

    Missing headers leave their fields empty (``""`` or ``None``); only text that is not a
    SIP request raises :class:`SipParseError`.
    """
    request, headers = parse_request(whole_msg)

    from_addr = _name_addr(headers, "from")
    to_addr = _name_addr(headers, "to")
    called_addr = _name_addr(headers, "p-called-party-id")
    asserted = _asserted_identity(headers)

    from_uri = from_addr.uri if from_addr else ""
    from_number = uri_number(from_uri)
    from_display = from_addr.display_name if from_addr else None
    to_uri = to_addr.uri if to_addr else ""
    to_number = uri_number(to_uri)
    request_uri = request.request_uri[:MAX_URI]
    request_number = uri_number(request_uri)
    called_number = uri_number(called_addr.uri) if called_addr else None

    caller_number: str | None
    if asserted is not None and asserted.number:
        caller_uri, caller_number = asserted.uri, asserted.number
    elif from_number or asserted is None:
        caller_uri, caller_number = from_uri, from_number
    else:
        caller_uri, caller_number = asserted.uri, None

    privacy = (
        _privacy_requested(headers)
        or _is_anonymous(from_addr)
        or (asserted is not None and asserted.private)
    )

    current = {n for n in (called_number, request_number, to_number) if n}
    current |= {u for u in (request_uri, to_uri) if u}
    forwarding = _merge_hops(
        _history_hops(headers.get("history-info", []), current),
        _diversion_hops(headers.get("diversion", [])),
    )

    user_agent = _first(headers, "user-agent")
    cseq = _CSEQ.match(_first(headers, "cseq") or "")
    return CallInfo(
        sip_call_id=(_first(headers, "call-id") or "")[:MAX_CALL_ID],
        caller_uri=caller_uri,
        caller_number=caller_number,
        caller_display_name=(asserted.display_name if asserted else None) or from_display,
        from_number=from_number,
        from_display_name=from_display,
        asserted_number=asserted.number if asserted else None,
        asserted_display_name=asserted.display_name if asserted else None,
        privacy=privacy,
        request_uri=request_uri,
        to_uri=to_uri,
        dialled_number=called_number or request_number or to_number,
        forwarding=tuple(forwarding),
        user_agent=clean_text(user_agent, MAX_USER_AGENT) if user_agent else None,
        called_party_number=called_number,
        to_number=to_number,
        request_number=request_number,
        from_tag=(clean_text(from_addr.params.get("tag") or "", MAX_TOKEN) or "")
        if from_addr
        else "",
        cseq=int(cseq.group(1)) if cseq else 0,
    )


def _tag(addr: NameAddr | None) -> str:
    """The ``tag`` parameter of From/To (``""`` when none)."""
    if addr is None:
        return ""
    return clean_text(addr.params.get("tag") or "", MAX_TOKEN) or ""


def _unknown_invite(key: str) -> CallInfo:
    call_id = f"{_UNKNOWN_PREFIX}{key}"
    return parse_invite(f"INVITE sip:unknown@invalid SIP/2.0\r\nCall-ID: {call_id}\r\n\r\n")


def read_invite(whole_msg: str, key: str) -> CallInfo:
    """The caller data of an INVITE pj received; never raises (a call must ring regardless).

    ``whole_msg`` is pj's text (see :func:`softphone.pj_strings.lenient`); ``key`` names
    the call when nothing in the message can be read.
    """
    try:
        return parse_invite(lenient(whole_msg))
    except SipParseError as exc:
        _log.warning("unparseable INVITE (%s); answering it anyway", exc)
    except Exception:  # a parser bug must not lose the call
        _log.exception("INVITE parser failed; answering it anyway")
    return _unknown_invite(key)
