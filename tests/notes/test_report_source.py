"""The clients store + notes as the reports' source: mapping, day boundaries, no leaks."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from clients.hours_text import parse_hours
from clients.model import Outcome as CallOutcome
from notes.model import Action, Channel, Urgency
from reports.clients_source import StoreReportSource
from reports.model import Outcome, RequestedAction
from reports.model import Urgency as ReportUrgency
from tests.notes.conftest import World, berlin

DAY = dt.date(2024, 5, 7)  # a Tuesday


def test_clients_are_mapped(world: World) -> None:
    assert world.a.id is not None
    world.store.update_client(replace(world.a, report_recipients=("kanzlei@roth.example",),
                                      report_time="17:30", encrypt_reports=True))  # fmt: skip
    world.store.set_business_hours(world.a.id, parse_hours("Mo-Fr 08:00-18:00"))
    source = StoreReportSource(world.db)
    client = source.client("ROTH")
    assert client is not None
    assert (client.name, client.recipients, client.report_time, client.encrypt) == (
        "Kanzlei Dr. Roth", ("kanzlei@roth.example",), dt.time(17, 30), True)  # fmt: skip
    assert client.business_hours == "Mo-Fr 08:00-18:00"
    assert [c.code for c in source.clients()] == ["ROTH", "PRAXIS"]
    assert source.client("NOPE") is None and source.calls_for("NOPE", DAY) == []


def test_calls_with_notes_outcomes_and_hours(world: World) -> None:
    assert world.a.id is not None
    world.store.set_business_hours(world.a.id, parse_hours("Mo-Fr 08:00-18:00"))
    early = world.call(world.a, berlin(2024, 5, 7, 7, 30), outcome=CallOutcome.MISSED, duration=0)
    noted = world.call(world.a, berlin(2024, 5, 7, 10, 0), duration=125.4, name="Signalled")
    busy = world.call(world.a, berlin(2024, 5, 7, 11, 0), outcome=CallOutcome.BUSY, duration=0)
    wrong = world.call(world.a, berlin(2024, 5, 7, 12, 0), duration=20)
    moved = world.call(world.a, berlin(2024, 5, 7, 13, 0), outcome=CallOutcome.TRANSFERRED)
    world.note(world.a, call_id=noted, caller_name="Jürgen Müller", caller_company="Kühn GmbH",
               subject="Frist", message="Bitte Rückruf", urgency=Urgency.URGENT,
               for_whom="Dr. Roth", action=Action.CALL_BACK, callback_number="0171 5550142",
               noted_at=berlin(2024, 5, 7, 10, 0))  # fmt: skip
    world.note(world.a, call_id=wrong, wrong_number=True, noted_at=berlin(2024, 5, 7, 12, 0))
    calls = StoreReportSource(world.db).calls_for("ROTH", DAY)
    assert [c.call_id for c in calls] == [str(i) for i in (early, noted, busy, wrong, moved)]
    by_id = {c.call_id: c for c in calls}
    assert by_id[str(early)].outcome is Outcome.MISSED and by_id[str(early)].outside_business_hours
    assert not by_id[str(noted)].outside_business_hours
    assert by_id[str(busy)].outcome is Outcome.BUSY and by_id[str(busy)].outcome.missed
    assert by_id[str(wrong)].outcome is Outcome.WRONG_NUMBER
    assert by_id[str(moved)].outcome is Outcome.TRANSFERRED
    call = by_id[str(noted)]
    assert call.client_code == "ROTH" and call.duration_s == 125
    assert call.caller_name == "Jürgen Müller"  # the note's name wins over the signalled one
    assert call.caller_number == "030 1234567"
    note = call.note
    assert note is not None
    assert (note.subject, note.message, note.urgency, note.for_whom, note.action) == (
        "Frist",
        "Bitte Rückruf",
        ReportUrgency.URGENT,
        "Dr. Roth",
        RequestedAction.CALL_BACK,
    )
    assert (note.callback_number, note.operator, note.caller_company) == (
        "0171 5550142", "Frau Weber", "Kühn GmbH")  # fmt: skip


def test_days_are_cut_in_the_clients_time_zone(world: World) -> None:
    utc = dt.UTC
    world.store.update_client(replace(world.b, timezone="America/New_York"))
    # 2024-05-07 00:30 in Berlin is 2024-05-06 22:30 UTC
    first = world.call(world.a, dt.datetime(2024, 5, 6, 22, 30, tzinfo=utc))
    world.call(world.a, dt.datetime(2024, 5, 7, 22, 30, tzinfo=utc))  # 8 May in Berlin
    ny_late = world.call(world.b, dt.datetime(2024, 5, 8, 3, 59, tzinfo=utc))  # 23:59 in NY
    world.call(world.b, dt.datetime(2024, 5, 7, 3, 59, tzinfo=utc))  # 6 May in NY
    source = StoreReportSource(world.db)
    assert [c.call_id for c in source.calls_for("ROTH", DAY)] == [str(first)]
    assert [c.call_id for c in source.calls_for("PRAXIS", DAY)] == [str(ny_late)]


def test_holidays_count_as_outside_hours(world: World) -> None:
    assert world.a.id is not None
    world.store.set_business_hours(world.a.id, parse_hours("Mo-Fr 08:00-18:00"))
    world.call(world.a, berlin(2024, 5, 9, 10, 0))  # Ascension Day, 10:00
    [call] = StoreReportSource(world.db).calls_for("ROTH", dt.date(2024, 5, 9))
    assert call.outside_business_hours


def test_walk_ins_are_reported_and_moved_calls_keep_their_note_home(world: World) -> None:
    world.note(world.a, subject="Schlüssel abgegeben", channel=Channel.WALK_IN,
               caller_name="Frau Nachbar", noted_at=berlin(2024, 5, 7, 15, 0))  # fmt: skip
    call_id = world.call(world.a, berlin(2024, 5, 7, 9, 0), name="Anrufer")
    world.note(world.a, call_id=call_id, subject="Geheim für ROTH",
               noted_at=berlin(2024, 5, 7, 9, 0))  # fmt: skip
    world.store.update_call(call_id, client_id=world.b.id)  # the call was re-assigned later
    source = StoreReportSource(world.db)
    [moved] = source.calls_for("PRAXIS", DAY)
    assert moved.note is None  # the note written for ROTH never reaches PRAXIS
    roth = source.calls_for("ROTH", DAY)
    assert [(c.call_id.startswith("note-"), c.note.subject if c.note else None) for c in roth] == [
        (True, "Geheim für ROTH"),
        (True, "Besuch: Schlüssel abgegeben"),
    ]
    assert roth[1].caller_name == "Frau Nachbar" and roth[1].outcome is Outcome.ANSWERED
