"""Imports that destroy nothing (issue 8 item 4): real files in tmp, the real importers and CLI.

Cut-off rows, quotes never closed, foreign encodings, mixed encodings, bad codes and random
bytes are refused with a one-line reason, and the store is exactly as before. Exports guard
cells a spreadsheet would run as a formula, and read back unchanged.
"""

from __future__ import annotations

import csv
import io
import os
import random
import subprocess
import sys
import time
from pathlib import Path

import pytest

from clients import exporting, importing
from clients.importing import UnusableFile
from clients.model import Caller, Client
from storage.interfaces import ClientStore

ROOT = Path(__file__).resolve().parents[2]
HEADER = "code;name;numbers;greeting\r\n"
ALPHA = "ALPHA;Alpha GmbH;030 5550101|030 5550102;Alpha, {greeting}.\r\n"


def state(store: ClientStore) -> list[object]:
    """Everything an import can change, through the public interface."""
    out: list[object] = []
    for client in store.list_clients():
        profile = store.get_profile(client.id or 0)
        assert profile is not None
        out.append((client, profile.numbers, profile.scripts, profile.hours))
        out.append(sorted(repr(c) for c in store.list_callers(client.id)))
    out.append(sorted(repr(c) for c in store.list_callers(None)))
    return out


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.fixture
def alpha(store: ClientStore, tmp_path: Path) -> ClientStore:
    report = importing.import_clients(store, write(tmp_path, "a.csv", (HEADER + ALPHA).encode()))
    assert report.committed, report.rejected
    return store


# -- cut-off rows and quotes ----------------------------------------------------------------


def test_a_row_cut_off_before_the_numbers_keeps_every_number(
    alpha: ClientStore, tmp_path: Path
) -> None:
    """Regression: ``ALPHA;Alpha GmbH`` (last line cut) removed all numbers, exit 0."""
    before = state(alpha)
    path = write(tmp_path, "cut.csv", (HEADER + "ALPHA;Alpha GmbH").encode())
    report = importing.import_clients(alpha, path)
    assert not report.committed
    assert [r.line for r in report.rejected] == [2]
    assert "numbers, greeting" in report.rejected[0].reason
    assert "cut off" in report.rejected[0].reason
    assert state(alpha) == before
    client = alpha.get_client_by_code("ALPHA")
    assert client is not None and len(alpha.list_numbers(client.id or 0)) == 2


def test_a_row_cut_off_in_an_optional_cell_is_refused_too(
    alpha: ClientStore, tmp_path: Path
) -> None:
    before = state(alpha)
    text = "code;name;numbers;greeting;instructions;colour\r\nALPHA;Alpha;030 5550101;Hi;Notieren"
    report = importing.import_clients(alpha, write(tmp_path, "cut.csv", text.encode()))
    assert not report.committed and "colour" in report.rejected[0].reason
    assert state(alpha) == before


def test_a_quote_never_closed_is_refused_not_swallowed(alpha: ClientStore, tmp_path: Path) -> None:
    """Regression: the name swallowed every following field and row."""
    before = state(alpha)
    text = HEADER + 'BETA;"Beta GmbH;030 5550201;Hallo\r\nGAMMA;Gamma;030 5550301;Hallo\r\n'
    with pytest.raises(UnusableFile, match="Line 2: a quoted cell starting here is never closed"):
        importing.import_clients(alpha, write(tmp_path, "quote.csv", text.encode()))
    assert state(alpha) == before


def test_a_stray_quote_closed_rows_later_is_a_rejected_row(
    alpha: ClientStore, tmp_path: Path
) -> None:
    before = state(alpha)
    text = HEADER + 'BETA;"Beta GmbH;030 5550201;Hallo\r\nGAMMA;Gamma";030 5550301;Hallo\r\n'
    report = importing.import_clients(alpha, write(tmp_path, "quote.csv", text.encode()))
    assert not report.committed
    assert "name: the cell spans several lines" in report.rejected[0].reason
    assert state(alpha) == before


def test_a_client_code_with_a_space_is_a_rejected_row(alpha: ClientStore, tmp_path: Path) -> None:
    """Regression: ValueError from the model escaped as a traceback."""
    before = state(alpha)
    text = HEADER + "AL PHA;Alpha;030 5550401;Hallo\r\n"
    report = importing.import_clients(alpha, write(tmp_path, "code.csv", text.encode()))
    assert not report.committed
    assert "one word" in report.rejected[0].reason
    assert state(alpha) == before


