"""Settings declared once: typed values, changed keys announced, dialogs built from them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QLineEdit, QSpinBox

from appenv import settings as declared
from appenv.settings import SETTINGS, Section, Settings
from ui.settings_dialog import SettingsDialog
from ui.smtp_settings import SmtpSettingsDialog

pytestmark = pytest.mark.ui


def test_values_are_checked_against_their_declaration(tmp_path: Path):
    settings = Settings(tmp_path / "settings.json")
    with pytest.raises(TypeError):
        settings.set("sip.local_port", "5070")
    with pytest.raises(TypeError):
        settings.set("sip.local_port", True)  # a bool is no port
    with pytest.raises(TypeError):
        settings.set("sip.transport", "carrier-pigeon")  # not one of the choices
    with pytest.raises(TypeError):
        settings.set("smtp.port", 70_000)
    with pytest.raises(KeyError):
        settings.get("sip.lokal_port")  # a misspelt key is loud


@pytest.mark.expect_warnings
def test_a_bad_value_in_the_file_falls_back_to_the_default(tmp_path: Path, caplog):
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"sip.transport": "tls", "smtp.port": "25", "future.key": 1}))
    settings = Settings(path)
    assert settings.get("sip.transport") == "udp"
    assert settings.get("smtp.port") == 587
    settings.update({"operator.name": "Frau Kaya"})
    assert json.loads(path.read_text())["future.key"] == 1  # a newer version's key survives


def test_update_announces_only_the_keys_that_changed(tmp_path: Path):
    settings = Settings(tmp_path / "settings.json")
    heard: list[frozenset[str]] = []
    settings.subscribe(heard.append)
    same = {"operator.name": settings.get("operator.name"), "sip.local_port": 5070}
    assert settings.update(same) == frozenset()
    assert heard == []  # nothing changed: nobody is bothered
    changed = settings.update({"sip.local_port": 5080, "operator.name": "Frau Kaya"})
    assert changed == {"sip.local_port", "operator.name"}
    assert heard == [changed]
    assert Settings(settings.path).get("sip.local_port") == 5080  # saved before announced


def test_every_shown_setting_has_a_title_lupdate_can_find():
    source = Path(declared.__file__).read_text(encoding="utf-8")
    for setting in SETTINGS:
        assert f'QT_TRANSLATE_NOOP("Settings", "{setting.title}")' in source, setting.key
    assert {s.section for s in SETTINGS} >= {Section.OPERATOR, Section.ACCOUNT, Section.MAIL}


def test_dialogs_have_one_editor_per_declared_setting(qapp, qtbot, tmp_path: Path):
    settings = Settings(tmp_path / "settings.json")
    dialogs: list[SettingsDialog | SmtpSettingsDialog] = [
        SettingsDialog(settings),
        SmtpSettingsDialog(settings),
    ]
    kinds = {str: QLineEdit | QComboBox, int: QSpinBox, bool: QCheckBox}
    for dialog in dialogs:
        qtbot.addWidget(dialog)
    for setting in SETTINGS:
        if setting.section == Section.HIDDEN:
            continue
        editors = [d.form.editors[setting.key] for d in dialogs if setting.key in d.form.editors]
        assert len(editors) == 1, setting.key
        assert isinstance(editors[0], kinds[setting.type]), setting.key
        if setting.choices:
            assert isinstance(editors[0], QComboBox)
            assert [editors[0].itemData(i) for i in range(editors[0].count())] == [
                c.value for c in setting.choices
            ]


def test_the_settings_dialog_reports_what_changed(qapp, qtbot, tmp_path: Path):
    settings = Settings(tmp_path / "settings.json")
    heard: list[frozenset[str]] = []
    settings.subscribe(heard.append)
    dialog = SettingsDialog(settings)
    qtbot.addWidget(dialog)
    assert dialog.apply().keys == frozenset()  # OK without edits changes nothing
    dialog.form.editor("sip.local_port").setValue(5090)
    dialog.form.editor("sip.transport").setCurrentIndex(1)
    change = dialog.apply()
    assert change.keys == {"sip.local_port", "sip.transport"}
    assert change.engine_changed and change.account_changed and change.password is None
    assert heard == [change.keys]
    assert settings.get("sip.transport") == "tcp"


def test_the_listening_address_is_a_setting_that_says_when_all_interfaces_are_needed(
    qapp, qtbot, tmp_path: Path
):
    settings = Settings(tmp_path / "settings.json")
    dialog = SettingsDialog(settings)
    qtbot.addWidget(dialog)
    editor = dialog.form.editor("sip.bind_address")
    assert editor.text() == "0.0.0.0"
    hint = dialog.findChild(QLabel, "hint-sip.bind_address")
    assert hint is not None and "local mode" in hint.text() and editor.toolTip() == hint.text()
    editor.setText("127.0.0.1")
    change = dialog.apply()
    assert change.keys == {"sip.bind_address"} and change.engine_changed  # the engine restarts
    assert settings.get("sip.bind_address") == "127.0.0.1"


def test_a_new_language_says_when_it_shows(qapp, qtbot, tmp_path: Path, caplog):
    settings = Settings(tmp_path / "settings.json")
    dialog = SettingsDialog(settings)
    qtbot.addWidget(dialog)
    language = dialog.form.editor("ui.language")
    language.setCurrentIndex(language.findData("en"))
    assert "ui.language" in dialog.apply().keys
    # no window sink here: the message bridge falls back to the log
    assert any("starts again" in r.getMessage() for r in caplog.records)
