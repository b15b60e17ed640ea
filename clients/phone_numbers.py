"""Phone numbers: the one normalisation used by lookup, store, call log, notes and import.

A number is read in every way its form allows, and the reading that is a *valid* number
(``phonenumbers.is_valid_number``) is kept:

================================  ==========================================================
form (region ``DE``)              readings tried
================================  ==========================================================
``+49 30 1234567``                international
``0049 30 1234567``               international (the region's exit code ``00``)
``030 1234567``                   national (trunk prefix ``0``)
``4915209876543``                 international without "+" (German SIP trunks send this in
                                  From/P-Asserted-Identity); a bare string of at most
                                  :data:`MAX_LOCAL_DIGITS` digits may also be a local number
                                  without area code, so it stays ambiguous
``21``                            internal extension (at most :data:`MAX_INTERNAL_DIGITS`
                                  digits, no leading ``0``), kept as is
``tel:+49-30-1234567``            the URI's number; visual separators and ``(0)`` are dropped;
``sip:0301234567@h;user=phone``   ``tel:1234567;phone-context=+4930`` is completed
``anonymous``, ``sip:anonymous@   no number (``None``); so is a URI without a user part
anonymous.invalid``, ``unknown``  (``sip:192.0.2.1``)
================================  ==========================================================

No valid reading (``030 1``, a local ``1234567``): the number is kept *as received* (URI
scheme, host and parameters removed, nothing else touched) and marked
:attr:`Kind.UNVERIFIED` — it is shown, logged and can be dialled, but it never identifies a
client or a caller: :func:`normalise` returns ``None`` for it. Nothing here raises on
garbage.
"""

from __future__ import annotations

import enum
import re
import urllib.parse
from dataclasses import dataclass

import phonenumbers

DEFAULT_REGION = "DE"
MAX_INTERNAL_DIGITS = 6
# German subscriber numbers (without area code) have at most 8 digits: a bare digit string
# that short may be a local number, so reading it as "international without +" is a guess.
MAX_LOCAL_DIGITS = 8
MAX_INPUT = 200  # longer input is not a phone number; don't feed it to the parser
MIN_UNVERIFIED_DIGITS = 3  # fewer digits than this ("0", "+49") are no number at all

# Words carriers, PBXs and Fritz!Boxes put where the number would be when it is withheld.
WITHHELD_WORDS = frozenset(
    {
        "anonymous",
        "anonym",
        "unknown",
        "unbekannt",
        "restricted",
        "withheld",
        "private",
        "privat",
        "unavailable",
        "clir",
    }
)

_ANGLE = re.compile(r"<([^>]*)>")
_SCHEME = re.compile(r"^(tel|sips?|callto|phone)\s*:\s*", re.IGNORECASE)
_TRUNK_IN_BRACKETS = re.compile(r"\(\s*0\s*\)")
_VISUAL = re.compile(r"[\s\-./()\u00a0\u2010-\u2015]")
_INTERNAL = re.compile(rf"^[1-9][0-9]{{0,{MAX_INTERNAL_DIGITS - 1}}}$")
_NUMBER_LIKE = re.compile(r"^\+?[0-9*#]+$")
_DIGITS = re.compile(r"^\+?[0-9]+$")  # ASCII only: str.isdigit() takes "٣" too
_BARE_DIGITS = re.compile(r"^[1-9][0-9]*$")
_PHONE_CONTEXT = re.compile(r";\s*phone-context\s*=\s*(\+[\d\-.()]+)", re.IGNORECASE)


class Kind(enum.StrEnum):
    E164 = "e164"  # a valid public number; the key is E.164
    INTERNAL = "internal"  # an extension; the key is its digits
    UNVERIFIED = "unverified"  # no valid reading; the key is the number as received


@dataclass(frozen=True)
class PhoneNumber:
    """A number as the application keeps it: ``key`` plus how far it can be trusted."""

    key: str  # E.164 when verified; internal digits; else the text as received
    kind: Kind

    @property
    def verified(self) -> bool:
        """Whether the key identifies the number (may be used to find clients and callers)."""
        return self.kind is not Kind.UNVERIFIED


def _number_text(text: str) -> str | None:
    """``"Name" <sip:+4930123@host;user=phone>`` → ``+4930123``; ``None`` for no user part."""
    angle = _ANGLE.search(text)
    if angle:
        text = angle.group(1)
    scheme = _SCHEME.match(text)
    if scheme is None and "@" not in text:
        return text.strip()
    body = text[scheme.end() :] if scheme else text
    if "@" in body:
        body = body.split("@", 1)[0]
    elif scheme is not None and scheme.group(1).lower().startswith("sip"):
        return None  # sip:192.0.2.1 — a host, not a number
    context = _PHONE_CONTEXT.search(body)
    body = urllib.parse.unquote(body.split(";", 1)[0]).strip()
    if context and body and not body.lstrip().startswith("+"):
        body = context.group(1) + " " + body  # RFC 3966 local number with a global prefix
    return body


