"""Free/busy of real-world export quirks: where reference tools are wrong, we must not be."""

from __future__ import annotations

import pytest

from calendar_sync.busy import BusyPolicy
from calendar_sync.errors import BrokenCalendar
from calendar_sync.ics import parse_calendar
from tests.calendar_sync.helpers import CORPUS, blocking, index_of

# (file, local start, minutes, expected blocking summaries — [] means free)
CASES = [
    # Google: weekly series blocks every occurrence (cal.com #8166), not only the first
    ("google.ics", "2027-01-04T09:00", 60, ["Jour fixe"]),
    ("google.ics", "2027-03-08T09:30", 15, ["Jour fixe"]),
    ("google.ics", "2027-06-28T09:00", 60, ["Jour fixe"]),  # last one before UNTIL
    ("google.ics", "2027-07-05T09:00", 60, []),  # after UNTIL
    ("google.ics", "2027-01-18T09:00", 60, []),  # EXDATE
    ("google.ics", "2027-01-25T09:00", 60, []),  # moved away by RECURRENCE-ID ...
    ("google.ics", "2027-01-25T11:30", 30, ["Jour fixe (verschoben)"]),  # ... to here
    ("google.ics", "2027-02-01T09:00", 60, []),  # cancelled occurrence
    ("google.ics", "2027-04-05T09:00", 60, ["Jour fixe"]),  # after DST: still 09:00 local
    ("google.ics", "2027-02-03T00:00", 30, ["Urlaub"]),  # multi-day all-day, first day
    ("google.ics", "2027-02-05T16:30", 30, ["Urlaub"]),  # last day
    ("google.ics", "2027-02-06T09:00", 30, []),  # DTEND is exclusive
    ("google.ics", "2027-02-02T23:30", 30, []),  # the evening before, local midnight
    ("google.ics", "2027-01-12T10:00", 60, []),  # TRANSP:TRANSPARENT reminder
    ("google.ics", "2027-01-13T10:00", 60, []),  # transparent birthday (all day)
    # Google feed in UTC + X-WR-TIMEZONE: 08:00Z in winter must stay 09:00 local in summer
    ("google_utc_xwr.ics", "2027-01-11T09:00", 60, ["Sprechstunde Klinik"]),
    ("google_utc_xwr.ics", "2027-07-05T09:00", 60, ["Sprechstunde Klinik"]),
    ("google_utc_xwr.ics", "2027-07-05T10:00", 60, []),
    # Outlook: Windows zone names, custom "(UTC+01:00) ..." VTIMEZONE, BUSYSTATUS
    ("outlook.ics", "2027-01-11T10:30", 60, ["Mandantengespräch Schulz"]),
    ("outlook.ics", "2027-01-11T11:30", 30, []),
    ("outlook.ics", "2027-01-11T14:00", 60, []),  # TRANSPARENT + BUSYSTATUS:FREE
    ("outlook.ics", "2027-01-11T16:00", 30, []),  # BUSYSTATUS:FREE without TRANSP
    ("outlook.ics", "2027-01-12T09:00", 30, ["Vielleicht: Telefonat Bank"]),  # tentative
    ("outlook.ics", "2027-01-14T12:00", 30, ["Fortbildung Berlin"]),  # OOF all-day
    ("outlook.ics", "2027-01-15T12:00", 30, ["Fortbildung Berlin"]),
    ("outlook.ics", "2027-01-16T12:00", 30, []),
    ("outlook.ics", "2027-04-05T14:00", 60, ["Gerichtstermin Vorbereitung"]),  # summer time
    ("outlook.ics", "2027-06-07T14:00", 60, []),  # EXDATE in the custom zone
    ("outlook.ics", "2027-07-05T14:30", 30, ["Gerichtstermin Vorbereitung"]),
    ("outlook.ics", "2027-10-04T14:00", 60, []),  # COUNT=6 used up
    # Apple: BYDAY=TU,TH + RDATE + EXDATE; an event in another zone across both DST dates
    ("apple.ics", "2027-01-12T13:00", 60, ["Mittagsrunde"]),
    ("apple.ics", "2027-01-14T13:00", 60, []),  # EXDATE
    ("apple.ics", "2027-01-15T13:30", 30, ["Mittagsrunde"]),  # RDATE (a Friday)
    ("apple.ics", "2027-03-01T15:00", 60, ["Call New York office"]),  # EST → CET
    ("apple.ics", "2027-03-15T14:00", 60, ["Call New York office"]),  # EDT, CET: 14:00
    ("apple.ics", "2027-03-15T15:00", 60, []),  # the fixed-offset mistake (cal.com #5570)
    ("apple.ics", "2027-03-29T15:00", 60, ["Call New York office"]),  # EDT, CEST: 15:00
    ("apple.ics", "2027-01-19T10:00", 60, []),  # transparent all-day
    ("apple.ics", "2027-01-21T08:00", 30, ["Krank"]),  # opaque all-day (nextcloud #6428)
    # Nextcloud: DURATION, edited occurrences (nextcloud/calendar #5383), cancelled event
    ("nextcloud.ics", "2027-01-11T08:30", 30, ["Visite"]),
    ("nextcloud.ics", "2027-01-11T09:00", 30, []),  # DURATION:PT45M ends 09:00
    ("nextcloud.ics", "2027-01-13T08:15", 45, []),  # override made transparent
    ("nextcloud.ics", "2027-01-14T08:15", 45, []),  # override moved away ...
    ("nextcloud.ics", "2027-01-14T13:00", 30, ["Visite (verlängert, später)"]),  # ... here
    ("nextcloud.ics", "2027-01-11T15:00", 60, []),  # STATUS:CANCELLED
    ("nextcloud.ics", "2027-01-15T10:00", 30, ["Praxis geschlossen (Fortbildung)"]),
    ("nextcloud.ics", "2027-01-16T08:15", 45, []),  # COUNT=5 used up (11–15)
    # Thunderbird: floating times, all-day without DTEND, RDATE, tentative, unknown TZID
    ("thunderbird.ics", "2027-01-12T14:30", 30, ["Floating: Akten sortieren"]),
    ("thunderbird.ics", "2027-01-18T17:00", 30, ["Betriebsausflug"]),
    ("thunderbird.ics", "2027-01-19T00:00", 30, []),
    ("thunderbird.ics", "2027-04-01T16:00", 60, ["Sprechtag extern"]),  # RDATE in summer
    ("thunderbird.ics", "2027-01-27T16:00", 60, []),
    ("thunderbird.ics", "2027-01-12T11:00", 30, ["Vorläufig: Termin Steuerberater"]),
    ("thunderbird.ics", "2027-01-12T16:00", 30, ["Alte Zone"]),  # unknown zone: local time
]


