"""Booking against real Radicale and Xandikos: book, move, cancel, and races between seats."""

from __future__ import annotations

import datetime as dt
import threading

import pytest

from calendar_sync import booking, events
from calendar_sync.busy import Busy, BusyPolicy, EventIndex
from calendar_sync.caldav_source import CalDavCalendar
from calendar_sync.errors import SlotTaken
from calendar_sync.hours import WorkingHours
from calendar_sync.ics import parse_calendar
from calendar_sync.slots import AppointmentType
from tests.calendar_sync.helpers import berlin
from tests.fixtures.caldav import CalDavServer

NOW = berlin("2026-12-01T12:00")
ALWAYS = WorkingHours.weekly({day: [("00:00", "00:00")] for day in range(7)})
STAFF = booking.Staffing("Dr. Roth", ALWAYS)
KIND = AppointmentType("Beratung", 30, horizon_days=3650)


def seat(server: CalDavServer, url: str) -> CalDavCalendar:
    return CalDavCalendar(url, server.user, server.password)


def appointment(start: dt.datetime, minutes: int = 30, caller: str = "Frau Meyer"):
    return events.Appointment(
        start, start + dt.timedelta(minutes=minutes), f"Beratung {caller}", "Dr. Roth",
        "Beratung", caller, "+49 30 1234567",
    )  # fmt: skip


def busy_in(cal: CalDavCalendar, start: dt.datetime, minutes: int) -> list[Busy]:
    end = start + dt.timedelta(minutes=minutes)
    items = cal.items_between(start - dt.timedelta(days=1), end + dt.timedelta(days=1))
    index = EventIndex([parse_calendar(i.data) for i in items], BusyPolicy())
    return index.between(start, end)


def test_book_move_cancel_keep_the_uid(caldav_server: CalDavServer) -> None:
    cal = seat(caldav_server, caldav_server.new_calendar())
    start = berlin("2027-01-11T09:30")
    made = booking.book(cal, STAFF, KIND, appointment(start), now=NOW, seat="A")
    [busy] = busy_in(cal, start, 30)
    assert (busy.uid, busy.booking, busy.appointment_type) == (made.uid, "booked", "Beratung")
    with pytest.raises(SlotTaken):
        booking.book(
            cal, STAFF, KIND, appointment(start + dt.timedelta(minutes=15)), now=NOW, seat="B"
        )

    moved = booking.reschedule(
        cal, STAFF, KIND, made.href, start + dt.timedelta(minutes=15), now=NOW, seat="A"
    )
    assert moved.uid == made.uid and moved.href == made.href
    [busy] = busy_in(cal, start, 120)
    assert busy.uid == made.uid and busy.start == start + dt.timedelta(minutes=15)
    item = cal.get(made.href)
    assert item is not None and b"SEQUENCE:1" in item.data

    assert booking.cancel(cal, made.href) == made.uid
    assert busy_in(cal, start, 120) == []
    item = cal.get(made.href)
    assert item is not None and b"STATUS:CANCELLED" in item.data and made.uid.encode() in item.data
    again = booking.book(cal, STAFF, KIND, appointment(start), now=NOW, seat="B")
    assert again.uid != made.uid


def test_booking_respects_foreign_events(caldav_server: CalDavServer) -> None:
    """The client himself made an event in his own app: the slot is taken."""
    cal = seat(caldav_server, caldav_server.new_calendar())
    data = (
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Apple Inc.//iOS 18//EN\r\n"
        b"BEGIN:VEVENT\r\nUID:own-1\r\nDTSTAMP:20261201T000000Z\r\n"
        b"DTSTART;TZID=Europe/Berlin:20270111T090000\r\nDTEND;TZID=Europe/Berlin:20270111T100000\r\n"
        b"RRULE:FREQ=WEEKLY\r\nSUMMARY:Golf\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    cal.create("own-1.ics", data)
    wanted = berlin("2027-03-01T09:30").astimezone(dt.UTC)  # as a slot may carry it
    with pytest.raises(SlotTaken) as taken:
        booking.book(cal, STAFF, KIND, appointment(wanted), now=NOW, seat="A")
    assert "Golf" in taken.value.blocking
    # the time the operator sees in the calendar, not UTC
    assert "2027-03-01 09:30 CET" in taken.value.message
    assert [b.summary for b in busy_in(cal, berlin("2027-03-01T09:30"), 30)] == ["Golf"]


def _race(server: CalDavServer, url: str, starts: list[tuple[dt.datetime, int]]) -> list[object]:
    """Each seat (own connection, own thread) books its slot at the same moment."""
    seats = [seat(server, url) for _ in starts]
    barrier = threading.Barrier(len(starts))
    results: list[object] = [None] * len(starts)

    def run(i: int) -> None:
        start, minutes = starts[i]
        kind = AppointmentType("Beratung", minutes, horizon_days=3650)
        barrier.wait()
        try:
            results[i] = booking.book(
                seats[i],
                STAFF,
                kind,
                appointment(start, minutes, f"Seat {i}"),
                now=NOW,
                seat=str(i),
            )
        except SlotTaken as exc:
            results[i] = exc

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(starts))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    return results


@pytest.mark.parametrize("server_kind", ["radicale", "xandikos"])
def test_two_seats_race_for_one_slot_100_times(
    server_kind: str, radicale_server: CalDavServer, xandikos_server: CalDavServer
) -> None:
    server = radicale_server if server_kind == "radicale" else xandikos_server
    url = server.new_calendar()
    check = seat(server, url)
    first = berlin("2027-02-01T08:00")
    for i in range(100):
        start = first + dt.timedelta(hours=i)
        results = _race(server, url, [(start, 30), (start, 30)])
        winners = [r for r in results if isinstance(r, booking.Booking)]
        losers = [r for r in results if isinstance(r, SlotTaken)]
        assert len(winners) == 1 and len(losers) == 1, (i, results)
        held = busy_in(check, start, 30)
        assert [b.uid for b in held] == [winners[0].uid], (i, held)
        assert held[0].booking == "booked"


def test_overlapping_slots_of_different_lengths_race(caldav_server: CalDavServer) -> None:
    url = caldav_server.new_calendar()
    check = seat(caldav_server, url)
    first = berlin("2027-03-01T08:00")
    for i in range(20):
        start = first + dt.timedelta(hours=3 * i)
        later = start + dt.timedelta(minutes=30)
        results = _race(caldav_server, url, [(start, 60), (later, 30), (later, 90)])
        winners = [r for r in results if isinstance(r, booking.Booking)]
        assert len(winners) == 1, (i, results)
        assert [b.uid for b in busy_in(check, start, 180)] == [winners[0].uid]
