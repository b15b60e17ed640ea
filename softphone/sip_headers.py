"""Low-level, linear-time parsing of SIP message text (RFC 3261 syntax, lenient).

Everything here works on the decoded text of a received message
(``pjsua2`` gives it as ``prm.rdata.wholeMsg``): the request line, the header lines,
lists and parameters. Addresses and URIs inside header values are read by
:mod:`softphone.sip_addresses`. The functions never raise on odd input except
:func:`parse_request_line` and :func:`parse_request`, which refuse text that is not a
SIP request.

No regular expression here can backtrack super-linearly, and every loop is bounded by
the input length, so hostile messages cost at most linear time.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from appenv import logs

_log = logs.get("softphone")

#: Only this much of a message is looked at for headers; pjsip's own packet limit is far lower.
MAX_HEADER_CHARS = 256 * 1024
#: Longest request line accepted (the request URI lives in it).
MAX_REQUEST_LINE = 8 * 1024
MAX_PARAMS = 64


class SipParseError(ValueError):
    """The text is not a SIP request at all."""


#: RFC 3261 §7.3.3 and later RFCs: compact header names.
COMPACT_FORMS: Mapping[str, str] = {
    "a": "accept-contact",
    "b": "referred-by",
    "c": "content-type",
    "d": "request-disposition",
    "e": "content-encoding",
    "f": "from",
    "i": "call-id",
    "j": "reject-contact",
    "k": "supported",
    "l": "content-length",
    "m": "contact",
    "n": "identity-info",
    "o": "event",
    "r": "refer-to",
    "s": "subject",
    "t": "to",
    "u": "allow-events",
    "v": "via",
    "x": "session-expires",
    "y": "identity",
}

#: Headers whose grammar is a comma-separated list; only these are split at commas
#: (User-Agent, Subject, Date, WWW-Authenticate ... contain commas that are not separators).
LIST_HEADERS = frozenset(
    {
        "accept",
        "accept-contact",
        "accept-encoding",
        "accept-language",
        "alert-info",
        "allow",
        "allow-events",
        "call-info",
        "contact",
        "content-encoding",
        "content-language",
        "diversion",
        "error-info",
        "history-info",
        "in-reply-to",
        "p-asserted-identity",
        "p-associated-uri",
        "p-preferred-identity",
        "path",
        "proxy-require",
        "reason",
        "record-route",
        "reject-contact",
        "remote-party-id",
        "require",
        "route",
        "security-client",
        "security-server",
        "security-verify",
        "service-route",
        "supported",
        "unsupported",
        "via",
    }
)

_START_LINE = re.compile(
    r"([!%*_+`'~.A-Za-z0-9-]{1,64})[ \t]+(\S{1,8000})[ \t]+SIP/2\.0[ \t]*", re.IGNORECASE
)
_HEADER_NAME = re.compile(r"[!%&'*+.^_`|~0-9A-Za-z-]{1,128}")
_BLANK_LINES = ("\r\n\r\n", "\n\n", "\r\r")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
# Tokens for splitting at a separator outside "quoted strings" and <angle brackets>.
# Every alternative consumes at least one character and none can overlap, so scanning
# is linear; an unclosed quote or bracket simply runs to the end of the text.
_LIST_TOKENS = re.compile(r'"(?:[^"\\]|\\.)*"?|<[^>]*>?|[^",<]+|,', re.DOTALL)
_PARAM_TOKENS = re.compile(r'"(?:[^"\\]|\\.)*"?|[^";]+|;', re.DOTALL)
_QUOTED_PAIR = re.compile(r"\\(.)", re.DOTALL)


@dataclass(frozen=True)
class RequestLine:
    method: str
    request_uri: str


def _header_section(whole_msg: str) -> tuple[str, list[str]]:
    """Split off the start line and return it with the raw (still folded) header lines."""
    text = whole_msg.lstrip("\r\n")  # RFC 3261 §7.5: ignore CRLFs before the start line
    if len(text) > MAX_HEADER_CHARS:
        _log.debug("SIP message longer than %d chars; headers read from its start", len(text))
        text = text[:MAX_HEADER_CHARS]
    ends = [pos for pos in (text.find(sep) for sep in _BLANK_LINES) if pos != -1]
    head = text[: min(ends)] if ends else text
    lines = _LINE_BREAK.split(head)
    return lines[0], lines[1:]


def _request_line(first: str) -> RequestLine:
    first = first.strip()
    if not first:
        raise SipParseError("not a SIP request: the message is empty")
    if len(first) > MAX_REQUEST_LINE:
        raise SipParseError(f"not a SIP request: request line longer than {MAX_REQUEST_LINE}")
    match = _START_LINE.fullmatch(first)
    if match is None:
        shown = first[:80] + ("…" if len(first) > 80 else "")
        if first.upper().startswith("SIP/"):
            raise SipParseError(f"not a SIP request but a response: {shown!r}")
        raise SipParseError(f"not a SIP request: first line is {shown!r}")
    return RequestLine(method=match.group(1).upper(), request_uri=match.group(2))


def parse_request_line(whole_msg: str) -> RequestLine:
    """Method and request URI of a SIP request; :class:`SipParseError` for anything else."""
    return _request_line(_header_section(whole_msg)[0])


def parse_request(whole_msg: str) -> tuple[RequestLine, dict[str, list[str]]]:
    """Request line and headers (as :func:`parse_headers`) of a SIP request in one pass."""
    first, lines = _header_section(whole_msg)
    return _request_line(first), _parse_header_lines(lines)


def parse_headers(whole_msg: str) -> dict[str, list[str]]:
    """Headers of a SIP message as ``{lower-case full name: [values in order]}``.

    The first line is taken as the start line and skipped unless it looks like a header.
    Compact names are expanded (``f`` → ``from``), folded lines are joined, list headers
    (see :data:`LIST_HEADERS`) are split at commas outside quotes and angle brackets, and
    repeated header lines are appended in the order received. Lines that are not
    ``name: value`` are ignored; the body is never looked at.
    """
    first, lines = _header_section(whole_msg)
    if ":" in first and (
        len(first) > MAX_REQUEST_LINE or _START_LINE.fullmatch(first.strip()) is None
    ):
        lines = [first, *lines]
    return _parse_header_lines(lines)


def _parse_header_lines(lines: list[str]) -> dict[str, list[str]]:
    headers: dict[str, list[str]] = {}
    name: str | None = None
    parts: list[str] = []

    def flush() -> None:
        if name is None:
            return
        value = " ".join(parts).strip()
        target = headers.setdefault(name, [])
        if name in LIST_HEADERS:
            target.extend(split_list(value))
        elif value:
            target.append(value)

    for line in lines:
        if line[:1] in (" ", "\t"):
            if name is not None:  # folded continuation (RFC 3261 §7.3.1)
                parts.append(line.strip())
            continue
        flush()
        name, parts = None, []
        colon = line.find(":")
        if colon <= 0:
            continue
        raw_name = line[:colon].rstrip(" \t")
        if _HEADER_NAME.fullmatch(raw_name) is None:
            continue
        lowered = raw_name.lower()
        name = COMPACT_FORMS.get(lowered, lowered)
        parts = [line[colon + 1 :].strip()]
    flush()
    return headers


def split_list(value: str, separator: str = ",") -> list[str]:
    """Split at ``separator`` outside quoted strings and ``<...>``; drop empty items."""
    if '"' not in value and (separator == ";" or "<" not in value):
        return [item for item in (part.strip() for part in value.split(separator)) if item]
    tokens = _LIST_TOKENS if separator == "," else _PARAM_TOKENS
    items: list[str] = []
    current: list[str] = []
    for match in tokens.finditer(value):
        token = match.group()
        if token == separator:
            items.append("".join(current).strip())
            current = []
        else:
            current.append(token)
    items.append("".join(current).strip())
    return [item for item in items if item]


def _unquote(value: str) -> str:
    value = value.strip()
    if len(value) >= 2 and value[0] == '"' and value[-1] == '"':
        return _QUOTED_PAIR.sub(r"\1", value[1:-1])
    if value[:1] == '"':  # unbalanced quote: keep what follows it
        return _QUOTED_PAIR.sub(r"\1", value[1:])
    return value


def parse_params(text: str) -> dict[str, str | None]:
    """``;name=value;flag`` → ``{"name": "value", "flag": None}`` (names lower-cased).

    Quoted values are unquoted; the first occurrence of a name wins.
    """
    params: dict[str, str | None] = {}
    for item in split_list(text, ";")[:MAX_PARAMS]:
        key, eq, raw = item.partition("=")
        key = key.strip().lower()
        if not key or key in params:
            continue
        params[key] = _unquote(raw) if eq else None
    return params


def scan_quoted(text: str, start: int) -> tuple[str, int]:
    """Read a quoted string starting at ``text[start] == '"'``; return (inner, end index)."""
    match = _LIST_TOKENS.match(text, start)
    token = match.group() if match is not None else text[start:]
    return _unquote(token), start + len(token)
