"""Variant choice and greeting rendering: DST, holidays per state, midnight, breaks."""

from __future__ import annotations

import datetime as dt
import logging

import pytest

from clients import scripts
from clients.hours_text import format_hours, parse_hours
from clients.model import BusinessHours, Client, ClosurePeriod, Script, Variant
from tests.clients.conftest import berlin

UTC = dt.UTC
OFFICE = parse_hours("Mo-Do 08:00-12:00 13:00-17:00; Fr 08:00-14:00")
EVERY_DAY = parse_hours("Mo-So 08:00-17:00")


def client(state: str = "BE", language: str = "de", tz: str = "Europe/Berlin") -> Client:
    return Client(
        id=1,
        code="C",
        name="C",
        state=state,
        language=language,  # type: ignore[arg-type]
        timezone=tz,
    )


def variant(
    at: dt.datetime,
    hours: BusinessHours = OFFICE,
    c: Client | None = None,
    closures: tuple[ClosurePeriod, ...] = (),
) -> Variant:
    return scripts.choose_variant(c or client(), hours, closures, at).variant


@pytest.mark.parametrize(
    ("at", "expected"),
    [
        (berlin(2024, 3, 12, 7, 59), Variant.AFTER_HOURS),
        (berlin(2024, 3, 12, 8, 0), Variant.BUSINESS_HOURS),
        (berlin(2024, 3, 12, 11, 59), Variant.BUSINESS_HOURS),
        (berlin(2024, 3, 12, 12, 0), Variant.AFTER_HOURS),  # lunch break
        (berlin(2024, 3, 12, 12, 59), Variant.AFTER_HOURS),
        (berlin(2024, 3, 12, 13, 0), Variant.BUSINESS_HOURS),
        (berlin(2024, 3, 12, 16, 59), Variant.BUSINESS_HOURS),
        (berlin(2024, 3, 12, 17, 0), Variant.AFTER_HOURS),
        (berlin(2024, 3, 15, 13, 30), Variant.BUSINESS_HOURS),  # Friday: no break, till 14
        (berlin(2024, 3, 15, 14, 0), Variant.AFTER_HOURS),
        (berlin(2024, 3, 16, 10, 0), Variant.AFTER_HOURS),  # Saturday
    ],
)
def test_business_hours_with_breaks(at: dt.datetime, expected: Variant) -> None:
    assert variant(at) == expected


def test_break_and_closed_have_different_reasons() -> None:
    lunch = scripts.choose_variant(client(), OFFICE, (), berlin(2024, 3, 12, 12, 30))
    night = scripts.choose_variant(client(), OFFICE, (), berlin(2024, 3, 12, 20, 0))
    assert (lunch.reason, night.reason) == ("Pause", "geschlossen")


def test_spring_dst_change_uses_wall_clock_time() -> None:
    # Sunday 31 March 2024: 02:00 CET → 03:00 CEST. 06:30 UTC is 08:30 local (not 07:30).
    assert variant(dt.datetime(2024, 3, 31, 6, 30, tzinfo=UTC), EVERY_DAY) == Variant.BUSINESS_HOURS
    assert variant(dt.datetime(2024, 3, 31, 5, 59, tzinfo=UTC), EVERY_DAY) == Variant.AFTER_HOURS
    # the day before, still CET: 06:30 UTC is 07:30 local → closed
    assert variant(dt.datetime(2024, 3, 30, 6, 30, tzinfo=UTC), EVERY_DAY) == Variant.AFTER_HOURS
    # the evening after the switch: 15:00 UTC = 17:00 CEST → closed
    assert variant(dt.datetime(2024, 3, 31, 15, 0, tzinfo=UTC), EVERY_DAY) == Variant.AFTER_HOURS


OPEN, CLOSED = Variant.BUSINESS_HOURS, Variant.AFTER_HOURS


def test_autumn_dst_change_uses_wall_clock_time() -> None:
    # Sunday 27 October 2024: 03:00 CEST → 02:00 CET. 07:30 UTC is 08:30 local.
    assert (
        variant(dt.datetime(2024, 10, 27, 7, 30, tzinfo=UTC), EVERY_DAY) == Variant.BUSINESS_HOURS
    )
    assert variant(dt.datetime(2024, 10, 27, 6, 30, tzinfo=UTC), EVERY_DAY) == Variant.AFTER_HOURS
    assert (
        variant(dt.datetime(2024, 10, 27, 15, 30, tzinfo=UTC), EVERY_DAY) == Variant.BUSINESS_HOURS
    )
    # the repeated hour 02:00–03:00 local exists twice; both are after hours
    first = dt.datetime(2024, 10, 27, 0, 30, tzinfo=UTC)
    second = dt.datetime(2024, 10, 27, 1, 30, tzinfo=UTC)
    assert scripts.local_time(first, "Europe/Berlin").hour == 2
    assert scripts.local_time(second, "Europe/Berlin").hour == 2
    assert variant(first, EVERY_DAY) == variant(second, EVERY_DAY) == Variant.AFTER_HOURS


