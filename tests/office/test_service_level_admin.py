"""The client's service-level threshold is set in the admin window (General tab), kept by
the store, refused when impossible, and kept by an import that does not name it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from appenv.paths import AppPaths
from clients import importing
from clients.model import Client
from storage import Database, open_database
from ui.admin import AdminWindow


@pytest.fixture
def db(app_paths: AppPaths) -> Iterator[Database]:
    with open_database(app_paths.database) as opened:
        yield opened


def test_service_level_saved_from_the_general_tab(qtbot, db: Database) -> None:
    roth = db.clients.add_client(Client(code="ROTH", name="Kanzlei Dr. Roth"))
    assert roth.id is not None
    window = AdminWindow(db.clients, operator="Anna Schmidt")
    window.confirm_discard = lambda names: True  # type: ignore[method-assign]
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.show_client(roth.id)
    qtbot.waitUntil(lambda: window.current is not None, timeout=5000)
    spin = window.general.service_level
    assert spin.value() == 20 and (spin.minimum(), spin.maximum()) == (1, 600)
    spin.setValue(30)
    assert window.general.has_unsaved_changes()
    qtbot.mouseClick(window.general.save_button, Qt.MouseButton.LeftButton)
    stored = db.clients.get_client(roth.id)
    assert stored is not None and stored.service_level_s == 30 and stored.name == roth.name


def test_an_import_keeps_or_sets_the_threshold(db: Database, tmp_path: Path) -> None:
    db.clients.add_client(Client(code="ROTH", name="Kanzlei Dr. Roth", service_level_s=45))
    plain = tmp_path / "plain.csv"
    plain.write_text("code;name;numbers;greeting\nROTH;Kanzlei Dr. Roth;030 55501001;Hallo\n")
    assert importing.import_clients(db.clients, plain).committed
    kept = db.clients.get_client_by_code("ROTH")
    assert kept is not None and kept.service_level_s == 45  # not in the file: kept
    named = tmp_path / "named.csv"
    named.write_text(
        "code;name;numbers;greeting;service_level_s\n"
        "ROTH;Kanzlei Dr. Roth;030 55501001;Hallo;15\n"
        "BAU;Bau GmbH;030 55501002;Hallo;\n"
    )
    assert importing.import_clients(db.clients, named).committed
    roth, bau = db.clients.get_client_by_code("ROTH"), db.clients.get_client_by_code("BAU")
    assert roth is not None and roth.service_level_s == 15
    assert bau is not None and bau.service_level_s == 20  # a new client: the default
    for bad, reason in (("zehn", "whole seconds"), ("0", "1–600 seconds")):
        wrong = tmp_path / "wrong.csv"
        wrong.write_text(
            f"code;name;numbers;greeting;service_level_s\nROTH;Roth;030 55501001;Hallo;{bad}\n"
        )
        report = importing.import_clients(db.clients, wrong)
        assert not report.committed and reason in report.rejected[0].reason
    unchanged = db.clients.get_client_by_code("ROTH")
    assert unchanged is not None and unchanged.service_level_s == 15  # nothing lost
