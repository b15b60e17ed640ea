"""Drafts survive a crash: atomic files, kill -9 of a real typing process, recovery."""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from appenv.paths import AppPaths
from notes.drafts import Draft, DraftBox, new_key
from notes.model import Note, Urgency
from notes.recovery import recover_drafts
from tests.notes.conftest import World, berlin

ROOT = Path(__file__).resolve().parents[2]


def _draft(world: World, **kw: object) -> Draft:
    values: dict[str, object] = {"client_id": world.a.id, "operator": "Frau Weber",
                                 "noted_at": berlin(2024, 5, 7, 9)}  # fmt: skip
    values.update(kw)
    return Draft(key=new_key(), note=Note(**values), saved_at=dt.datetime.now(dt.UTC))  # type: ignore[arg-type]


def test_round_trip_keeps_every_field(world: World, app_paths: AppPaths) -> None:
    box = DraftBox(app_paths.drafts)
    draft = _draft(world, subject="Größe €", message="Zeile 1\nZeile 2 „Zitat“",
                   urgency=Urgency.URGENT, callback_number="+49 30 1234567")  # fmt: skip
    box.save(draft)
    assert box.load(draft.key) == draft
    assert box.all() == [draft]
    assert [p.name for p in app_paths.drafts.iterdir()] == [f"note-draft-{draft.key}.json"]
    box.save(replace(draft, note=replace(draft.note, message="neu")))
    loaded = box.load(draft.key)
    assert loaded is not None and loaded.note.message == "neu"
    box.discard(draft.key)
    assert box.all() == [] and list(app_paths.drafts.iterdir()) == []


def test_drafts_already_saved_are_dropped_at_recovery(world: World) -> None:
    box = world.notes.drafts
    assert box is not None
    unsaved = _draft(world, subject="noch offen")
    saved_new = _draft(world, subject="gespeichert, dann abgestürzt")
    world.notes.add_note(replace(saved_new.note, draft_key=saved_new.key))
    stored = world.notes.add_note(_draft(world, subject="alt").note)
    edit_saved = Draft(key=new_key(), note=replace(stored, subject="alt"), saved_at=stored.noted_at)
    edit_open = Draft(
        key=new_key(), note=replace(stored, subject="geändert"), saved_at=stored.noted_at
    )
    for d in (unsaved, saved_new, edit_saved, edit_open):
        box.save(d)
    found = {d.key for d in recover_drafts(world.notes)}
    assert found == {unsaved.key, edit_open.key}
    assert {d.key for d in box.all()} == found  # the saved ones were removed


@pytest.mark.expect_warnings
def test_an_unreadable_draft_is_kept_aside_not_deleted(world: World, app_paths: AppPaths) -> None:
    box = DraftBox(app_paths.drafts)
    good = _draft(world, subject="gut")
    box.save(good)
    bad = app_paths.drafts / "note-draft-deadbeef.json"
    bad.write_text('{"key": "deadbeef", "note": {', "utf-8")
    assert recover_drafts(world.notes) == [good]
    aside = app_paths.drafts / "note-draft-deadbeef.unreadable"
    assert aside.read_text("utf-8") == '{"key": "deadbeef", "note": {'


@pytest.mark.sqlite_only  # the typing app opens the home's SQLite file
def test_kill_9_while_typing_loses_nothing_autosaved(world: World, app_paths: AppPaths) -> None:
    call_id = world.call(world.a, berlin(2024, 5, 7, 14, 5), number="+49 171 5550142",
                         name="Juergen Mueller")  # fmt: skip
    subject = "Rueckruf wegen Frist"
    message = "Herr Mueller bittet um Rueckruf bis 17 Uhr, Akte 12/345."
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    proc = subprocess.Popen(
        [sys.executable, "-m", "tests.notes.typing_app", str(app_paths.home),
         str(world.a.id), str(call_id), subject, message],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        line = proc.stdout.readline() if proc.stdout else ""
        error = proc.stderr.read() if proc.stderr and proc.poll() is not None else ""
        assert line.startswith("autosaved "), (line, error)
        key = line.split()[1]
        os.kill(proc.pid, signal.SIGKILL)
        assert proc.wait(10) == -signal.SIGKILL
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(10)
        for stream in (proc.stdout, proc.stderr):
            if stream:
                stream.close()
    [draft] = recover_drafts(world.notes)
    assert draft.key == key
    assert draft.note.subject == subject
    assert draft.note.message == message
    assert draft.note.call_id == call_id and draft.note.client_id == world.a.id
    assert draft.note.caller_name == "Juergen Mueller"  # pre-filled from the call
    assert draft.note.id is None  # never saved: the process was killed first
    raw = json.loads((app_paths.drafts / f"note-draft-{key}.json").read_text("utf-8"))
    assert raw["note"]["message"] == message
    assert not list(app_paths.drafts.glob(".*.tmp"))  # no half-written file left behind