def test_reformation_day_is_a_holiday_in_brandenburg_not_in_berlin() -> None:
    at = berlin(2024, 10, 31, 10, 0)  # Thursday
    bb = scripts.choose_variant(client("BB"), OFFICE, (), at)
    assert (bb.variant, bb.holiday) == (Variant.HOLIDAY, "Reformationstag")
    assert variant(at, c=client("BE")) == Variant.BUSINESS_HOURS


def test_corpus_christi_in_bavaria_not_in_berlin() -> None:
    at = berlin(2024, 5, 30, 10, 0)  # Fronleichnam, Thursday
    by = scripts.choose_variant(client("BY"), OFFICE, (), at)
    assert (by.variant, by.holiday) == (Variant.HOLIDAY, "Fronleichnam")
    assert variant(at, c=client("BE")) == Variant.BUSINESS_HOURS


def test_holiday_names_follow_the_client_language() -> None:
    choice = scripts.choose_variant(client("BB", "en"), OFFICE, (), berlin(2024, 10, 31, 10, 0))
    assert choice.holiday == "Reformation Day"


def test_midnight_boundaries() -> None:
    # Reformationstag in BB: 30.10. 23:59 is a normal Wednesday night, 31.10. 00:00 a holiday,
    # 01.11. 00:00 normal again (Allerheiligen is not a holiday in BB).
    bb = client("BB")
    assert variant(berlin(2024, 10, 30, 23, 59, 59), c=bb) == Variant.AFTER_HOURS
    assert variant(berlin(2024, 10, 31, 0, 0), c=bb) == Variant.HOLIDAY
    assert variant(berlin(2024, 10, 31, 23, 59, 59), c=bb) == Variant.HOLIDAY
    assert variant(berlin(2024, 11, 1, 0, 0), c=bb) == Variant.AFTER_HOURS
    # A day "till midnight" is open at 23:59:59 and closed at 00:00 the next day
    late = parse_hours("Mo-Fr 18:00-24:00")
    assert variant(berlin(2024, 3, 12, 23, 59, 59), late) == Variant.BUSINESS_HOURS
    assert variant(berlin(2024, 3, 16, 0, 0), late) == Variant.AFTER_HOURS  # Saturday
    # UTC midnight is not Berlin midnight: 23:30 UTC on 30.10. is already 31.10. in Berlin
    assert variant(dt.datetime(2024, 10, 30, 23, 30, tzinfo=UTC), c=bb) == Variant.HOLIDAY


def test_vacation_wins_over_holiday_and_hours() -> None:
    closure = ClosurePeriod(
        client_id=1, start=dt.date(2024, 10, 28), end=dt.date(2024, 11, 1), reason="Betriebsurlaub"
    )
    choice = scripts.choose_variant(client("BB"), OFFICE, (closure,), berlin(2024, 10, 31, 10))
    assert (choice.variant, choice.reason) == (Variant.VACATION, "Betriebsurlaub")
    assert variant(berlin(2024, 11, 1, 23, 59), c=client("BB"), closures=(closure,)) == (
        Variant.VACATION
    )
    assert variant(berlin(2024, 11, 4, 8, 0), c=client("BB"), closures=(closure,)) == (
        Variant.BUSINESS_HOURS
    )
    other_client = ClosurePeriod(client_id=2, start=dt.date(2024, 1, 1), end=dt.date(2025, 1, 1))
    assert variant(berlin(2024, 11, 4, 8, 0), closures=(other_client,)) == Variant.BUSINESS_HOURS


def test_other_time_zone() -> None:
    ny = client(tz="America/New_York")
    # 14:00 UTC = 10:00 in New York (EDT) on a Tuesday → open; in Berlin it would be 16:00
    assert variant(dt.datetime(2024, 6, 11, 14, 0, tzinfo=UTC), c=ny) == Variant.BUSINESS_HOURS
    assert variant(dt.datetime(2024, 6, 11, 11, 0, tzinfo=UTC), c=ny) == Variant.AFTER_HOURS


def test_naive_now_is_refused() -> None:
    with pytest.raises(ValueError, match="aware"):
        scripts.choose_variant(client(), OFFICE, (), dt.datetime(2024, 1, 2, 10, 0))


