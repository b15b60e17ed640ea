"""Low-level, linear-time parsing of SIP message text (RFC 3261 syntax, lenient).

Everything here works on the decoded text of a received message
(``pjsua2`` gives it as ``prm.rdata.wholeMsg``). The functions never raise on odd
input except :func:`parse_request_line`, which refuses text that is not a SIP request.
No regular expression here can backtrack super-linearly, and every loop is bounded by
the input length, so hostile messages cost at most linear time.
"""

from __future__ import annotations

import base64
import binascii
import codecs
import quopri
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import unquote

from appenv import logs

_log = logs.get("softphone")

#: Only this much of a message is looked at for headers; pjsip's own packet limit is far lower.
MAX_HEADER_CHARS = 256 * 1024
#: Longest request line accepted (the request URI lives in it).
MAX_REQUEST_LINE = 8 * 1024
MAX_DISPLAY_NAME = 200
MAX_URI = 1024
MAX_PARAMS = 64
#: Longest phone number (digits) we call a number; E.164 allows 15, prefixes add a few.
MAX_NUMBER_DIGITS = 32


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
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]{0,31}:")
_NUMBER = re.compile(rf"\+?[0-9]{{1,{MAX_NUMBER_DIGITS}}}")
_VISUAL_SEPARATORS = str.maketrans("", "", "-. ()\t")
_ENCODED_WORD = re.compile(r"=\?([^?\s]{1,40})\?([bBqQ])\?([^?\s]{0,600})\?=")
_BETWEEN_WORDS = re.compile(r"\?=[ \t]+=\?")
_QUOTED_PAIR = re.compile(r"\\(.)", re.DOTALL)
_SPACES = re.compile(r"\s+")
# Bidirectional overrides and isolates let a caller disguise a displayed name.
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


@dataclass(frozen=True)
class RequestLine:
    method: str
    request_uri: str


@dataclass(frozen=True)
class NameAddr:
    """One ``name-addr`` or ``addr-spec`` value with its header parameters."""

    display_name: str | None
    uri: str
    params: Mapping[str, str | None] = field(default_factory=dict)


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


def _decode_encoded_word(match: re.Match[str]) -> str:
    charset, encoding, payload = match.group(1), match.group(2).upper(), match.group(3)
    charset = charset.split("*", 1)[0]  # RFC 2231 language suffix
    try:
        codecs.lookup(charset)
        if encoding == "B":
            data = base64.b64decode(payload + "=" * (-len(payload) % 4))
        else:
            data = quopri.decodestring(payload.replace("_", " ").encode("ascii"), header=True)
        return data.decode(charset, errors="replace")
    except (LookupError, binascii.Error, ValueError, UnicodeError):
        return match.group(0)


def clean_display_name(raw: str) -> str | None:
    """Human-readable display name: RFC 2047 words decoded, controls removed, capped."""
    text = raw[: MAX_DISPLAY_NAME * 8]
    if "=?" in text:
        text = _BETWEEN_WORDS.sub("?==?", text)  # RFC 2047 §6.2: space between words goes
        text = _ENCODED_WORD.sub(_decode_encoded_word, text)
    text = unicodedata.normalize("NFC", text)
    text = "".join(
        " " if ch in "\t\r\n" else ch
        for ch in text
        if ch in "\t\r\n"
        or (unicodedata.category(ch) not in ("Cc", "Cs") and ch not in _BIDI_CONTROLS)
    )
    text = _SPACES.sub(" ", text).strip()
    if len(text) > MAX_DISPLAY_NAME:
        text = text[: MAX_DISPLAY_NAME - 1].rstrip() + "…"
    return text or None


def clean_text(raw: str, limit: int = MAX_DISPLAY_NAME) -> str | None:
    """Free text for display (User-Agent): control characters removed, capped."""
    text = "".join(ch for ch in raw[: limit * 2] if unicodedata.category(ch) not in ("Cc", "Cs"))
    text = _SPACES.sub(" ", text).strip()[:limit]
    return text or None


def _scan_quoted(text: str, start: int) -> tuple[str, int]:
    """Read a quoted string starting at ``text[start] == '"'``; return (inner, end index)."""
    match = _LIST_TOKENS.match(text, start)
    token = match.group() if match is not None else text[start:]
    return _unquote(token), start + len(token)


