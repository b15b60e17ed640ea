"""One number normalisation: every form a carrier, PBX or Fritz!Box sends, read correctly."""

from __future__ import annotations

import re

import phonenumbers
import pytest
from hypothesis import given
from hypothesis import strategies as st

from clients import phone_numbers as pn

E164, INTERNAL, UNVERIFIED = pn.Kind.E164, pn.Kind.INTERNAL, pn.Kind.UNVERIFIED

# (as received, key, kind): every form of issue 7 item 1
FORMS = [
    # German numbers, international and national
    ("+49 30 1234567", "+49301234567", E164),
    ("+49301234567", "+49301234567", E164),
    ("+49 (0)30 1234567", "+49301234567", E164),
    ("+490301234567", "+49301234567", E164),  # redundant trunk 0 after the country code
    ("0049 30 1234567", "+49301234567", E164),
    ("0049301234567", "+49301234567", E164),
    ("030 1234567", "+49301234567", E164),
    ("030/123 45 67", "+49301234567", E164),
    ("030-1234567", "+49301234567", E164),
    ("\u00a0030\u00a01234567 ", "+49301234567", E164),
    # international without "+", as German SIP trunks send it in From and PAI
    ("4915209876543", "+4915209876543", E164),
    ("49 30 1234567", "+49301234567", E164),
    ("sip:4915209876543@192.0.2.10;user=phone", "+4915209876543", E164),
    ('"Thomas Krause" <sip:4915209876543@sbc.example>;tag=1', "+4915209876543", E164),
    ("015209876543", "+4915209876543", E164),
    ("+4915209876543", "+4915209876543", E164),
    ("004915209876543", "+4915209876543", E164),
    # URIs
    ("tel:+49-30-1234567", "+49301234567", E164),
    ("TEL:+49-30-1234567", "+49301234567", E164),
    ("tel:+49.30.123.45.67", "+49301234567", E164),
    ("tel:+49301234567;phone-context=example.com", "+49301234567", E164),
    ("tel:1234567;phone-context=+49-30", "+49301234567", E164),
    ("<tel:+49301234567>", "+49301234567", E164),
    ("sip:+49301234567@host", "+49301234567", E164),
    ("sip:0301234567@host;user=phone", "+49301234567", E164),
    ("sips:+49301234567@host:5061;transport=tls", "+49301234567", E164),
    ('"Kanzlei Roth" <sip:+49301234567@10.0.0.1>;tag=abc', "+49301234567", E164),
    ("sip:%2B49301234567@host", "+49301234567", E164),
    # other countries, in every spelling
    ("0043 1 58800", "+43158800", E164),
    ("+43 1 58800", "+43158800", E164),
    ("431588000", "+431588000", E164),
    ("+41 44 668 18 00", "+41446681800", E164),
    ("0041446681800", "+41446681800", E164),
    ("41446681800", "+41446681800", E164),
    ("+1 650 253 0000", "+16502530000", E164),
    # internal extensions: short digits, kept as they are
    ("21", "21", INTERNAL),
    ("2001", "2001", INTERNAL),
    ("sip:21@pbx.local", "21", INTERNAL),
    ("tel:21", "21", INTERNAL),
    (" 21 ", "21", INTERNAL),
    # no valid reading: kept exactly as received, unverified
    ("1234567", "1234567", UNVERIFIED),  # local number without area code: ambiguous
    ("4930123", "4930123", UNVERIFIED),  # local, or +49 30123? at most 8 digits: ambiguous
    ("43158800", "43158800", UNVERIFIED),
    ("sip:1234567@fritz.box", "1234567", UNVERIFIED),
    ("tel:1234567;phone-context=example.com", "1234567", UNVERIFIED),
    ("030 1", "030 1", UNVERIFIED),  # too short for a Berlin number
    ("+49 30 1", "+49 30 1", UNVERIFIED),
    ("+49301", "+49301", UNVERIFIED),  # an invalid German key takes the fast path too
    ("301234567", "301234567", UNVERIFIED),  # +30 1234567 is no Greek number
]


