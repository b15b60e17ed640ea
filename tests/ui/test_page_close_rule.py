"""The close rule of a call's page: it closes when the call ends unless its note holds
something the operator typed (and not yet saved)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QLabel, QTabWidget

from appenv.paths import AppPaths
from clients.model import CallRecord, Direction
from storage import Database, open_app_database
from tests.ui.demo_clients import add_demo_client
from ui.note_form import NoteForm
from ui.pops import PopPanel, closes_by_itself


@pytest.fixture
def db(app_paths: AppPaths) -> Iterator[Database]:
    database = open_app_database(app_paths)
    yield database
    database.close()


@pytest.fixture
def panel(qtbot) -> PopPanel:
    tabs = QTabWidget()
    qtbot.addWidget(tabs)
    return PopPanel(tabs, lambda: "Frau Weber", QLabel("–"))


def _form(db: Database, client_id: int | None = None) -> NoteForm:
    return NoteForm(db.clients, db.notes, "Frau Weber", client_id, None)


def test_a_page_without_a_note_form_closes(panel: PopPanel):
    assert closes_by_itself(None)
    panel._page("sip-1", "ROTH")
    assert panel.call_ended("sip-1") and "sip-1" not in panel.pages
    assert panel.tabs.count() == 1  # the placeholder is back
    assert not panel.call_ended("sip-1")  # gone already: nothing to close


def test_an_untouched_note_closes_with_its_call(panel: PopPanel, db: Database):
    form = _form(db)
    panel.attach_form("sip-2", form)
    assert not form.has_typing and closes_by_itself(form)
    assert panel.call_ended("sip-2") and "sip-2" not in panel.forms


def test_a_note_being_written_keeps_its_page_until_saved(qtbot, panel: PopPanel, db: Database):
    client = add_demo_client(db.clients, "ROTH", "Kanzlei Dr. Roth", "+49301234567", "#1f3a5f")
    form = _form(db, client.id)
    panel.attach_form("sip-3", form)
    qtbot.keyClicks(form.subject, "Rueckruf bitte")
    assert form.has_typing and not closes_by_itself(form)
    assert not panel.call_ended("sip-3") and panel.forms["sip-3"] is form
    assert form.save() is not None  # saved: nothing left to lose, the page closes
    assert not form.has_typing and closes_by_itself(form)
    assert "sip-3" not in panel.pages and panel.recently_closed == []  # a note page only


def test_a_note_saved_while_the_call_is_up_keeps_the_page(qtbot, panel: PopPanel, db: Database):
    client = add_demo_client(db.clients, "ROTH", "Kanzlei Dr. Roth", "+49301234567", "#1f3a5f")
    form = _form(db, client.id)
    panel.attach_form("sip-5", form)
    qtbot.keyClicks(form.subject, "Rueckruf bitte")
    assert form.save() is not None
    assert "sip-5" in panel.pages  # the call has not ended: the operator still needs it


def test_binding_the_logged_call_is_not_typing(panel: PopPanel, db: Database):
    """The window binds the note to the call as it ends; that alone keeps no page open."""
    call_id = db.calls.record_call(
        CallRecord(call_key="sip-4", direction=Direction.IN, started_at=dt.datetime.now(dt.UTC))
    )
    form = _form(db)
    panel.attach_form("sip-4", form)
    form.attach_call(call_id)
    assert form.has_unsaved_changes and not form.has_typing
    assert closes_by_itself(form)