@pytest.mark.parametrize(
    ("hh", "mm", "de", "en"),
    [
        (4, 0, "Guten Morgen", "Good morning"),
        (10, 59, "Guten Morgen", "Good morning"),
        (11, 0, "Guten Tag", "Good afternoon"),
        (17, 59, "Guten Tag", "Good afternoon"),
        (18, 0, "Guten Abend", "Good evening"),
        (23, 59, "Guten Abend", "Good evening"),
        (0, 0, "Guten Abend", "Good evening"),
        (3, 59, "Guten Abend", "Good evening"),
    ],
)
def test_time_of_day_greeting(hh: int, mm: int, de: str, en: str) -> None:
    assert scripts.time_of_day_greeting(dt.time(hh, mm), "de") == de
    assert scripts.time_of_day_greeting(dt.time(hh, mm), "en") == en


def test_greeting_uses_client_local_time_across_dst() -> None:
    # 09:30 UTC on the autumn switch day is 10:30 CET → still morning; a day earlier 11:30 CEST
    c = client()
    for now, expected in [
        (dt.datetime(2024, 10, 27, 9, 30, tzinfo=UTC), "Guten Morgen"),
        (dt.datetime(2024, 10, 26, 9, 30, tzinfo=UTC), "Guten Tag"),
    ]:
        local = scripts.local_time(now, c.timezone)
        assert scripts.time_of_day_greeting(local, "de") == expected


VALUES = {"operator": "Frau Weber", "client": "Kanzlei Dr. Roth", "greeting": "Guten Tag"}


@pytest.mark.parametrize(
    ("template", "known", "unknown"),
    [
        (
            "{client}, {greeting}, {caller_name}, Sie sprechen mit {operator}.",
            "Kanzlei Dr. Roth, guten Tag, Herr Krause, Sie sprechen mit Frau Weber.",
            "Kanzlei Dr. Roth, guten Tag, Sie sprechen mit Frau Weber.",
        ),
        (
            "{greeting} {caller_name}! Hier ist {operator}.",
            "Guten Tag Herr Krause! Hier ist Frau Weber.",
            "Guten Tag! Hier ist Frau Weber.",
        ),
        ("{caller_name}, {greeting}.", "Herr Krause, guten Tag.", "Guten Tag."),
        ("{greeting}, {caller_name}", "Guten Tag, Herr Krause", "Guten Tag"),
        (
            "Rückruf an {caller_name} ({caller_name}) notieren.",
            "Rückruf an Herr Krause (Herr Krause) notieren.",
            "Rückruf an notieren.",
        ),
    ],
)
def test_caller_name_reads_naturally_when_unknown(template: str, known: str, unknown: str) -> None:
    assert scripts.render(template, {**VALUES, "caller_name": "Herr Krause"}) == known
    assert scripts.render(template, {**VALUES, "caller_name": None}) == unknown


@pytest.mark.parametrize(
    ("template", "expected"),
    [
        ("{unknown} {greeting}", "{unknown} guten Tag"),
        ("{greeting", "{greeting"),
        ("greeting}", "greeting}"),
        ("{ greeting }", "{ greeting }"),
        ("{{greeting}} {{", "{greeting} {"),
        ("{0} {} {!r} {greeting:>9} %(x)s $x", "{0} {} {!r} {greeting:>9} %(x)s $x"),
        ("}{", "}{"),
        ("", ""),
    ],
)
def test_broken_templates_render_literally_without_logging(
    template: str, expected: str, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.DEBUG):
        assert scripts.render(template, VALUES) == expected
    assert caplog.records == []


def test_pick_script_falls_back_sensibly() -> None:
    business = Script(client_id=1, variant=Variant.BUSINESS_HOURS, greeting="b")
    after = Script(client_id=1, variant=Variant.AFTER_HOURS, greeting="a")
    after_en = Script(client_id=1, variant=Variant.AFTER_HOURS, language="en", greeting="a-en")
    assert scripts.pick_script([business, after, after_en], Variant.HOLIDAY, "de") == after
    assert scripts.pick_script([business, after, after_en], Variant.AFTER_HOURS, "en") == after_en
    assert scripts.pick_script([business], Variant.VACATION, "de") == business
    assert scripts.pick_script([after], Variant.BUSINESS_HOURS, "de") is None
    assert scripts.pick_script([after_en], Variant.AFTER_HOURS, "de") == after_en


def test_hours_text_round_trip() -> None:
    text = "Mo-Do 08:00-12:00 13:00-17:00; Fr 08:00-14:00"
    assert format_hours(parse_hours(text)) == text
    assert format_hours(parse_hours("Mon,Wed 9:00-12:00; Tu 09:00-12:00")) == "Mo-Mi 09:00-12:00"
    for bad in [
        "Mo 8-12",
        "Xy 08:00-12:00",
        "Fr-Mo 08:00-12:00",
        "Mo 12:00-08:00",
        "Mo 08:00-12:00 11:00-13:00",
        "Mo",
    ]:
        with pytest.raises(ValueError):
            parse_hours(bad)