def parse_name_addr(value: str) -> NameAddr | None:
    """Parse ``"Name" <uri>;params``, ``Name <uri>``, ``<uri>;params`` or ``uri;params``.

    Unbalanced quotes or brackets are tolerated (the rest of the text is taken). Returns
    ``None`` when there is no URI-looking text at all.
    """
    text = value.strip()
    if not text:
        return None
    display: str | None = None
    rest = text
    if text[0] == '"':
        display, end = _scan_quoted(text, 0)
        rest = text[end:].lstrip()
    else:
        lt = text.find("<")
        if lt > 0:
            display = text[:lt].strip()
            rest = text[lt:]
    if rest.startswith("<"):
        gt = rest.find(">")
        if gt == -1:
            uri, param_text = rest[1:], ""
        else:
            uri, param_text = rest[1:gt], rest[gt + 1 :]
    else:
        # addr-spec: any ';' after it starts header parameters (RFC 3261 §20.10)
        uri, _, param_text = rest.partition(";")
    uri = uri.strip()
    if not uri and not display:
        return None
    name = clean_display_name(display) if display else None
    return NameAddr(display_name=name, uri=uri[:MAX_URI], params=parse_params(param_text))


def uri_scheme(uri: str) -> str | None:
    match = _SCHEME.match(uri)
    return match.group()[:-1].lower() if match else None


def _split_uri(uri: str) -> tuple[str | None, str, str, str]:
    """(scheme, user or tel number, host, 'params?headers' tail) of a sip/sips/tel URI."""
    scheme = uri_scheme(uri)
    if scheme is None:
        return None, "", "", ""
    body = uri[len(scheme) + 1 :]
    if scheme == "tel":
        semi = body.find(";")
        qmark = body.find("?")
        cut = min(p for p in (semi, qmark, len(body)) if p >= 0)
        return scheme, body[:cut], "", body[cut:]
    if scheme not in ("sip", "sips"):
        return scheme, "", "", ""
    at = body.find("@")
    userinfo, hostpart = ("", body) if at == -1 else (body[:at], body[at + 1 :])
    user = userinfo.partition(":")[0]  # drop a password
    cut = len(hostpart)
    for sep in (";", "?"):
        pos = hostpart.find(sep)
        if pos != -1:
            cut = min(cut, pos)
    return scheme, user, hostpart[:cut], hostpart[cut:]


def uri_user(uri: str) -> str | None:
    """User part of a sip/sips URI (percent-decoded) or the number of a tel URI."""
    scheme, user, _, _ = _split_uri(uri)
    if scheme is None or not user:
        return None
    return unquote(user, errors="replace")


def uri_host(uri: str) -> str | None:
    _, _, host, _ = _split_uri(uri)
    return host.lower() or None


def clean_number(text: str) -> str | None:
    """``+49 (30) 123-45.67`` → ``+4930123467``: visual separators stripped, as written.

    Returns ``None`` unless the result is digits with an optional leading ``+``.
    Local-number parameters (``;phone-context=``, ``;isub=``) are cut off first.
    """
    core = text.split(";", 1)[0].translate(_VISUAL_SEPARATORS)
    return core if _NUMBER.fullmatch(core) else None


def uri_number(uri: str) -> str | None:
    """The phone number a sip/sips/tel URI addresses, or ``None`` (``sip:alice@...``)."""
    user = uri_user(uri)
    return clean_number(user) if user else None


def uri_params(uri: str) -> dict[str, str | None]:
    """URI parameters (``;user=phone;cause=302``) of a sip/sips/tel URI."""
    _, _, _, tail = _split_uri(uri)
    return parse_params(tail.partition("?")[0])


def without_uri_headers(uri: str) -> str:
    """The URI without its embedded ``?headers`` part (History-Info puts Reason there)."""
    at = uri.find("@")
    qmark = uri.find("?", at + 1)
    return uri if qmark == -1 else uri[:qmark]


def uri_headers(uri: str) -> dict[str, str]:
    """Embedded headers (``?Reason=SIP%3Bcause%3D302``) of a URI, names lower-cased."""
    _, _, _, tail = _split_uri(uri)
    _, qmark, query = tail.partition("?")
    result: dict[str, str] = {}
    if not qmark:
        return result
    for item in query.split("&")[:MAX_PARAMS]:
        key, _, raw = item.partition("=")
        key = unquote(key, errors="replace").strip().lower()
        if key and key not in result:
            result[key] = unquote(raw, errors="replace")
    return result
