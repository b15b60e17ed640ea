"""The local calendar: the same race-safe booking as on a server, and export as .ics."""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path

import pytest

from calendar_sync import booking, events
from calendar_sync.busy import BusyPolicy, EventIndex
from calendar_sync.caldav_source import PreconditionFailed
from calendar_sync.errors import SlotTaken
from calendar_sync.ics import parse_calendar
from calendar_sync.local_calendar import LocalCalendar, export_ics
from calendar_sync.slots import AppointmentType
from tests.calendar_sync.helpers import berlin
from tests.calendar_sync.test_caldav_booking import KIND, NOW, STAFF, appointment


def test_race_on_the_local_calendar(tmp_path: Path) -> None:
    folder = tmp_path / "local"
    first = berlin("2027-02-01T08:00")
    for i in range(30):
        start = first + dt.timedelta(hours=i)
        seats = [LocalCalendar(folder), LocalCalendar(folder)]
        barrier = threading.Barrier(2)
        results: list[object] = [None, None]

        def run(n: int, start: dt.datetime = start, seats=seats, barrier=barrier, results=results):
            barrier.wait()
            try:
                results[n] = booking.book(
                    seats[n], STAFF, KIND, appointment(start), now=NOW, seat=str(n)
                )
            except SlotTaken as exc:
                results[n] = exc

        threads = [threading.Thread(target=run, args=(n,)) for n in (0, 1)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(30)
        kinds = sorted(type(r).__name__ for r in results)
        assert kinds == ["Booking", "SlotTaken"], results
    items = LocalCalendar(folder).items()
    assert len(items) == 30
    assert all(b"X-VORZIMMER-BOOKING:booked" in i.data for i in items)


def test_move_cancel_export(tmp_path: Path) -> None:
    cal = LocalCalendar(tmp_path / "local")
    start = berlin("2027-01-11T09:00")
    made = booking.book(cal, STAFF, KIND, appointment(start), now=NOW, seat="A")
    moved = booking.reschedule(
        cal, STAFF, KIND, made.href, start + dt.timedelta(hours=2), now=NOW, seat="A"
    )
    assert moved.uid == made.uid
    other = booking.book(
        cal, STAFF, KIND, appointment(start, caller="Herr Lang"), now=NOW, seat="A"
    )
    booking.cancel(cal, other.href)
    with pytest.raises(PreconditionFailed):
        cal.replace(made.href, b"x", '"stale"')
    out = tmp_path / "export.ics"
    assert export_ics(cal, out) == 2
    index = EventIndex([parse_calendar(out.read_bytes())], BusyPolicy())
    busy = index.between(start, start + dt.timedelta(hours=4))
    assert [(b.uid, b.start) for b in busy] == [(made.uid, start + dt.timedelta(hours=2))]


def test_claims_of_different_lengths_on_one_slot(tmp_path: Path) -> None:
    cal = LocalCalendar(tmp_path / "local")
    start = berlin("2027-01-11T09:00")
    long = AppointmentType("Lang", 90, horizon_days=3650)
    booking.book(cal, STAFF, long, appointment(start, 90), now=NOW, seat="A")
    with pytest.raises(SlotTaken) as taken:
        booking.book(
            cal, STAFF, KIND, appointment(start + dt.timedelta(minutes=60)), now=NOW, seat="B"
        )
    assert "Beratung Frau Meyer" in taken.value.blocking
    assert events.uid_of(cal.items()[0].data).endswith("@vorzimmer")


def test_confirmation_ics_is_an_itip_request(tmp_path: Path) -> None:
    cal = LocalCalendar(tmp_path / "local")
    made = booking.book(
        cal, STAFF, KIND, appointment(berlin("2027-01-11T09:00")), now=NOW, seat="A"
    )
    item = cal.get(made.href)
    assert item is not None
    request = parse_calendar(
        events.itip(item.data, organizer="praxis@roth.test", attendees=["meyer@example.org"])
    )
    assert str(request["METHOD"]) == "REQUEST"
    [event] = request.walk("VEVENT")
    assert str(event["UID"]) == made.uid and str(event["ORGANIZER"]) == "mailto:praxis@roth.test"
    assert "X-VORZIMMER-BOOKING" not in event and "X-VORZIMMER-SEAT" not in event
    cancel = parse_calendar(
        events.itip(item.data, organizer="praxis@roth.test", attendees=["m@x.org"], cancel=True)
    )
    assert str(cancel["METHOD"]) == "CANCEL"
    assert str(cancel.walk("VEVENT")[0]["STATUS"]) == "CANCELLED"


def test_move_races_a_new_booking(tmp_path: Path) -> None:
    """Seat 1 moves an appointment into a slot that seat 2 books at the same moment."""
    folder = tmp_path / "local"
    for i in range(20):
        start = berlin("2027-03-01T08:00") + dt.timedelta(hours=2 * i)
        target = start + dt.timedelta(hours=1)
        made = booking.book(
            LocalCalendar(folder), STAFF, KIND, appointment(start), now=NOW, seat="1"
        )
        barrier = threading.Barrier(2)
        results: list[object] = [None, None]

        def move(made=made, target=target, barrier=barrier, results=results) -> None:
            barrier.wait()
            try:
                results[0] = booking.reschedule(
                    LocalCalendar(folder), STAFF, KIND, made.href, target, now=NOW, seat="1"
                )
            except SlotTaken as exc:
                results[0] = exc

        def book(target=target, barrier=barrier, results=results) -> None:
            barrier.wait()
            try:
                results[1] = booking.book(
                    LocalCalendar(folder), STAFF, KIND, appointment(target, caller="Neu"),
                    now=NOW, seat="2",
                )  # fmt: skip
            except SlotTaken as exc:
                results[1] = exc

        threads = [threading.Thread(target=move), threading.Thread(target=book)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(30)
        assert sorted(type(r).__name__ for r in results) == ["Booking", "SlotTaken"], results
        items = [parse_calendar(x.data) for x in LocalCalendar(folder).items()]
        index = EventIndex(items, BusyPolicy())
        held = index.between(target, target + dt.timedelta(minutes=30))
        assert len(held) == 1, held
        old = index.between(start, start + dt.timedelta(minutes=30))
        moved = isinstance(results[0], booking.Booking)
        assert [b.uid for b in (held if moved else old)] == [made.uid]
        assert (old == []) == moved


@pytest.mark.parametrize(("age_minutes", "bookable"), [(0, False), (60, True)])
def test_an_abandoned_claim_stops_blocking(
    tmp_path: Path, age_minutes: int, bookable: bool
) -> None:
    """A seat that lost the server mid-booking leaves a claim; after 10 minutes it is void."""
    cal = LocalCalendar(tmp_path / "local")
    start = berlin("2027-01-11T09:00")
    data = events.booking_calendar("ghost@vorzimmer", appointment(start), events.CLAIM, "lost")
    stamp = dt.datetime.now(dt.UTC) - dt.timedelta(minutes=age_minutes)
    data = data.replace(
        next(line for line in data.split(b"\r\n") if line.startswith(b"DTSTAMP")),
        f"DTSTAMP:{stamp:%Y%m%dT%H%M%SZ}".encode(),
    )
    cal.create("ghost.ics", data)
    if bookable:
        booking.book(cal, STAFF, KIND, appointment(start), now=NOW, seat="A")
    else:
        with pytest.raises(SlotTaken):
            booking.book(cal, STAFF, KIND, appointment(start), now=NOW, seat="A")
