"""Fuzz the importers (issue 8): random bytes and mutations of real CSV and vCard files.

Whatever the input, the importers either return a report or raise :class:`UnusableFile`
(no other exception escapes), and when they do not commit, the store is exactly as before.
``FUZZ_EXAMPLES=5000`` runs more inputs per test than the default.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from appenv.paths import AppPaths
from clients import exporting, importing
from clients.demo import load_demo
from clients.importing import ImportReport, UnusableFile
from storage import open_database
from storage.interfaces import ClientStore
from tests.clients.test_import_refusals import state
from tests.clients.test_importing import VCARDS

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "150"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
RAN: dict[str, int] = {}


@pytest.fixture(scope="module")
def world(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[ClientStore, dict[str, bytes]]]:
    """A store with the demo data, and real exports of it as seeds for the mutations."""
    home = tmp_path_factory.mktemp("fuzz")
    store = open_database(AppPaths(home).database).clients
    load_demo(store)
    roth = store.get_client_by_code("ROTH")
    assert roth is not None
    seeds: dict[str, bytes] = {}
    for name, export in (
        ("clients.csv", lambda p: exporting.export_clients(store, p)),
        ("callers.csv", lambda p: exporting.export_callers(store, roth.id, p)),
        ("callers.vcf", lambda p: exporting.export_callers(store, roth.id, p)),
    ):
        path = home / name
        export(path)
        seeds[name] = path.read_bytes()
    seeds["contacts.vcf"] = VCARDS.encode("utf-8")
    seeds["clients-cp1252.csv"] = (
        seeds["clients.csv"][3:].decode("utf-8").encode("cp1252", errors="replace")
    )
    yield store, seeds
    store.close()


SPECIAL = [
    b'"',
    b";",
    b",",
    b"\t",
    b"\r\n",
    b"\n",
    b"\x00",
    b"\xef\xbb\xbf",
    b"\xff",
    b"\x81",
    b"'",
    b"=",
    b"+",
    b"|",
    b"BEGIN:VCARD\r\n",
    b"END:VCARD\r\n",
    b":",
    b" ",
    b"\xc3",
]


@st.composite
def mutated(draw: st.DrawFn, seed: bytes) -> bytes:
    """``seed`` with a few random edits: flips, deletions, insertions, cuts, duplications."""
    data = bytearray(seed)
    for _ in range(draw(st.integers(1, 6))):
        op = draw(st.sampled_from(["flip", "delete", "insert", "cut", "duplicate", "special"]))
        at = draw(st.integers(0, max(len(data) - 1, 0)))
        if op == "flip" and data:
            data[at] = draw(st.integers(0, 255))
        elif op == "delete":
            del data[at : at + draw(st.integers(1, 40))]
        elif op == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=20))
        elif op == "cut":
            del data[at:]
        elif op == "duplicate":
            data[at:at] = data[at : at + draw(st.integers(1, 200))]
        else:
            data[at:at] = draw(st.sampled_from(SPECIAL))
    return bytes(data)


def run_import(store: ClientStore, path: Path, kind: str) -> None:
    """One import; only a report or UnusableFile may come out, and a refusal writes nothing."""
    before = state(store)
    roth = store.get_client_by_code("ROTH")
    assert roth is not None
    report: ImportReport | None = None
    try:
        if kind == "clients":
            report = importing.import_clients(store, path)
        else:
            report = importing.import_callers(store, path, roth.id)
    except UnusableFile as exc:
        assert "\n" not in str(exc) and str(exc)
    if report is None or not report.committed:
        assert state(store) == before
    if report is not None:
        assert report.committed != bool(report.rejected)
        assert all("\n" not in r.reason and "\n" not in r.excerpt for r in report.rejected)
    RAN[kind] = RAN.get(kind, 0) + 1


@FUZZ
@given(data=st.binary(max_size=4096), kind=st.sampled_from(["clients", "callers"]))
def test_random_bytes(world, tmp_path: Path, data: bytes, kind: str) -> None:
    store, _ = world
    path = tmp_path / "random.csv"
    path.write_bytes(data)
    run_import(store, path, kind)


@FUZZ
@given(data=st.data(), name=st.sampled_from(["clients.csv", "clients-cp1252.csv"]))
def test_mutated_client_csv(world, tmp_path: Path, data: st.DataObject, name: str) -> None:
    store, seeds = world
    path = tmp_path / name
    path.write_bytes(data.draw(mutated(seeds[name])))
    run_import(store, path, "clients")


@FUZZ
@given(data=st.data(), name=st.sampled_from(["callers.csv", "callers.vcf", "contacts.vcf"]))
def test_mutated_caller_files(world, tmp_path: Path, data: st.DataObject, name: str) -> None:
    store, seeds = world
    path = tmp_path / name
    path.write_bytes(data.draw(mutated(seeds[name])))
    run_import(store, path, "callers")


def test_report_how_many_inputs_ran(capsys: pytest.CaptureFixture[str]) -> None:
    """Runs last in this module: prints the count for the closing note."""
    with capsys.disabled():
        print(f"\nimport fuzz inputs: {RAN}")
