"""Which database the app opens: ``--database`` wins over the setting, which wins over the
seat's file; a configured address holding a password is refused (passwords go to the
keyring, never into a file)."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from appenv.paths import AppPaths
from storage import database_location, open_app_database, use_database
from storage.postgres.session import PasswordInSettings, password_key, redacted
from storage.sqlite.migrations import LATEST

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def _no_override() -> Iterator[None]:
    yield
    use_database(None)


def _configure(paths: AppPaths, url: str) -> None:
    paths.settings_file.write_text(json.dumps({"database.url": url}), "utf-8")


def test_the_seat_file_unless_configured(app_paths: AppPaths) -> None:
    assert database_location(app_paths) == app_paths.database


def test_the_setting_then_the_command_line(app_paths: AppPaths, postgres: str) -> None:
    _configure(app_paths, postgres)
    assert database_location(app_paths) == postgres
    with open_app_database(app_paths) as db:
        assert db.path is None and db.schema_version == LATEST
    use_database("postgresql://other@192.0.2.1/x")
    assert database_location(app_paths) == "postgresql://other@192.0.2.1/x"


def test_a_password_in_the_settings_file_is_refused(app_paths: AppPaths) -> None:
    _configure(app_paths, "postgresql://seat:geheim@192.0.2.1/office")
    with pytest.raises(PasswordInSettings) as refused:
        database_location(app_paths)
    assert "geheim" not in refused.value.message and "geheim" not in refused.value.detail
    assert redacted("postgresql://seat:geheim@192.0.2.1:5433/office") == (
        "postgresql://seat@192.0.2.1:5433/office"
    )
    assert password_key("postgresql://seat@h/office") == "database:postgresql://seat@h/office"


def test_every_command_takes_database(app_paths: AppPaths, postgres: str, tmp_path: Path) -> None:
    clients = tmp_path / "clients.csv"
    clients.write_text(
        "code;name;numbers;greeting\nROTH;Kanzlei Dr. Roth;030 5550101;{client}, {greeting}.\n",
        "utf-8",
    )
    result = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--home", str(app_paths.home), "import",
         "clients", str(clients), "--database", postgres],
        capture_output=True, text=True, timeout=60, cwd=ROOT,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    with psycopg.connect(postgres) as conn:
        assert conn.execute("SELECT code FROM clients").fetchall() == [("ROTH",)]
    assert not app_paths.database.exists()  # the seat's own file was not used
