"""`vorzimmer import …` through run_import and through the real launcher."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from appenv.paths import AppPaths
from clients.cli import run_import
from storage import open_database

ROOT = Path(__file__).resolve().parents[2]
CLIENTS = "code;name;numbers;greeting\nROTH;Kanzlei Dr. Roth;030 5550101;{client}, {greeting}.\n"


def test_import_clients_then_callers(
    app_paths: AppPaths, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    clients_csv = tmp_path / "clients.csv"
    clients_csv.write_text(CLIENTS, encoding="cp1252")
    assert run_import(app_paths, "clients", clients_csv, None) == 0
    assert "1 created" in capsys.readouterr().out
    vcf = tmp_path / "c.vcf"
    vcf.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Thomas Krause\r\nTEL:0171 5550142\r\nEND:VCARD\r\n"
    )
    assert run_import(app_paths, "callers", vcf, "ROTH") == 0
    with open_database(app_paths.database).clients as store:
        roth = store.get_client_by_code("ROTH")
        assert roth is not None
        assert store.find_caller(roth.id, "+491715550142") is not None


def test_rejected_rows_exit_1_and_are_printed(
    app_paths: AppPaths, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(CLIENTS + "X;Firma X;030 5550101;Hallo\n", encoding="utf-8")
    assert run_import(app_paths, "clients", path, None) == 1
    out, err = capsys.readouterr()
    assert "bad.csv, line 3: number +49305550101 is also in line 2" in err
    assert "nothing was imported" in out
    with open_database(app_paths.database).clients as store:
        assert store.list_clients() == []


def test_unusable_input_exits_2(
    app_paths: AppPaths, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    binary = tmp_path / "x.csv"
    binary.write_bytes(b"\x00\x81\x8d" * 100)
    assert run_import(app_paths, "clients", binary, None) == 2
    assert "Error:" in capsys.readouterr().err
    assert run_import(app_paths, "clients", tmp_path / "missing.csv", None) == 2
    ok = tmp_path / "ok.csv"
    ok.write_text(CLIENTS)
    assert run_import(app_paths, "callers", ok, None) == 2
    assert "--client" in capsys.readouterr().err
    assert run_import(app_paths, "callers", ok, "NOPE") == 2
    assert "no client with the code 'NOPE'" in capsys.readouterr().err
    assert run_import(app_paths, "contacts", ok, None) == 2


def test_launcher_dispatches_to_the_importer(tmp_path: Path) -> None:
    home = tmp_path / "home"
    path = tmp_path / "clients.csv"
    path.write_bytes(b"\xef\xbb\xbf" + CLIENTS.encode())
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "main.py"),
            "--home",
            str(home),
            "import",
            "clients",
            str(path),
        ],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr
    assert "1 created" in result.stdout
    with open_database(AppPaths(home).database).clients as store:
        assert store.get_client_by_code("ROTH") is not None
