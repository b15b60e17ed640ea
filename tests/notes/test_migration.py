"""A version-4 database with data becomes version 5 with notes, losing nothing."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from notes.model import Note, NoteQuery
from storage import open_database
from storage.sqlite.migrations import LATEST
from tests.clients.test_migrations import make_database
from tests.notes.conftest import berlin


def test_version_4_with_data_gains_notes(tmp_path: Path) -> None:
    path = tmp_path / "v4.sqlite3"
    make_database(path, 4)  # clients, numbers, staff, callers (+FTS), a call, FAQ
    with open_database(path, drafts=tmp_path / "drafts") as db:
        store, notes = db.clients, db.notes
        assert db.schema_version == LATEST
        assert (tmp_path / "v4.sqlite3.v4.bak").exists()
        backup = sqlite3.connect(tmp_path / "v4.sqlite3.v4.bak")
        assert backup.execute("PRAGMA user_version").fetchone()[0] == 4
        backup.close()
        # old data untouched
        client = store.get_client_by_code("ROTH")
        assert client is not None and client.id == 7
        caller = store.find_caller(7, "0171 5550142")
        assert caller is not None and store.search_callers(7, "krause") == [caller]
        [call] = store.calls_for_caller(7, "+491715550142")
        assert [f.question for f in store.list_faq(7)] == ["Parken?"]
        # the old call, caller and staff member can carry a note
        [staff] = store.list_staff(7)
        note = notes.add_note(
            Note(
                client_id=7,
                call_id=call.id,
                caller_id=caller.id,
                for_staff_id=staff.id,
                caller_name=caller.name,
                for_whom=staff.name,
                subject="Akte Krause",
                message="Bitte Rückruf",
                operator="Frau Weber",
                noted_at=call.started_at,
            )
        )
        assert notes.note_for_call(call.id or 0) == note
        assert notes.search(NoteQuery(client_id=7, text="ruckruf")) == [note]
        assert notes.search(NoteQuery(client_id=7, caller="krause")) == [note]
        assert notes.search(NoteQuery(client_id=7, caller_id=caller.id)) == [note]
    # reopening does not migrate (or back up) again
    (tmp_path / "v4.sqlite3.v4.bak").unlink()
    with open_database(path) as db:
        assert db.schema_version == LATEST
    assert not (tmp_path / "v4.sqlite3.v4.bak").exists()


def test_deleting_a_caller_or_staff_member_keeps_the_note(tmp_path: Path) -> None:
    path = tmp_path / "v4.sqlite3"
    make_database(path, 4)
    with open_database(path) as db:
        store, notes = db.clients, db.notes
        caller = store.find_caller(7, "0171 5550142")
        [staff] = store.list_staff(7)
        assert caller is not None and caller.id is not None and staff.id is not None
        note = notes.add_note(
            Note(client_id=7, caller_id=caller.id, for_staff_id=staff.id, for_whom="Dr. Roth",
                 subject="Fristsache", operator="Frau Weber", noted_at=berlin(2024, 5, 7, 9))
        )  # fmt: skip
        store.delete_caller(caller.id)
        store.delete_staff(staff.id)
        kept = notes.get_note(note.id or 0)
        assert kept is not None
        assert (kept.caller_id, kept.for_staff_id) == (None, None)
        assert kept.for_whom == "Dr. Roth" and kept.subject == "Fristsache"
        assert notes.search(NoteQuery(client_id=7, text="Fristsache")) == [kept]