# raw text → result, and every key we produced → itself: re-normalising a stored key
# (which the store does on every call) costs a dict lookup, not a phonenumbers parse.
_CACHE: dict[tuple[str, str], PhoneNumber | None] = {}
_CACHE_LIMIT = 65_536
# A German E.164 key needs no parsing: build the number from its digits, only validate.
_GERMAN_KEY = re.compile(r"^\+49[1-9][0-9]{1,13}$")
_GERMAN_NATIONAL = re.compile(r"^0[1-9][0-9]{1,13}$")  # trunk prefix 0, as phonenumbers strips it
_MISS = object()


def parse(raw: str | None, region: str = DEFAULT_REGION) -> PhoneNumber | None:
    """Every reading of ``raw`` tried; the valid one, else unverified; ``None``: no number."""
    if not raw or not isinstance(raw, str) or len(raw) > MAX_INPUT:
        return None
    cached = _CACHE.get((raw, region), _MISS)
    if cached is not _MISS:
        return cached  # type: ignore[return-value]
    if region == "DE" and _GERMAN_KEY.match(raw):
        number = phonenumbers.PhoneNumber(country_code=49, national_number=int(raw[3:]))
        result: PhoneNumber | None = (
            PhoneNumber(raw, Kind.E164)
            if phonenumbers.is_valid_number(number)
            else PhoneNumber(raw, Kind.UNVERIFIED)
        )
    else:
        result = _parse(raw, region)
    if len(_CACHE) >= _CACHE_LIMIT:
        _CACHE.clear()
    _CACHE[(raw, region)] = result
    if result is not None:
        _CACHE[(result.key, region)] = result
    return result


def _parse(raw: str, region: str) -> PhoneNumber | None:
    text = _number_text(raw.strip())
    if text is None or text.lower() in WITHHELD_WORDS:
        return None
    compact = _VISUAL.sub("", _TRUNK_IN_BRACKETS.sub("", text))
    if _INTERNAL.match(compact):
        return PhoneNumber(compact, Kind.INTERNAL)
    if not _NUMBER_LIKE.match(compact) or _digit_count(compact) < MIN_UNVERIFIED_DIGITS:
        return None
    valid = {key for key in _readings(compact, region) if key is not None}
    if len(valid) == 1:
        return PhoneNumber(valid.pop(), Kind.E164)
    return PhoneNumber(text, Kind.UNVERIFIED)  # none valid, or ambiguous


def _digit_count(text: str) -> int:
    return sum("0" <= ch <= "9" for ch in text)


def _readings(compact: str, region: str) -> list[str | None]:
    """The E.164 key of every reading the form allows (``None`` for an invalid one)."""
    if not _DIGITS.match(compact):
        return []  # * and # (feature codes) are dialled, never looked up
    if not _BARE_DIGITS.match(compact):
        return [_valid_key(compact, region)]  # "+…", "00…", "0…": one reading each
    readings: list[str | None] = []
    if len(compact) > MAX_LOCAL_DIGITS:
        readings.append(_valid_key("+" + compact, region))  # international without "+"
    else:
        readings.append(None)  # a local number without area code: cannot be verified
    if _trunk_prefix(region) != "0":
        readings.append(_valid_key(compact, region))  # national, where no 0 is dialled first
    return readings


def _trunk_prefix(region: str) -> str | None:
    meta = phonenumbers.PhoneMetadata.metadata_for_region(region)
    return meta.national_prefix if meta is not None else None


def _valid_key(text: str, region: str) -> str | None:
    if region == "DE":  # the common forms, without phonenumbers.parse (2.5x faster)
        digits = text[1:] if _GERMAN_NATIONAL.match(text) else None
        if digits is None and _GERMAN_KEY.match(text):
            digits = text[3:]
        if digits is not None:
            number = phonenumbers.PhoneNumber(country_code=49, national_number=int(digits))
            return "+49" + digits if phonenumbers.is_valid_number(number) else None
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    return str(phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164))


def normalise(raw: str | None, region: str = DEFAULT_REGION) -> str | None:
    """The lookup key of a verified or internal number in ``raw``, else ``None``.

    An unverified number cannot identify a client or caller, so it has no lookup key; use
    :func:`parse` to keep it for display.
    """
    parsed = parse(raw, region)
    return parsed.key if parsed is not None and parsed.verified else None


def is_internal(key: str) -> bool:
    return bool(_INTERNAL.match(key))


def display(key_or_raw: str, region: str = DEFAULT_REGION) -> str:
    """National format for numbers of ``region``, else international; unverified as received."""
    parsed = parse(key_or_raw, region)
    if parsed is None:
        return key_or_raw.strip()
    if parsed.kind is not Kind.E164:
        return parsed.key
    number = phonenumbers.parse(parsed.key, region)
    fmt = (
        phonenumbers.PhoneNumberFormat.NATIONAL
        if phonenumbers.region_code_for_number(number) == region
        else phonenumbers.PhoneNumberFormat.INTERNATIONAL
    )
    return str(phonenumbers.format_number(number, fmt))


def search_forms(key: str, region: str = DEFAULT_REGION) -> tuple[str, ...]:
    """Digit strings under which a number should be found by full-text search."""
    if is_internal(key):
        return (key,)
    if not key.startswith("+"):
        digits = re.sub(r"\D", "", key)  # unverified: its digits as received
        return (digits,) if digits else ()
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