def test_an_invalid_number_is_a_rejected_row(alpha: ClientStore, tmp_path: Path) -> None:
    text = HEADER + "BETA;Beta;030 1;Hallo\r\n"
    report = importing.import_clients(alpha, write(tmp_path, "n.csv", text.encode()))
    assert not report.committed
    assert "'030 1' is not a valid phone number" in report.rejected[0].reason


def test_caller_rows_cut_off_are_refused(alpha: ClientStore, tmp_path: Path) -> None:
    client = alpha.get_client_by_code("ALPHA")
    assert client is not None
    before = state(alpha)
    text = "name;numbers;notes\r\nThomas Krause;0171 5550142;VIP\r\nPetra Lehmann"
    report = importing.import_callers(alpha, write(tmp_path, "c.csv", text.encode()), client.id)
    assert not report.committed and [r.line for r in report.rejected] == [3]
    assert state(alpha) == before


# -- encodings ------------------------------------------------------------------------------

GERMAN = HEADER + "MÜLLER;Bäckerei Müller & Söhne;089 5550101;Grüß Gott, hier ist die Bäckerei\r\n"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            (HEADER + "JP;株式会社ヤマダ;030 5550101;こんにちは、マンションです\r\n").encode(
                "shift_jis"
            ),
            "neither UTF-8 nor Windows-1252",
        ),
        (
            (HEADER + "JP;ヤマダマンション;030 5550101;マンション\r\n").encode("shift_jis"),
            "encoding we do not accept",
        ),
        (GERMAN.encode("mac_roman"), "encoding we do not accept"),
        (b"\xef\xbb\xbf" + GERMAN.encode("cp1252"), "starts with a UTF-8 mark but line 2"),
        (GERMAN.encode("utf-8").decode("cp1252").encode("utf-8"), "encoded twice"),
        (b"\x81\x8d\x90" * 10, "neither UTF-8 nor Windows-1252"),
    ],
    ids=[
        "shift-jis",
        "shift-jis-katakana",
        "mac-roman",
        "bom-then-cp1252",
        "utf8-twice",
        "undefined-bytes",
    ],
)
def test_foreign_encodings_are_refused_naming_what_we_accept(
    alpha: ClientStore, tmp_path: Path, data: bytes, message: str
) -> None:
    before = state(alpha)
    with pytest.raises(UnusableFile, match=message) as caught:
        importing.import_clients(alpha, write(tmp_path, "enc.csv", data))
    text = str(caught.value)
    assert "\n" not in text
    if "UTF-8 mark" not in text and "twice" not in text:
        assert importing.ACCEPTED in text
    assert state(alpha) == before


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1", "utf-8", "utf-8-sig"])
def test_german_excel_encodings_are_accepted(
    store: ClientStore, tmp_path: Path, encoding: str
) -> None:
    text = GERMAN + (
        "SKODA;Autohaus Škoda „Zum Löwen“ – Ærø;030 5550202;Grüße… 480 € inkl. §§, 5 °C\r\n"
    )
    if encoding == "latin-1":  # no Š, „“, –, …, € in Latin-1
        text = GERMAN + "SKODA;Autohaus Ærø «Zum Löwen»;030 5550202;Grüße, 5 °C, §§ 1-3\r\n"
    report = importing.import_clients(store, write(tmp_path, "de.csv", text.encode(encoding)))
    assert report.committed, report.rejected
    skoda = store.get_client_by_code("SKODA")
    assert skoda is not None and skoda.name == text.split("\r\n")[2].split(";")[1]


def test_fifty_megabytes_of_random_bytes(store: ClientStore, tmp_path: Path) -> None:
    path = write(tmp_path, "random.csv", random.Random(8).randbytes(50 * 2**20))
    before = state(store)
    started = time.perf_counter()
    with pytest.raises(UnusableFile) as caught:
        importing.import_clients(store, path)
    assert time.perf_counter() - started < 10
    assert "\n" not in str(caught.value)
    assert state(store) == before


# -- the real CLI -----------------------------------------------------------------------------

