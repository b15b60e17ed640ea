"""A database that cannot be opened says why and what to do (real files, real locks).

Each case is a :class:`storage.StoreUnavailable` (a ``UserError``); the command line turns
it into one line on stderr and a non-zero exit, the window into a calm message box.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from appenv.errors import UserError
from storage import (
    DiskFull,
    NotADatabase,
    SchemaTooNew,
    StoreLocked,
    StoreReadOnly,
    StoreUnavailable,
    open_database,
)
from storage.sqlite.migrations import LATEST

ROOT = Path(__file__).resolve().parents[2]


def _made(path: Path) -> Path:
    with open_database(path) as db:
        db.clients.list_clients()
    return path


def test_a_file_of_garbage_is_not_a_database(tmp_path: Path) -> None:
    path = tmp_path / "vorzimmer.sqlite3"
    path.write_bytes(os.urandom(8192))
    with pytest.raises(NotADatabase) as caught:
        open_database(path)
    assert isinstance(caught.value, UserError)
    assert "not a Vorzimmer database" in caught.value.message
    assert "backup" in caught.value.message  # what to do
    assert "file is not a database" in caught.value.detail  # SQLite's words, for the log


def test_a_newer_schema_is_refused(tmp_path: Path) -> None:
    path = _made(tmp_path / "vorzimmer.sqlite3")
    with sqlite3.connect(path) as conn:
        conn.execute(f"PRAGMA user_version = {LATEST + 3}")
    with pytest.raises(SchemaTooNew) as caught:
        open_database(path)
    assert caught.value.found == LATEST + 3
    assert "newer Vorzimmer" in caught.value.message and "update" in caught.value.message


@pytest.fixture
def locking_process(tmp_path: Path) -> Iterator[Path]:
    """Another process holding an exclusive lock on the database file."""
    path = _made(tmp_path / "vorzimmer.sqlite3")
    script = textwrap.dedent(
        f"""
        import sqlite3, sys, time
        conn = sqlite3.connect({str(path)!r}, isolation_level=None)
        conn.execute("PRAGMA locking_mode = EXCLUSIVE")
        conn.execute("BEGIN EXCLUSIVE")
        print("locked", flush=True)
        sys.stdin.read()
        """
    )
    child = subprocess.Popen(
        [sys.executable, "-c", script], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    assert child.stdout is not None and child.stdout.readline().strip() == "locked"
    yield path
    assert child.stdin is not None
    child.stdin.close()
    child.wait(10)


def test_a_database_locked_by_another_process(locking_process: Path) -> None:
    started = time.monotonic()
    with pytest.raises(StoreLocked) as caught:
        open_database(locking_process, busy_timeout=0.3)
    assert time.monotonic() - started < 5
    assert "locked by another program" in caught.value.message
    assert "try again" in caught.value.message


def test_once_the_lock_is_gone_it_opens(tmp_path: Path) -> None:
    path = _made(tmp_path / "vorzimmer.sqlite3")
    with sqlite3.connect(path, isolation_level=None) as other:
        other.execute("BEGIN IMMEDIATE")  # a short write elsewhere (a report job)
        with pytest.raises(StoreLocked):
            open_database(path, busy_timeout=0.2)
        other.execute("ROLLBACK")
    with open_database(path, busy_timeout=0.2) as db:
        assert db.clients.list_clients() == []


def test_a_read_only_folder(tmp_path: Path) -> None:
    if os.geteuid() != 0:  # an ordinary user: the folder's mode is enough
        folder = tmp_path / "data"
        path = _made(folder / "vorzimmer.sqlite3")
        for leftover in folder.glob("vorzimmer.sqlite3-*"):
            leftover.unlink()
        folder.chmod(0o500)
        path.chmod(0o400)
        try:
            with pytest.raises(StoreReadOnly) as caught:
                open_database(path)
        finally:
            folder.chmod(0o700)
        assert "write permission" in caught.value.message
        return
    # root may write anywhere a mode allows: a file system mounted read-only stops it too
    # (unlike dropping to "nobody", this needs no access to the checkout or the venv)
    mount = Path(tempfile.mkdtemp(prefix="vorzimmer-ro-", dir="/tmp"))
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(mount)], check=True)
    try:
        path = _made(mount / "vorzimmer.sqlite3")
        subprocess.run(["mount", "-o", "remount,ro", str(mount)], check=True)
        with pytest.raises(StoreReadOnly) as caught:
            open_database(path)
        assert "write permission" in caught.value.message
    finally:
        import gc

        gc.collect()  # the refused open's connection is gone before the unmount
        subprocess.run(["umount", str(mount)], check=True)
        mount.rmdir()


def _fill(folder: Path) -> None:
    fd = os.open(folder / "filler", os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        while os.write(fd, b"\0" * 512):
            pass
    except OSError:
        pass  # ENOSPC: the disk is full now
    finally:
        os.close(fd)


def test_a_full_disk(full_disk: Path) -> None:
    _fill(full_disk)
    with pytest.raises(DiskFull) as caught:
        open_database(full_disk / "vorzimmer.sqlite3")
    assert "full" in caught.value.message and "Free some space" in caught.value.message


def test_a_full_disk_during_a_migration_leaves_the_old_database(full_disk: Path) -> None:
    path = full_disk / "vorzimmer.sqlite3"
    conn = sqlite3.connect(path)
    from storage.sqlite import migrations

    migrations.migrate(conn, path, target=4)
    conn.close()
    _fill(full_disk)
    with pytest.raises(DiskFull):
        open_database(path)
    (full_disk / "filler").unlink()
    for leftover in full_disk.glob("*.bak"):
        leftover.unlink()
    check = sqlite3.connect(path)
    assert check.execute("PRAGMA user_version").fetchone()[0] == 4
    check.close()
    with open_database(path) as db:  # space again: it migrates
        assert db.schema_version == LATEST


@pytest.mark.parametrize("damage", ["garbage", "future"])
def test_the_command_line_says_it_in_one_line(tmp_path: Path, damage: str) -> None:
    home = tmp_path / "home"
    path = _made(home / "vorzimmer.sqlite3")
    if damage == "garbage":
        path.write_bytes(b"this is not SQLite" * 100)
        for leftover in home.glob("vorzimmer.sqlite3-*"):
            leftover.unlink()
    else:
        with sqlite3.connect(path) as conn:
            conn.execute(f"PRAGMA user_version = {LATEST + 1}")
    csv = tmp_path / "clients.csv"
    csv.write_text("code;name;numbers\nROTH;Kanzlei Roth;030 1234567\n", encoding="utf-8")
    for command in (["import", "clients", str(csv)], ["report", "--date", "2024-05-07"]):
        result = subprocess.run(
            [sys.executable, str(ROOT / "main.py"), "--home", str(home), *command],
            capture_output=True, text=True, timeout=120,
        )  # fmt: skip
        assert result.returncode != 0, command
        said = [line for line in result.stderr.splitlines() if "Traceback" in line]
        assert said == [], result.stderr
        printed = [  # what the command says itself (log lines start with their date)
            line for line in result.stderr.splitlines() if not line[:4].isdigit()
        ]  # fmt: skip
        assert len(printed) == 1, result.stderr
        assert "not a Vorzimmer database" in printed[0] or "newer Vorzimmer" in printed[0]


def test_every_case_is_a_user_error() -> None:
    for cls in (StoreLocked, SchemaTooNew, DiskFull, StoreReadOnly, NotADatabase):
        assert issubclass(cls, StoreUnavailable) and issubclass(cls, UserError)