@pytest.mark.parametrize(("raw", "key", "kind"), FORMS)
def test_every_form_is_read_as_the_valid_number(raw: str, key: str, kind: pn.Kind) -> None:
    parsed = pn.parse(raw)
    assert parsed == pn.PhoneNumber(key, kind)
    assert parsed.verified is (kind is not UNVERIFIED)
    assert pn.normalise(raw) == (key if parsed.verified else None)
    assert pn.parse(parsed.key) == parsed  # a key reads as itself


def test_international_without_plus_is_not_a_national_number() -> None:
    """Regression (issue 7.1): ``4915209876543`` was stored as ``+494915209876543``."""
    assert pn.normalise("4915209876543") == "+4915209876543"
    assert pn.display("4915209876543") == "01520 9876543"
    assert pn.normalise("sip:4915209876543@sbc;user=phone") == "+4915209876543"


@pytest.mark.parametrize(
    "raw",
    [
        "anonymous",
        "Anonymous",
        "sip:anonymous@anonymous.invalid",
        "anonymous@anonymous.invalid",
        '"Anonymous" <sip:anonymous@anonymous.invalid>;tag=x',
        "sip:anonymous@192.0.2.1",
        "unknown",
        "Restricted",
        "withheld",
        "sip:192.0.2.1",  # no user part: a host, not a number
        "sips:pbx.example.com:5061",
        "sip:alice@example.com",
    ],
)
def test_withheld_numbers_are_no_number(raw: str) -> None:
    assert pn.parse(raw) is None
    assert pn.normalise(raw) is None


@pytest.mark.parametrize(
    "raw",
    [
        None,
        "",
        "   ",
        "abc",
        "keine Nummer",
        "+",
        "00",
        "0",
        "++49",
        "+49",
        "tel:",
        "sip:@host",
        "x" * 10_000,
        "<<<>>>",
        "{greeting}",
        "\x00\x01",
        "1\u0663",  # Arabic-Indic digits are no phone number here
        "\uff10\uff13\uff10 1234567",
    ],
)
def test_garbage_gives_none(raw: str | None) -> None:
    assert pn.parse(raw) is None
    assert pn.normalise(raw) is None


@given(st.text(max_size=60))
def test_never_raises_on_any_text(text: str) -> None:
    parsed = pn.parse(text)
    key = pn.normalise(text)
    assert key is None or re.fullmatch(r"\+?[0-9]+", key)
    if parsed is not None:
        assert pn.parse(parsed.key) == parsed
        assert isinstance(pn.display(text), str)


@given(st.from_regex(r"\A0[1-9][0-9]{6,10}\Z"))
def test_national_and_international_spellings_agree(national: str) -> None:
    parsed = pn.parse(national)
    assert parsed is not None
    for spelling in ("0049" + national[1:], "+49 (0)" + national[1:], "+49" + national[1:]):
        assert pn.normalise(spelling) == pn.normalise(national)
    assert pn.normalise(f"sip:{national}@host;user=phone") == pn.normalise(national)
    if parsed.verified:
        assert pn.normalise("49" + national[1:]) == parsed.key
    else:
        assert parsed.key == national


@given(st.from_regex(r"\A[1-9][0-9]{1,13}\Z"))
def test_german_key_fast_path_agrees_with_phonenumbers(digits: str) -> None:
    key = "+49" + digits
    number = phonenumbers.parse(key, "DE")
    valid = phonenumbers.is_valid_number(number)
    assert phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164) == key
    assert pn.parse(key) == pn.PhoneNumber(key, E164 if valid else UNVERIFIED)


@given(st.from_regex(r"\A0[1-9][0-9]{1,13}\Z"))
def test_german_national_fast_path_agrees_with_phonenumbers(national: str) -> None:
    number = phonenumbers.parse(national, "DE")
    parsed = pn.parse(national)
    if phonenumbers.is_valid_number(number):
        key = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
        assert parsed == pn.PhoneNumber(key, E164)
    else:
        assert parsed is not None and not parsed.verified


def test_display_and_search_forms() -> None:
    assert pn.display("+49301234567") == "030 1234567"
    assert pn.display("+16502530000").startswith("+1 650")
    assert pn.display("+41446681800") == "+41 44 668 18 00"
    assert pn.display("21") == "21"
    assert pn.display("030 1") == "030 1"  # unverified: as received
    assert pn.search_forms("+49301234567") == ("49301234567", "0301234567")
    assert pn.search_forms("030 1") == ("0301",)
