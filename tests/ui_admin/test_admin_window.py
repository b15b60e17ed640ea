"""The admin window on a real SQLite store: what the operator does, what the store holds."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt

from clients.model import Caller, CallRecord, Client, Outcome, Script, Staff, Variant
from clients.scripts import holiday_name
from storage.interfaces import ClientStore
from ui.admin import AdminChange
from ui.admin.changes import Area

BERLIN = dt.timezone(dt.timedelta(hours=1))  # a winter date below: CET


def add_client(store: ClientStore, **fields: Any) -> tuple[Client, int]:
    client = store.add_client(Client(**fields))
    assert client.id is not None
    return client, client.id


def click(qtbot, button) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_create_client_with_numbers(qtbot, store: ClientStore, open_admin):
    window = open_admin()
    assert window.client_list.table.rowCount() == 0
    click(qtbot, window.client_list.new_button)
    assert window.general.creating
    qtbot.keyClicks(window.general.code, "MUE")
    window.general.name.setText("Bäckerei Müller")  # non-ASCII: setText, never keyClicks
    window.general.state.setCurrentIndex(window.general.state.findData("BY"))
    with qtbot.waitSignal(window.clients_changed) as blocker:
        click(qtbot, window.general.save_button)
    created = store.get_client_by_code("MUE")
    assert created is not None and created.name == "Bäckerei Müller" and created.state == "BY"
    assert blocker.args == [AdminChange(Area.CLIENT, created.id)]
    assert window.current == created
    assert window.client_list.table.item(0, 0).text() == "MUE"
    assert window.numbers.isEnabled()

    window.tabs.setCurrentWidget(window.numbers)
    qtbot.keyClicks(window.numbers.number_input, "030 1234567")
    assert window.numbers.preview.text() == "→ +49301234567"  # normalisation shown while typing
    qtbot.keyClicks(window.numbers.label_input, "DID")
    with qtbot.waitSignal(window.clients_changed) as blocker:
        click(qtbot, window.numbers.add_button)
    assert blocker.args == [AdminChange(Area.NUMBERS, created.id)]
    qtbot.keyClicks(window.numbers.number_input, "0049 (0)40 555-020")
    qtbot.keyClick(window.numbers.number_input, Qt.Key.Key_Return)
    assert window.numbers.table.item(0, 0).text() == "+49301234567"
    assert window.numbers.table.item(0, 1).text() == "030 1234567"
    assert window.numbers.table.item(0, 2).text() == "DID"
    assert window.numbers.numbers() == ["+49301234567", "+4940555020"]
    assert created.id is not None
    assert [n.number for n in store.list_numbers(created.id)] == ["+49301234567", "+4940555020"]
    assert store.find_client_by_numbers(["+49 30 1234567"]) == created


def test_invalid_client_form_shows_the_reason_and_stores_nothing(
    qtbot, store: ClientStore, open_admin
):
    store.add_client(Client(code="KAN", name="Kanzlei Roth"))
    window = open_admin()
    click(qtbot, window.client_list.new_button)
    qtbot.keyClicks(window.general.code, "KAN")
    qtbot.keyClicks(window.general.name, "Another one")
    click(qtbot, window.general.save_button)
    assert window.general.message.is_error
    assert "KAN" in window.general.message.text() and "exists" in window.general.message.text()
    window.general.code.setText("NEW")
    window.general.recipients.setText("office@example.com, not-an-address")
    click(qtbot, window.general.save_button)
    assert "not-an-address" in window.general.message.text()
    # what the client import refuses, the form refuses too (one address check)
    window.general.recipients.setText("office@example.com, <roth@kanzlei.de>")
    click(qtbot, window.general.save_button)
    assert "<roth@kanzlei.de>" in window.general.message.text()
    assert [c.code for c in store.list_clients()] == ["KAN"]


def test_duplicate_number_across_clients_shows_error_and_stores_nothing(
    qtbot, store: ClientStore, open_admin
):
    _roth, roth_id = add_client(store, code="ROTH", name="Kanzlei Roth")
    store.add_number(roth_id, "030 1234567")
    other, other_id = add_client(store, code="ZED", name="Zahnarzt Zed")
    window = open_admin()
    window.show_client(other_id)
    assert window.current == other
    window.tabs.setCurrentWidget(window.numbers)
    qtbot.keyClicks(window.numbers.number_input, "+49 (0)30 1234567")
    with qtbot.assertNotEmitted(window.clients_changed):
        click(qtbot, window.numbers.add_button)
    message = window.numbers.message
    assert message.isVisible() and message.is_error
    assert (
        message.text() == "The number +49301234567 already belongs to client ROTH (Kanzlei Roth)."
    )
    assert window.numbers.number_input.text() == "+49 (0)30 1234567"  # kept for correcting
    assert store.list_numbers(other_id) == []
    assert [n.number for n in store.list_numbers(roth_id)] == ["+49301234567"]
    assert window.numbers.table.rowCount() == 0

    # garbage is refused the same calm way
    window.numbers.number_input.setText("hello")
    assert window.numbers.preview.text() == "Not a phone number yet."
    click(qtbot, window.numbers.add_button)
    assert message.text() == "'hello' is not a phone number."


def test_script_edit_shows_live_preview(qtbot, store: ClientStore, open_admin):
    _client, client_id = add_client(store, code="ROTH", name="Kanzlei Roth", state="BE")
    window = open_admin()
    scripts = window.scripts
    scripts.set_clock(lambda: dt.datetime(2025, 1, 14, 9, 15, tzinfo=BERLIN))
    window.tabs.setCurrentWidget(scripts)
    assert scripts.current_key == (Variant.BUSINESS_HOURS, "de")
    assert "(not set)" in scripts.slots.item(0).text()
    # nothing typed yet: the default greeting is previewed
    assert scripts.preview.text().startswith("Kanzlei Roth, guten Morgen, Mr Krause")
    scripts.greeting.clear()
    qtbot.keyClicks(scripts.greeting, "{client}, {greeting}, {caller_name}. Hier ist {operator}.")
    assert scripts.preview.text() == "Kanzlei Roth, guten Morgen, Mr Krause. Hier ist Anna Schmidt."
    assert scripts.preview_unknown.text() == (
        "Unknown caller: Kanzlei Roth, guten Morgen. Hier ist Anna Schmidt."
    )
    scripts.sample_caller.setText("Frau Dr. Öztürk")
    assert scripts.preview.text() == (
        "Kanzlei Roth, guten Morgen, Frau Dr. Öztürk. Hier ist Anna Schmidt."
    )
    scripts.set_clock(lambda: dt.datetime(2025, 1, 14, 19, 30, tzinfo=BERLIN))
    qtbot.keyClicks(scripts.greeting, " ")
    assert "guten Abend" in scripts.preview.text()
    assert "19:30 (Europe/Berlin)" in scripts.preview_when.text()
    qtbot.keyClicks(scripts.instructions, "Never give out mobile numbers.")
    with qtbot.waitSignal(window.clients_changed) as blocker:
        click(qtbot, scripts.save_button)
    assert blocker.args == [AdminChange(Area.SCRIPTS, client_id)]
    (stored,) = store.list_scripts(client_id)
    assert stored.greeting == "{client}, {greeting}, {caller_name}. Hier ist {operator}."
    assert stored.instructions == "Never give out mobile numbers."
    assert "(not set)" not in scripts.slots.item(0).text()

    # the holiday variant previews the client's next public holiday
    scripts.select(Variant.HOLIDAY, "de")
    scripts.greeting.setPlainText("{client}: heute ({holiday}) geschlossen.")
    women_s_day = holiday_name("BE", dt.date(2025, 3, 8), "de")
    assert women_s_day is not None and "Frauentag" in women_s_day
    assert scripts.preview.text() == f"Kanzlei Roth: heute ({women_s_day}) geschlossen."


def test_import_clients_csv_through_the_dialog_path(
    qtbot, store: ClientStore, open_admin, synchronous_tasks, tmp_path: Path
):
    path = tmp_path / "mandanten.csv"
    path.write_bytes(
        "Kürzel;Name;Rufnummern;Begrüßung;Bundesland\r\n"
        "ROTH;Kanzlei Roth;030 1234567|030 1234568;{client}, {greeting};BE\r\n"
        "MUE;Bäckerei Müller;089 5550123;{client}, {greeting}, was darf es sein?;BY\r\n".encode(
            "cp1252"
        )
    )
    window = open_admin()
    window.exchange.ask_open_path = lambda title, filters: path
    busy: list[bool] = []
    window.exchange.busy_changed.connect(lambda on, what: busy.append(on))
    with qtbot.waitSignal(window.clients_changed) as blocker:
        window.action_import_clients.trigger()
    assert blocker.args == [AdminChange(Area.IMPORT, None)]
    assert busy == [True, False]
    dialog = window.exchange.last_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.report.committed and dialog.report.created == 2
    assert "2 created" in dialog.summary.text()
    assert not dialog.table.isVisible()
    assert [c.code for c in store.list_clients()] == ["MUE", "ROTH"]  # ordered by name
    assert window.client_list.table.rowCount() == 2
    mue = store.get_client_by_code("MUE")
    assert mue is not None and mue.name == "Bäckerei Müller"
    dialog.close()


def test_import_with_bad_rows_reports_them_and_imports_nothing(
    qtbot, store: ClientStore, open_admin, synchronous_tasks, tmp_path: Path
):
    store.add_client(Client(code="OLD", name="Old client"))
    path = tmp_path / "broken.csv"
    path.write_text(
        "code;name;numbers;greeting\n"
        "NEW1;New One;030 111222;Hallo\n"
        "NEW2;New Two;kein Anschluss;Hallo\n"
        "NEW3;;030 333444;Hallo\n",
        encoding="utf-8",
    )
    window = open_admin()
    window.exchange.ask_open_path = lambda title, filters: path
    with qtbot.assertNotEmitted(window.clients_changed):
        window.action_import_clients.trigger()
    dialog = window.exchange.last_dialog
    assert not dialog.report.committed
    assert "Nothing was imported" in dialog.summary.text()
    assert dialog.table.rowCount() == 2
    assert dialog.table.item(0, 0).text() == "3"
    assert "'kein Anschluss' is not a phone number" in dialog.table.item(0, 1).text()
    assert dialog.table.item(1, 0).text() == "4"
    assert "NEW1: New One" not in dialog.report_text()
    assert [c.code for c in store.list_clients()] == ["OLD"]  # nothing partial
    dialog.close()

    # a file that is no CSV at all: a calm message, nothing written
    bad = tmp_path / "photo.csv"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    window.exchange.ask_open_path = lambda title, filters: bad
    window.action_import_clients.trigger()
    assert window.exchange.last_dialog.objectName() == "exchange-error"
    assert "binary data" in window.exchange.last_dialog.text()
    assert window.body.isEnabled()
    assert [c.code for c in store.list_clients()] == ["OLD"]


def test_caller_import_runs_on_a_worker_thread_with_its_own_connection(
    qtbot, store: ClientStore, open_admin, tmp_path: Path
):
    _client, client_id = add_client(store, code="ROTH", name="Kanzlei Roth")
    path = tmp_path / "kontakte.vcf"
    cards = "".join(
        f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Person {i}\r\nTEL:030 55{i:05d}\r\nEND:VCARD\r\n"
        for i in range(2000)
    )
    path.write_text(cards, encoding="utf-8")
    window = open_admin()
    window.exchange.ask_open_path = lambda title, filters: path
    with qtbot.waitSignal(window.exchange.busy_changed) as started:
        window.action_import_callers.trigger()
    assert started.args[0] is True
    assert not window.body.isEnabled() and window.busy_bar.isVisible()
    with qtbot.waitSignal(window.exchange.imported, timeout=30000) as blocker:
        pass
    assert blocker.args[0].committed and blocker.args[0].created == 2000
    assert window.body.isEnabled() and not window.busy_bar.isVisible()
    assert len(store.list_callers(client_id)) == 2000
    last = store.find_caller(client_id, "+49305501999")
    assert last is not None and last.name == "Person 1999"
    window.exchange.last_dialog.close()


def test_export_callers_then_reimport(
    qtbot, store: ClientStore, open_admin, synchronous_tasks, tmp_path: Path
):
    _client, client_id = add_client(store, code="ROTH", name="Kanzlei Roth")
    store.add_caller(
        Caller(client_id=client_id, name="Jürgen Krause", numbers=("0171 2345678",), vip=True)
    )
    window = open_admin()
    target = tmp_path / "out" / "roth.vcf"
    suggested: list[str] = []

    def ask_save(title: str, name: str, filters: str) -> Path:
        suggested.append(name)
        return target

    window.exchange.ask_save_path = ask_save
    window.action_export_callers.trigger()
    assert suggested == ["ROTH-callers.vcf"]
    text = target.read_text("utf-8")
    assert "FN:Jürgen Krause" in text and "CATEGORIES:VIP" in text
    assert "1 callers exported" in window.statusBar().currentMessage()


def test_delete_caller_and_undo(qtbot, store: ClientStore, open_admin):
    _client, client_id = add_client(store, code="ROTH", name="Kanzlei Roth")
    caller = store.add_caller(
        Caller(
            client_id=client_id,
            name="Jürgen Krause",
            company="Krause Bau",
            salutation="Herr Krause",
            numbers=("0171 2345678", "030 999888"),
            notes="Prefers mornings",
            vip=True,
        )
    )
    window = open_admin()
    tab = window.callers
    window.tabs.setCurrentWidget(tab)
    assert [c.name for c in tab.rows()] == ["Jürgen Krause"]
    tab.table.selectRow(0)
    assert tab.name.text() == "Jürgen Krause" and tab.vip.isChecked()
    with qtbot.waitSignal(window.clients_changed):
        click(qtbot, tab.delete_button)
    assert caller.id is not None and store.get_caller(caller.id) is None
    assert tab.rows() == []
    assert window.undo_bar.isVisible() and "Jürgen Krause" in window.undo_bar.label.text()
    with qtbot.waitSignal(window.clients_changed) as blocker:
        click(qtbot, window.undo_bar.undo_button)
    assert blocker.args == [AdminChange(Area.CALLERS, client_id)]
    assert not window.undo_bar.isVisible()
    (restored,) = store.list_callers(client_id)
    assert restored == dataclasses.replace(caller, id=restored.id)  # re-added, all restored
    assert store.find_caller(client_id, "+491712345678") == restored
    assert [c.name for c in tab.rows()] == ["Jürgen Krause"]


def test_undo_offer_expires(qtbot, store: ClientStore, open_admin):
    _client, client_id = add_client(store, code="ROTH", name="Kanzlei Roth")
    store.add_staff(Staff(client_id=client_id, name="Dr. Roth", role="Partner"))
    window = open_admin()
    window.tabs.setCurrentWidget(window.staff)
    click(qtbot, window.staff.delete_button)
    assert store.list_staff(client_id) == []
    window.undo_bar._timer.setInterval(50)
    window.undo_bar._timer.start()
    qtbot.waitUntil(lambda: not window.undo_bar.isVisible(), timeout=2000)
    assert not window.undo_bar.pending
    assert store.list_staff(client_id) == []


def test_caller_search_add_edit_and_number_conflict(qtbot, store: ClientStore, open_admin):
    _client, client_id = add_client(store, code="ROTH", name="Kanzlei Roth")
    store.add_caller(Caller(client_id=client_id, name="Anna Beispiel", numbers=("030 111",)))
    store.add_caller(Caller(client_id=client_id, name="Bernd Krause", numbers=("030 222333",)))
    window = open_admin()
    tab = window.callers
    window.tabs.setCurrentWidget(tab)
    qtbot.keyClicks(tab.search, "krau")
    qtbot.waitUntil(lambda: [c.name for c in tab.rows()] == ["Bernd Krause"], timeout=2000)
    tab.search.clear()
    tab.refresh_list()
    click(qtbot, tab.new_button)
    qtbot.keyClicks(tab.name, "Carla Conflict")
    qtbot.keyClicks(tab.numbers, "030 222333")  # Bernd's number
    click(qtbot, tab.save_button)
    assert tab.message.is_error
    assert "already belongs to the caller 'Bernd Krause'" in tab.message.text()
    assert len(store.list_callers(client_id)) == 2
    tab.numbers.setText("0160 7654321")
    tab.blocked.setChecked(True)
    click(qtbot, tab.save_button)
    carla = store.find_caller(client_id, "+491607654321")
    assert carla is not None and carla.blocked and not carla.vip
    tab.vip.setChecked(True)
    click(qtbot, tab.save_button)
    assert carla.id is not None
    updated = store.get_caller(carla.id)
    assert updated is not None and updated.vip
    assert "blocked" in tab.table.item([c.id for c in tab.rows()].index(carla.id), 3).text()


def test_delete_client_keeps_call_history(qtbot, store: ClientStore, open_admin):
    _client, client_id = add_client(store, code="ROTH", name="Kanzlei Roth")
    store.add_number(client_id, "030 1234567")
    call_id = store.record_call(
        CallRecord(
            client_id=client_id,
            caller_number="0171 2345678",
            started_at=dt.datetime(2025, 3, 3, 9, 0, tzinfo=dt.UTC),
            outcome=Outcome.ANSWERED,
        )
    )
    window = open_admin()
    asked: list[str] = []

    def refuse(text: str) -> bool:
        asked.append(text)
        return False

    window.confirm_delete = refuse
    click(qtbot, window.client_list.delete_button)
    assert store.get_client(client_id) is not None  # cancelled
    assert "1 logged call(s) and their notes stay in the history" in asked[0]
    window.confirm_delete = lambda text: True
    with qtbot.waitSignal(window.clients_changed) as blocker:
        click(qtbot, window.client_list.delete_button)
    assert blocker.args == [AdminChange(Area.CLIENT, client_id, deleted=True)]
    assert store.list_clients() == []
    call = store.get_call(call_id)
    assert call is not None and call.client_id is None  # the call itself is kept
    assert window.current is None and not window.numbers.isEnabled()


def test_hours_and_closures(qtbot, store: ClientStore, open_admin):
    _client, client_id = add_client(store, code="ROTH", name="Kanzlei Roth")
    window = open_admin()
    tab = window.hours
    window.tabs.setCurrentWidget(tab)
    qtbot.keyClicks(tab.day_fields[0], "08:00-12:00 13:00-17:00")
    click(qtbot, tab.copy_button)
    tab.day_fields[4].setText("08:00-25:00")
    assert not tab.save_button.isEnabled() and tab.day_fields[4].toolTip()
    tab.day_fields[4].setText("08:00-14:00")
    assert tab.summary.text() == "Mo-Do 08:00-12:00 13:00-17:00; Fr 08:00-14:00"
    click(qtbot, tab.save_button)
    hours = store.get_business_hours(client_id)
    assert hours.is_open(0, dt.time(9)) and not hours.is_open(0, dt.time(12, 30))
    assert not hours.on(5)
    tab.closure_note.setText("Betriebsferien")
    click(qtbot, tab.add_closure_button)
    (closure,) = store.list_closures(client_id)
    assert closure.reason == "Betriebsferien" and closure.end > closure.start
    tab.closures.selectRow(0)
    click(qtbot, tab.delete_closure_button)
    assert store.list_closures(client_id) == []
    click(qtbot, window.undo_bar.undo_button)
    assert [c.reason for c in store.list_closures(client_id)] == ["Betriebsferien"]


def test_staff_availability_and_put_through(qtbot, store: ClientStore, open_admin):
    _client, client_id = add_client(store, code="ROTH", name="Kanzlei Roth")
    window = open_admin()
    tab = window.staff
    window.tabs.setCurrentWidget(tab)
    qtbot.keyClicks(tab.name, "Dr. Roth")
    qtbot.keyClicks(tab.transfer_target, "sip:roth@example.com")
    tab.availability.setCurrentIndex(1)  # absent until
    tab.put_through.setPlainText("0171 2345678\nnonsense")
    click(qtbot, tab.save_button)
    assert "'nonsense' is not a phone number." in tab.message.text()
    assert store.list_staff(client_id) == []
    tab.put_through.setPlainText("0171 2345678")
    click(qtbot, tab.save_button)
    (person,) = store.list_staff(client_id)
    assert person.always_put_through == ("+491712345678",)
    assert person.absent_until is not None and person.absent_until > dt.datetime.now(dt.UTC)
    assert "Absent until" in tab.list.item(0).text()


def test_faq_edit_keeps_position(qtbot, store: ClientStore, open_admin):
    _client, client_id = add_client(store, code="ROTH", name="Kanzlei Roth")
    window = open_admin()
    tab = window.faq
    for question in ("Parking?", "Opening hours?"):
        click(qtbot, tab.new_button)
        tab.question.setText(question)
        tab.answer.setPlainText("Ask reception.")
        click(qtbot, tab.save_button)
    tab.list.setCurrentRow(0)
    tab.answer.setPlainText("Behind the building.")
    click(qtbot, tab.save_button)
    entries = store.list_faq(client_id)
    assert [(e.question, e.answer) for e in entries] == [
        ("Parking?", "Behind the building."),
        ("Opening hours?", "Ask reception."),
    ]


def test_existing_scripts_are_listed_per_variant(qtbot, store: ClientStore, open_admin):
    _client, client_id = add_client(store, code="ROTH", name="Kanzlei Roth", language="en")
    store.set_script(
        Script(
            client_id=client_id,
            variant=Variant.AFTER_HOURS,
            language="en",
            greeting="{client}, we are closed.",
        )
    )
    window = open_admin()
    scripts = window.scripts
    assert scripts.current_key == (Variant.BUSINESS_HOURS, "en")  # the client's language first
    scripts.select(Variant.AFTER_HOURS, "en")
    assert scripts.greeting.toPlainText() == "{client}, we are closed."
    assert scripts.preview.text() == "Kanzlei Roth, we are closed."
    scripts.select(Variant.HOLIDAY, "en")
    assert "After hours" in scripts.message.text()  # what a call would fall back to


def test_switching_clients_asks_before_dropping_unsaved_edits(
    qtbot, store: ClientStore, open_admin
):
    first, _ = add_client(store, code="AAA", name="Anwalt A")
    second, second_id = add_client(store, code="BBB", name="Bäcker B")
    window = open_admin()
    assert window.current == first
    window.general.name.setText("Anwalt A & Partner")
    window.scripts.greeting.setPlainText("{client}, {greeting}")
    asked: list[list[str]] = []

    def keep_editing(names: list[str]) -> bool:
        asked.append(names)
        return False

    window.confirm_discard = keep_editing
    window.show_client(second_id)
    assert asked == [["General", "Scripts"]]
    assert window.current == first  # stayed, edits still there
    assert window.general.name.text() == "Anwalt A & Partner"
    assert window.client_list.current == first
    window.confirm_discard = lambda names: True
    window.show_client(second_id)
    assert window.current == second
    assert window.general.name.text() == "Bäcker B"
    assert [c.name for c in store.list_clients()] == ["Anwalt A", "Bäcker B"]  # not saved