@pytest.mark.parametrize(("name", "start", "minutes", "expected"), CASES)
def test_corpus_free_busy(name: str, start: str, minutes: int, expected: list[str]) -> None:
    assert blocking(index_of(name), start, minutes) == expected


def test_tentative_can_be_configured_free() -> None:
    index = index_of("outlook.ics", "thunderbird.ics", policy=BusyPolicy(tentative_busy=False))
    assert blocking(index, "2027-01-12T09:00", 30) == []
    assert blocking(index, "2027-01-12T11:00", 30) == []


def test_several_calendars_block_together() -> None:
    index = index_of("google.ics", "nextcloud.ics")
    assert blocking(index, "2027-01-11T08:30", 60) == ["Visite", "Jour fixe"]


def test_floating_times_follow_the_owners_zone() -> None:
    index = index_of("thunderbird.ics", policy=BusyPolicy(zone="Europe/London"))
    assert blocking(index, "2027-01-12T15:30", 30) == ["Floating: Akten sortieren"]
    assert blocking(index, "2027-01-12T14:00", 30) == []


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("not_a_calendar.ics", "not an iCalendar file"),
        ("empty.ics", "not an iCalendar file"),
        ("random_bytes.ics", "not text"),
        ("truncated.ics", "cut off"),
        ("bad_date.ics", "Datum kaputt"),
        ("bad_rrule.ics", "recurring event"),
        ("no_start.ics", "DTSTART is missing"),
    ],
)
def test_broken_files_are_a_clear_error(name: str, words: str) -> None:
    with pytest.raises(BrokenCalendar) as caught:
        index = index_of(name)
        index.between(*_year())
    assert words in caught.value.message


def test_cp1252_file_is_read() -> None:
    data = (CORPUS / "thunderbird.ics").read_text("utf-8").encode("cp1252")
    calendar = parse_calendar(data, "legacy.ics")
    summaries = [str(e["SUMMARY"]) for e in calendar.walk("VEVENT")]
    assert "Vorläufig: Termin Steuerberater" in summaries


def _year():
    import datetime as dt

    return dt.datetime(2027, 1, 1, tzinfo=dt.UTC), dt.datetime(2028, 1, 1, tzinfo=dt.UTC)
