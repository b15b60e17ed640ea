"""Phone numbers as lookup keys: every usual spelling of a number gives the same key.

Keys are E.164 (``+49301234567``) for public numbers and the bare digits for internal
short numbers (extensions such as ``21``; at most :data:`MAX_INTERNAL_DIGITS` digits, no
leading ``0``). ``tel:`` and ``sip:`` URIs, display names, ``(0)``, ``0049`` and visual
separators are tolerated. Nothing here raises on garbage: :func:`normalise` returns
``None`` for input that holds no usable number.
"""

from __future__ import annotations

import enum
import re
import urllib.parse
from dataclasses import dataclass

import phonenumbers

DEFAULT_REGION = "DE"
MAX_INTERNAL_DIGITS = 6
MAX_INPUT = 200  # longer input is not a phone number; don't feed it to the parser

_ANGLE = re.compile(r"<([^>]*)>")
_SCHEME = re.compile(r"^(?:tel|sips?|callto|phone)\s*:\s*", re.IGNORECASE)
_TRUNK_IN_BRACKETS = re.compile(r"\(\s*0\s*\)")
_VISUAL = re.compile(r"[\s\-./()\u00a0\u2010-\u2015]")
_INTERNAL = re.compile(rf"^[1-9]\d{{0,{MAX_INTERNAL_DIGITS - 1}}}$")


class Kind(enum.StrEnum):
    E164 = "e164"
    INTERNAL = "internal"


@dataclass(frozen=True)
class PhoneNumber:
    key: str
    kind: Kind


def _strip_uri(text: str) -> str:
    """``"Name" <sip:+4930123@host;user=phone>`` → ``+4930123``."""
    angle = _ANGLE.search(text)
    if angle:
        text = angle.group(1)
    had_scheme = bool(_SCHEME.match(text))
    text = _SCHEME.sub("", text)
    if had_scheme or "@" in text:
        text = text.split("@", 1)[0]
        text = text.split(";", 1)[0]  # tel: parameters such as ;phone-context=
        text = urllib.parse.unquote(text)
    return text.strip()


# raw text → result, and every key we produced → itself: re-normalising a stored key
# (which the store does on every call) costs a dict lookup, not a phonenumbers parse.
_CACHE: dict[tuple[str, str], PhoneNumber | None] = {}
_CACHE_LIMIT = 65_536
# A German E.164 key: what phonenumbers returns for it is itself (verified for every length
# in tests/clients/test_phone_numbers.py), so it needs no parsing.
_GERMAN_KEY = re.compile(r"^\+49[1-9]\d{1,13}$")


def parse(raw: str | None, region: str = DEFAULT_REGION) -> PhoneNumber | None:
    """Classify and normalise ``raw``; ``None`` when it holds no usable number."""
    if not raw or not isinstance(raw, str) or len(raw) > MAX_INPUT:
        return None
    if region == "DE" and _GERMAN_KEY.match(raw):
        return PhoneNumber(raw, Kind.E164)  # already a key; phonenumbers would return it as is
    cached = _CACHE.get((raw, region), _MISS)
    if cached is not _MISS:
        return cached  # type: ignore[return-value]
    result = _parse(raw, region)
    if len(_CACHE) >= _CACHE_LIMIT:
        _CACHE.clear()
    _CACHE[(raw, region)] = result
    if result is not None:
        _CACHE[(result.key, region)] = result
    return result


_MISS = object()


def _parse(raw: str, region: str) -> PhoneNumber | None:
    text = _strip_uri(raw.strip())
    text = _TRUNK_IN_BRACKETS.sub("", text)
    compact = _VISUAL.sub("", text)
    if not compact:
        return None
    if _INTERNAL.match(compact):
        return PhoneNumber(compact, Kind.INTERNAL)
    if not any(ch.isdigit() for ch in compact):
        return None
    try:
        number = phonenumbers.parse(compact, region)
    except phonenumbers.NumberParseException:
        return None
    if not number.country_code or not number.national_number:
        return None
    key = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    return PhoneNumber(key, Kind.E164)


def normalise(raw: str | None, region: str = DEFAULT_REGION) -> str | None:
    """The lookup key for ``raw`` (E.164 or internal digits), or ``None``."""
    parsed = parse(raw, region)
    return parsed.key if parsed else None


def is_internal(key: str) -> bool:
    return bool(_INTERNAL.match(key))


def display(key: str, region: str = DEFAULT_REGION) -> str:
    """Human-friendly form: national format for numbers of ``region``, else international."""
    if is_internal(key):
        return key
    try:
        number = phonenumbers.parse(key, region)
    except phonenumbers.NumberParseException:
        return key
    region_of = phonenumbers.region_code_for_number(number)
    fmt = (
        phonenumbers.PhoneNumberFormat.NATIONAL
        if region_of == region
        else phonenumbers.PhoneNumberFormat.INTERNATIONAL
    )
    return str(phonenumbers.format_number(number, fmt))


def search_forms(key: str, region: str = DEFAULT_REGION) -> tuple[str, ...]:
    """Digit strings under which a number should be found by full-text search."""
    if is_internal(key):
        return (key,)
    forms = [key.lstrip("+")]
    if key.startswith("+49") and region == "DE":
        forms.append("0" + key[3:])  # German trunk prefix; the common case, without parsing
    else:
        try:
            number = phonenumbers.parse(key, region)
            national = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
            forms.append(re.sub(r"\D", "", national))
        except phonenumbers.NumberParseException:
            pass
    return tuple(dict.fromkeys(f for f in forms if f))
