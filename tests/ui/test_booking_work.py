"""The booking panel's background steps (:mod:`ui.booking_work`) on SQLite and PostgreSQL
with the local calendar: a search lists only the caller's own appointments (never every
caller's when the caller is unknown), book → move → cancel journal the call, and the
conflicts of the client come with every search. The e-mail row's check box follows the
typed address until the operator sets it herself."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import pytest

from calendar_sync import desk
from calendar_sync.journal import AppointmentState
from calendar_sync.registry import type_named
from clients.email_addresses import InvalidEmailAddress
from tests.calendar_sync.test_cli_booking import a_free_monday
from tests.calendar_sync.test_desk_journal import Seat, open_seat
from ui import booking_work as work
from ui.booking_confirmation import ConfirmationRow


def _seat(db_location: Path | str, tmp_path: Path) -> Seat:
    return open_seat(db_location, str(tmp_path / "local-roth"), "local", None, "seat-a")


def test_search_book_move_cancel_for_one_caller(db_location: Path | str, tmp_path: Path) -> None:
    seat = _seat(db_location, tmp_path)
    try:
        client_id = seat.profile.client.id
        assert client_id is not None
        monday = a_free_monday()
        kind = type_named(seat.db.calendars, "ROTH", "Erstgespräch")
        work.book(
            seat.db, client_id, kind, seat.slot(monday, 9), seat.name, caller="Herr Kurz",
            phone="+49 40 555020", call_key="other-call", email="", operator="Anna",
        )  # fmt: skip
        booked = work.book(
            seat.db, client_id, kind, seat.slot(monday, 10), seat.name, caller="Frau Meyer",
            phone="+49 30 1234567", call_key="call-1", email="meyer@example.com",
            operator="Anna",
        )  # fmt: skip
        record = booked.outcome.record
        assert record is not None and (record.call_key, record.operator) == ("call-1", "Anna")
        assert booked.conflicts == ()

        look = work.look(
            seat.db, client_id, kind, None, seat.name, phone="030 1234567", caller=""
        )  # any spelling of her number: her appointment only, not Herr Kurz's
        assert [r.uid for r in look.upcoming] == [record.uid] and look.offer.slots
        assert (
            work.look(seat.db, client_id, kind, None, seat.name, phone="", caller="").upcoming == ()
        )
        assert work.callers_appointments(seat.db, "ROTH", " ", "", dt.datetime.now(dt.UTC)) == ()

        offered = work.move_offer(seat.db, client_id, record, seat.name)
        assert offered.kind.minutes == 30 and record.starts_at not in {
            s.start for s in offered.offer.slots
        }
        target = seat.slot(monday, 11)
        moved = work.move(
            seat.db, client_id, record, target, seat.name, call_key="call-2", operator="Ben"
        )
        assert (moved.uid, moved.state, moved.previous_start) == (
            record.uid, AppointmentState.MOVED, record.starts_at,
        )  # fmt: skip
        cancelled = work.cancel(
            seat.db, client_id, moved, seat.name, call_key="call-2", operator="Ben"
        )
        assert (cancelled.uid, cancelled.state) == (record.uid, AppointmentState.CANCELLED)
        rows = seat.db.calendars.appointments("ROTH", call_keys=["call-2"])
        assert [r.state for r in rows] == ["moved", "cancelled"]
        assert (
            work.look(
                seat.db, client_id, kind, None, seat.name, phone="", caller="frau  MEYER"
            ).upcoming
            == ()
        )  # cancelled: nothing to come
    finally:
        seat.db.close()


def test_conflicts_come_with_a_search_until_acknowledged(
    db_location: Path | str, tmp_path: Path
) -> None:
    seat = _seat(db_location, tmp_path)
    try:
        client_id = seat.profile.client.id
        assert client_id is not None
        seat.book(seat.slot(a_free_monday(), 9), call_key="call-1")
        (row,) = seat.db.calendars.appointments("ROTH")
        conflict = seat.db.calendars.add_appointment(
            replace(row, id=None, uid="p1", state=AppointmentState.CONFLICT, message="taken")
        )
        kind = desk.kind_of(seat.db.calendars, row)
        look = work.look(seat.db, client_id, kind, None, seat.name, phone="", caller="")
        assert [c.id for c in look.conflicts] == [conflict.id]
        assert conflict.id is not None
        assert work.acknowledge(seat.db, "ROTH", conflict.id) == ()
        look = work.look(seat.db, client_id, kind, None, seat.name, phone="", caller="")
        assert look.conflicts == ()
    finally:
        seat.db.close()


@pytest.mark.usefixtures("qapp")
def test_send_confirmation_follows_the_address_until_chosen() -> None:
    row = ConfirmationRow()
    assert not row.wanted and row.checked() == ""
    row.email.textEdited.emit("a@b.test")
    row.email.setText("a@b.test")
    assert row.wanted and row.checked() == "a@b.test"
    row.email.setText("")
    row.email.textEdited.emit("")
    assert not row.wanted
    row.send.click()  # the operator decides: typing no longer changes it
    assert row.wanted
    row.email.textEdited.emit("")
    assert row.wanted
    row.email.setText("petra@")
    with pytest.raises(InvalidEmailAddress):
        row.checked()
    row.prefill("other@b.test")  # an address is typed already: kept
    assert row.email.text() == "petra@"
    row.email.setText("")
    row.prefill("Petra@Lange.TEST")
    assert row.checked() == "Petra@lange.test"
