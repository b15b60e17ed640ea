from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from clients import phone_numbers as pn


@pytest.mark.parametrize(
    "raw",
    [
        "030 1234567",
        "030/123 45 67",
        "030-1234567",
        "+49 (0)30 1234567",
        "+49 30 1234567",
        "+49301234567",
        "0049301234567",
        "0049 30 1234567",
        "tel:+49-30-1234567",
        "TEL:+49-30-1234567",
        "tel:+49301234567;phone-context=example.com",
        "sip:+49301234567@host",
        "sip:0301234567@host;user=phone",
        "sips:+49301234567@host:5061;transport=tls",
        '"Kanzlei Roth" <sip:+49301234567@10.0.0.1>;tag=abc',
        "<tel:+49301234567>",
        "sip:%2B49301234567@host",
        "\u00a0030\u00a01234567 ",
    ],
)
def test_every_usual_form_gives_the_same_e164_key(raw: str) -> None:
    assert pn.normalise(raw) == "+49301234567"


def test_forms_from_the_brief() -> None:
    assert pn.normalise("sip:+4930123@host") == "+4930123"
    assert pn.normalise("sip:030123@host;user=phone") == "+4930123"
    assert pn.normalise("0151 12345678") == "+4915112345678"
    assert pn.normalise("+1 650 253 0000") == "+16502530000"


@pytest.mark.parametrize(
    ("raw", "key"),
    [("21", "21"), ("2001", "2001"), ("sip:21@pbx.local", "21"), ("tel:21", "21"), (" 21 ", "21")],
)
def test_internal_short_numbers_are_kept_as_is(raw: str, key: str) -> None:
    assert pn.parse(raw) == pn.PhoneNumber(key, pn.Kind.INTERNAL)
    assert pn.is_internal(key)


@pytest.mark.parametrize(
    "raw",
    [
        None,
        "",
        "   ",
        "abc",
        "sip:anonymous@anonymous.invalid",
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
    ],
)
def test_garbage_gives_none(raw: str | None) -> None:
    assert pn.normalise(raw) is None


@given(st.text(max_size=60))
def test_never_raises_on_any_text(text: str) -> None:
    key = pn.normalise(text)
    assert key is None or key.startswith("+") or key.isdigit()


@given(st.from_regex(r"\A0[1-9][0-9]{6,10}\Z"))
def test_national_and_international_spellings_agree(national: str) -> None:
    key = pn.normalise(national)
    assert key is not None
    assert pn.normalise("0049" + national[1:]) == key
    assert pn.normalise("+49 (0)" + national[1:]) == key
    assert pn.normalise(f"sip:{national}@host;user=phone") == key


def test_display_and_search_forms() -> None:
    assert pn.display("+49301234567") == "030 1234567"
    assert pn.display("+16502530000").startswith("+1 650")
    assert pn.display("21") == "21"
    assert pn.search_forms("+49301234567") == ("49301234567", "0301234567")


@given(st.from_regex(r"\A[1-9][0-9]{1,13}\Z"))
def test_german_key_fast_path_agrees_with_phonenumbers(digits: str) -> None:
    import phonenumbers

    key = "+49" + digits
    slow = phonenumbers.format_number(
        phonenumbers.parse(key, "DE"), phonenumbers.PhoneNumberFormat.E164
    )
    assert pn.normalise(key) == slow == key