CLI_CASES = {
    "cut.csv": (HEADER + "ALPHA;Alpha GmbH").encode(),
    "quote.csv": (HEADER + 'BETA;"Beta GmbH;030 5550201;Hallo\r\n').encode(),
    "sjis.csv": (HEADER + "JP;株式会社ヤマダ;030 5550101;こんにちは\r\n").encode("shift_jis"),
    "macroman.csv": GERMAN.encode("mac_roman"),
    "bom.csv": b"\xef\xbb\xbf" + GERMAN.encode("cp1252"),
    "space.csv": (HEADER + "AL PHA;Alpha;030 5550401;Hallo\r\n").encode(),
    "random.csv": random.Random(9).randbytes(50 * 2**20),
    "cut.vcf": b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Thomas Krause\r\nTEL:0171 55",
    "binary.vcf": b"BEGIN:VCARD\r\n" + random.Random(10).randbytes(4096),
}


def run_cli(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--home", str(home), "import", *args],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
    )


def test_cli_refuses_each_bad_file_in_one_line_and_writes_nothing(tmp_path: Path) -> None:
    home = tmp_path / "home"
    good = write(tmp_path, "good.csv", (HEADER + ALPHA).encode())
    assert run_cli(home, "clients", str(good)).returncode == 0
    baseline = run_cli(home, "clients", str(good))  # a re-import updates, changes nothing
    assert baseline.returncode == 0 and "1 updated" in baseline.stdout
    database = next(home.rglob("*.sqlite3"))
    for name, data in CLI_CASES.items():
        path = write(tmp_path, name, data)
        before = database.read_bytes()
        if name.endswith(".vcf"):
            result = run_cli(home, "callers", str(path), "--client", "ALPHA")
        else:
            result = run_cli(home, "clients", str(path))
        assert result.returncode in (1, 2), (name, result.returncode, result.stderr)
        assert "Traceback" not in result.stderr, (name, result.stderr)
        lines = result.stderr.splitlines()
        assert len(lines) == 1, (name, result.stderr)
        assert name in lines[0], (name, lines[0])
        assert database.read_bytes() == before, name


# -- exports a spreadsheet cannot run ----------------------------------------------------------

FORMULAS = ['=HYPERLINK("http://x")', "+49 Nachricht", "-Rückruf", "@SUM(A1)"]
MULTILINE = ["\tTab", "\rCR", *FORMULAS]  # tab and CR only start multi-line cells (notes)


def test_exports_guard_formulas_and_read_back_unchanged(store: ClientStore, tmp_path: Path) -> None:
    client = store.add_client(Client(code="F", name="=1+1 GmbH"))
    store.add_number(client.id or 0, "030 5550101")
    store.add_number(client.id or 0, "+43 1 58800")
    for i, text in enumerate(MULTILINE):
        store.add_caller(
            Caller(
                client_id=client.id,
                name=f"{FORMULAS[i % 4]} {i}",
                company=FORMULAS[i % 4],
                numbers=(f"0171 555{i:04d}", "+41 44 668 18 00")
                if i == 0
                else (f"0171 555{i:04d}",),
                notes=text,
            )
        )
    clients_csv, callers_csv = tmp_path / "clients.csv", tmp_path / "callers.csv"
    exporting.export_clients(store, clients_csv)
    exporting.export_callers(store, client.id, callers_csv)
    for path in (clients_csv, callers_csv):
        rows = list(csv.reader(io.StringIO(path.read_text("utf-8-sig"), newline=""), delimiter=";"))
        for row in rows[1:]:
            for cell in row:
                assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), (path.name, cell)
    client_rows = list(
        csv.DictReader(io.StringIO(clients_csv.read_text("utf-8-sig")), delimiter=";")
    )
    assert client_rows[0]["name"] == "'=1+1 GmbH"
    assert client_rows[0]["numbers"] == "030 5550101|0043 1 58800"

    from storage import open_database

    with open_database(tmp_path / "copy.sqlite3").clients as copy:
        assert importing.import_clients(copy, clients_csv).committed
        twin = copy.get_client_by_code("F")
        assert twin is not None and twin.name == "=1+1 GmbH"
        assert [n.number for n in copy.list_numbers(twin.id or 0)] == [
            n.number for n in store.list_numbers(client.id or 0)
        ]
        report = importing.import_callers(copy, callers_csv, twin.id)
        assert report.committed, report.rejected

        def strip(callers: list[Caller]) -> list[tuple[object, ...]]:
            return sorted((c.name, c.company, c.numbers, c.notes) for c in callers)

        assert strip(copy.list_callers(twin.id)) == strip(store.list_callers(client.id))
