"""Notes in the real SQLite store: one per call, references checked, every change kept."""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import replace

import pytest

from clients.errors import NotFound, StoreError
from notes.model import Action, Channel, NoteConflict, NoteExists, NoteQuery, Urgency
from tests.notes.conftest import World, berlin


def test_add_and_read_back(world: World) -> None:
    call_id = world.call(world.a, berlin(2024, 5, 7, 9, 15), number="+49 30 5550142")
    note = world.note(
        world.a,
        call_id=call_id,
        caller_number="030 5550142",
        caller_name="Jürgen Müller",
        caller_company="Bäckerei Kühn",
        callback_number="0171 5550142",
        subject="Frist läuft ab",
        message="Bitte dringend zurückrufen wegen 1.250 €.",
        urgency=Urgency.URGENT,
        action=Action.CALL_BACK,
        noted_at=berlin(2024, 5, 7, 9, 15),
    )
    assert note.id is not None and note.revision == 1
    assert note.caller_number == "+49305550142"  # normalised like the call log
    assert note.created_at is not None and note.created_at.tzinfo is not None
    assert note.noted_at == berlin(2024, 5, 7, 9, 15)
    assert world.notes.get_note(note.id) == note
    assert world.notes.note_for_call(call_id) == note
    assert world.notes.notes_for_calls([call_id, 999]) == {call_id: note}
    assert world.notes.history(note.id) == []


def test_a_call_has_one_note(world: World) -> None:
    call_id = world.call(world.a, berlin(2024, 5, 7, 9, 0))
    first = world.note(world.a, call_id=call_id, subject="eins")
    with pytest.raises(NoteExists) as info:
        world.note(world.a, call_id=call_id, subject="zwei")
    assert info.value.note_id == first.id
    assert "already has a note" in str(info.value)


@pytest.mark.parametrize("field", ["client_id", "call_id", "caller_id", "for_staff_id"])
def test_unknown_references_are_refused(world: World, field: str) -> None:
    with pytest.raises(NotFound):
        world.note(world.a, subject="x", **{field: 4242})
    assert world.notes.search(NoteQuery(client_id=world.a.id)) == []


def test_saving_the_same_draft_twice_gives_one_note(world: World) -> None:
    first = world.note(world.a, subject="Rückruf", draft_key="abc123")
    again = world.note(world.a, subject="Rückruf", draft_key="abc123")
    assert again.id == first.id
    assert world.notes.note_by_draft("abc123") == first
    assert len(world.notes.search(NoteQuery(client_id=world.a.id))) == 1


def test_every_change_is_kept_with_who_and_when(world: World) -> None:
    note = world.note(world.a, subject="Termin", message="Bitte zurückrufen")
    assert note.id is not None
    before = dt.datetime.now(dt.UTC)
    changed = world.notes.update_note(
        replace(note, message="Termin am Freitag passt", urgency=Urgency.LOW), by="Herr Yılmaz"
    )
    assert changed.revision == 2 and changed.updated_by == "Herr Yılmaz"
    assert changed.operator == "Frau Weber"  # who wrote it first never changes
    again = world.notes.update_note(replace(changed, subject="Termin Freitag"), by="Frau Weber")
    history = world.notes.history(note.id)
    assert [(c.revision, c.changed_by, c.field, c.old, c.new) for c in history] == [
        (2, "Herr Yılmaz", "message", "Bitte zurückrufen", "Termin am Freitag passt"),
        (2, "Herr Yılmaz", "urgency", "normal", "low"),
        (3, "Frau Weber", "subject", "Termin", "Termin Freitag"),
    ]
    assert all(c.changed_at >= before for c in history)
    assert again.revision == 3
    # saving without a change writes no revision
    assert world.notes.update_note(again, by="Frau Weber") == again
    assert len(world.notes.history(note.id)) == 3


def test_a_stale_edit_is_refused_not_merged(world: World) -> None:
    note = world.note(world.a, subject="alt")
    world.notes.update_note(replace(note, subject="Seat 1"), by="Seat 1")
    with pytest.raises(NoteConflict) as info:
        world.notes.update_note(replace(note, subject="Seat 2"), by="Seat 2")
    assert "changed by someone else" in str(info.value)
    assert note.id is not None
    stored = world.notes.get_note(note.id)
    assert stored is not None and stored.subject == "Seat 1"


def test_attaching_the_call_later_is_audited(world: World) -> None:
    note = world.note(world.a, subject="während des Gesprächs", noted_at=berlin(2024, 5, 7, 9, 1))
    call_id = world.call(world.a, berlin(2024, 5, 7, 9, 0))
    moved = world.notes.update_note(
        replace(note, call_id=call_id, noted_at=berlin(2024, 5, 7, 9, 0)), by="Frau Weber"
    )
    assert world.notes.note_for_call(call_id) == moved
    assert {c.field for c in world.notes.history(moved.id or 0)} == {"call_id", "noted_at"}


def test_a_deleted_client_keeps_its_notes_and_leaves_its_search(world: World) -> None:
    note = world.note(world.a, subject="Vertragsende", message="Kündigung")
    assert world.a.id is not None and note.id is not None
    world.store.delete_client(world.a.id)
    kept = world.notes.get_note(note.id)
    assert kept is not None and kept.client_id is None and kept.subject == "Vertragsende"
    assert world.notes.search(NoteQuery(client_id=world.a.id, text="Kündigung")) == []
    assert world.notes.search(NoteQuery(client_id=None, text="Kündigung")) == [kept]


@pytest.mark.sqlite_only  # reads the FTS5 index
def test_the_index_follows_updates(world: World) -> None:
    note = world.note(world.a, subject="Heizung defekt")
    world.notes.update_note(replace(note, subject="Wasserschaden"), by="Frau Weber")
    assert world.notes.search(NoteQuery(client_id=world.a.id, text="Heizung")) == []
    assert len(world.notes.search(NoteQuery(client_id=world.a.id, text="Wasser"))) == 1
    with sqlite3.connect(world.db.path or ":memory:") as conn:
        conn.execute("INSERT INTO notes_fts(notes_fts) VALUES ('integrity-check')")


def test_loose_notes_are_those_without_a_call_of_the_client(world: World) -> None:
    on_call = world.call(world.a, berlin(2024, 5, 7, 9, 0))
    world.note(world.a, call_id=on_call, subject="am Telefon")
    walk_in = world.note(
        world.a,
        subject="vorbeigekommen",
        channel=Channel.WALK_IN,
        noted_at=berlin(2024, 5, 7, 11, 0),
    )
    world.note(
        world.a, subject="gestern", channel=Channel.EMAIL, noted_at=berlin(2024, 5, 6, 23, 59)
    )
    world.note(world.b, subject="andere", channel=Channel.EMAIL, noted_at=berlin(2024, 5, 7, 11))
    assert world.a.id is not None
    loose = world.notes.loose_notes(world.a.id, berlin(2024, 5, 7), berlin(2024, 5, 8))
    assert loose == [walk_in]


def test_nothing_is_filed_across_clients(world: World) -> None:
    call_of_a = world.call(world.a, berlin(2024, 5, 7, 9, 0))
    assert world.a.id is not None
    [staff_of_a, _] = world.store.list_staff(world.a.id)
    for wrong in ({"call_id": call_of_a}, {"for_staff_id": staff_of_a.id}):
        with pytest.raises(StoreError, match="another client"):
            world.note(world.b, subject="falsch", **wrong)
    assert world.notes.search(NoteQuery(client_id=world.b.id)) == []
