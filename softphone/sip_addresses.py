"""Addresses in SIP header values: ``name-addr`` forms, display names, URIs, numbers.

Lenient and linear-time like :mod:`softphone.sip_headers` (whose list and parameter
splitting these build on): odd input yields ``None`` or empty parts, never an exception.
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

from softphone.sip_headers import MAX_PARAMS, parse_params, scan_quoted

MAX_DISPLAY_NAME = 200
MAX_URI = 1024
#: Longest phone number (digits) we call a number; E.164 allows 15, prefixes add a few.
MAX_NUMBER_DIGITS = 32

_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]{0,31}:")
_NUMBER = re.compile(rf"\+?[0-9]{{1,{MAX_NUMBER_DIGITS}}}")
_VISUAL_SEPARATORS = str.maketrans("", "", "-. ()\t")
_ENCODED_WORD = re.compile(r"=\?([^?\s]{1,40})\?([bBqQ])\?([^?\s]{0,600})\?=")
_BETWEEN_WORDS = re.compile(r"\?=[ \t]+=\?")
_SPACES = re.compile(r"\s+")
# Bidirectional overrides and isolates let a caller disguise a displayed name.
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


@dataclass(frozen=True)
class NameAddr:
    """One ``name-addr`` or ``addr-spec`` value with its header parameters."""

    display_name: str | None
    uri: str
    params: Mapping[str, str | None] = field(default_factory=dict)


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
        display, end = scan_quoted(text, 0)
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
