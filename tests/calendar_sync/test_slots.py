"""Working hours, breaks, closures and appointment types over real calendar files."""

from __future__ import annotations

import datetime as dt

import pytest

from calendar_sync.busy import BusyPolicy, EventIndex
from calendar_sync.hours import WorkingHours, public_holidays
from calendar_sync.ics import parse_calendar
from calendar_sync.slots import AppointmentType, StaffCalendar, blockers, find_slots
from tests.calendar_sync.helpers import BERLIN, berlin, index_of

NOW = berlin("2027-01-08T12:00")  # a Friday before the corpus week


def roth(*files: str, hours: WorkingHours | None = None, name: str = "Dr. Roth") -> StaffCalendar:
    return StaffCalendar(name, hours or WorkingHours.office(), index_of(*files))


def local(slots) -> list[str]:
    return [f"{s.start.astimezone(BERLIN):%a %d %H:%M} {s.staff}" for s in slots]


def test_hours_breaks_and_events() -> None:
    kind = AppointmentType("Beratung", 60, step=30)
    slots = find_slots(
        [roth("google.ics", "outlook.ics")], kind, berlin("2027-01-11T08:00"), NOW, 6
    )
    # Mon 11: Jour fixe 9–10, Schulz 10:30–11:30, lunch 12–13; Lesezeit/Finanzamt are free
    assert local(slots) == [
        "Mon 11 08:00 Dr. Roth",
        "Mon 11 13:00 Dr. Roth",
        "Mon 11 13:30 Dr. Roth",
        "Mon 11 14:00 Dr. Roth",
        "Mon 11 14:30 Dr. Roth",
        "Mon 11 15:00 Dr. Roth",
    ]


def test_buffers_keep_distance_from_events() -> None:
    kind = AppointmentType("Beratung", 30, before=15, after=15, step=15)
    slots = find_slots([roth("google.ics")], kind, berlin("2027-01-11T08:00"), NOW, 3)
    # Jour fixe 09:00–10:00: 08:00 (+30 +15 → 08:45) fits, 08:15 (ends 09:00 incl. buffer) too
    assert local(slots) == [
        "Mon 11 08:00 Dr. Roth",
        "Mon 11 08:15 Dr. Roth",
        "Mon 11 10:15 Dr. Roth",
    ]


def test_notice_horizon_and_step() -> None:
    kind = AppointmentType("Kurz", 20, notice=120, horizon_days=1, step=20)
    now = berlin("2027-01-11T10:05")
    slots = find_slots([roth()], kind, now, now, 50)
    assert local(slots)[0] == "Mon 11 13:00 Dr. Roth"  # 10:05 + 2 h is lunch; 13:00
    assert all(s.start <= now + dt.timedelta(days=1) for s in slots)
    assert local(slots)[-1] == "Tue 12 10:00 Dr. Roth"


def test_max_per_day_counts_booked_events_of_that_type() -> None:
    ics = (
        b"""BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Vorzimmer//DE\r\n"""
        + b"".join(
            f"BEGIN:VEVENT\r\nUID:b{h}\r\nDTSTAMP:20270101T000000Z\r\n"
            f"DTSTART;TZID=Europe/Berlin:20270111T{h:02d}0000\r\nDURATION:PT30M\r\n"
            f"SUMMARY:Erstgespräch\r\nX-VORZIMMER-TYPE:Erstgespräch\r\nEND:VEVENT\r\n".encode()
            for h in (8, 9)
        )
        + b"END:VCALENDAR\r\n"
    )
    index = EventIndex([parse_calendar(ics)], BusyPolicy())
    staff = StaffCalendar("Dr. Roth", WorkingHours.office(), index)
    kind = AppointmentType("Erstgespräch", 30, max_per_day=2)
    slots = find_slots([staff], kind, berlin("2027-01-11T08:00"), NOW, 1)
    assert local(slots) == ["Tue 12 08:00 Dr. Roth"]
    assert "already 2 × Erstgespräch that day" in blockers(
        staff, kind, berlin("2027-01-11T10:00"), NOW
    )
    other = AppointmentType("Folgetermin", 30, max_per_day=2)
    assert local(find_slots([staff], other, berlin("2027-01-11T08:00"), NOW, 1)) == [
        "Mon 11 08:30 Dr. Roth"
    ]


def test_holidays_and_closures_close_the_day() -> None:
    closed = public_holidays("BE", [2027]) | {dt.date(2027, 1, 11)}
    hours = WorkingHours.office(closed_days=closed)
    slots = find_slots(
        [roth(hours=hours)],
        AppointmentType.plain(30),
        berlin("2027-01-01T00:00"),
        berlin("2026-12-30T12:00"),
        1,
    )
    assert local(slots) == ["Mon 04 08:00 Dr. Roth"]  # 1 Jan is Neujahr
    reasons = blockers(
        roth(hours=hours), AppointmentType.plain(30), berlin("2027-01-11T09:00"), NOW
    )
    assert reasons == ["closed (holiday or closure)"]


def test_wall_clock_hours_across_dst() -> None:
    kind = AppointmentType.plain(60)
    slots = find_slots([roth()], kind, berlin("2027-03-26T16:00"), berlin("2027-03-20T00:00"), 2)
    assert local(slots) == ["Fri 26 16:00 Dr. Roth", "Mon 29 08:00 Dr. Roth"]
    assert slots[1].start == dt.datetime(2027, 3, 29, 6, 0, tzinfo=dt.UTC)  # CEST
    assert slots[0].start == dt.datetime(2027, 3, 26, 15, 0, tzinfo=dt.UTC)  # CET


def test_anyone_who_offers_the_type() -> None:
    kind = AppointmentType("Zahnreinigung", 60, step=60, staff=("Frau Kaya",))
    roth_cal = roth("google.ics")
    kaya = roth("nextcloud.ics", name="Frau Kaya")
    lang = roth(name="Herr Lang")
    slots = find_slots([roth_cal, kaya, lang], kind, berlin("2027-01-11T08:00"), NOW, 2)
    assert local(slots) == ["Mon 11 09:00 Frau Kaya", "Mon 11 10:00 Frau Kaya"]
    plain = AppointmentType.plain(60, step=60)
    both = find_slots([roth_cal, kaya], plain, berlin("2027-01-11T08:00"), NOW, 3)
    assert local(both) == [
        "Mon 11 08:00 Dr. Roth",
        "Mon 11 09:00 Frau Kaya",
        "Mon 11 10:00 Dr. Roth",
    ]


def test_blockers_name_what_blocks() -> None:
    staff = roth("google.ics")
    reasons = blockers(staff, AppointmentType.plain(30), berlin("2027-01-11T09:30"), NOW)
    assert reasons == ["2027-01-11 09:00–10:00 Jour fixe"]
    assert blockers(staff, AppointmentType.plain(30), berlin("2027-01-11T12:15"), NOW) == [
        "outside working hours"
    ]
    assert blockers(staff, AppointmentType.plain(30), berlin("2027-01-04T10:00"), NOW) == [
        "in the past"
    ]


@pytest.mark.parametrize(
    "bad", [dict(minutes=0), dict(minutes=30, step=0), dict(minutes=30, before=-5)]
)
def test_invalid_types_are_refused(bad) -> None:
    with pytest.raises(ValueError):
        AppointmentType("x", **bad)
