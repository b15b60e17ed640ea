"""The data folder is owner-only whatever the umask; a wider one is repaired at start."""

from __future__ import annotations

import logging
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from appenv import logs
from appenv.paths import AppPaths
from appenv.permissions import Repair, repair_tree, report_repair


def mode(path: Path) -> int:
    return stat.S_IMODE(os.lstat(path).st_mode)


@pytest.fixture
def umask_000() -> Iterator[None]:
    old = os.umask(0)
    yield
    os.umask(old)


def test_folders_are_created_0700_under_umask_000(tmp_path: Path, umask_000: None) -> None:
    paths = AppPaths(tmp_path / "home").ensure()
    for folder in (paths.home, paths.logs, paths.outbox, paths.drafts, paths.reports):
        assert mode(folder) == 0o700, folder
    (paths.home).chmod(0o755)  # an old folder is made private again by ensure()
    paths.ensure()
    assert mode(paths.home) == 0o700


def test_log_files_and_rotated_ones_are_0600_under_umask_000(
    tmp_path: Path, umask_000: None
) -> None:
    log_dir = tmp_path / "logs"
    logs.setup(log_dir, stderr=False)
    try:
        logs.get("app").info("first")
        [handler] = logging.getLogger("vorzimmer").handlers
        assert isinstance(handler, logs.PrivateRotatingFileHandler)
        handler.doRollover()
        logs.get("app").info("second")
    finally:
        logs.setup(None, stderr=False)
    files = sorted(p.name for p in log_dir.iterdir())
    assert files == ["vorzimmer.log", "vorzimmer.log.1"]
    assert {mode(log_dir / f) for f in files} == {0o600}
    assert mode(log_dir) == 0o700


def test_an_existing_wide_log_file_is_narrowed_when_opened(tmp_path: Path) -> None:
    log_dir = tmp_path / "logs"
    log_dir.mkdir()
    (log_dir / "vorzimmer.log").write_text("old\n")
    (log_dir / "vorzimmer.log").chmod(0o666)
    logs.setup(log_dir, stderr=False)
    logs.setup(None, stderr=False)
    assert mode(log_dir / "vorzimmer.log") == 0o600


@pytest.mark.expect_warnings
def test_repair_takes_group_and_other_bits_away_and_logs_once(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    home = tmp_path / "home"
    (home / "drafts").mkdir(parents=True)
    (home / "logs").mkdir()
    files = {
        home / "vorzimmer.sqlite3": 0o644,
        home / "vorzimmer.sqlite3-wal": 0o666,
        home / "settings.json": 0o644,
        home / "drafts" / "note-draft-1.json": 0o640,
        home / "logs" / "vorzimmer.log.3": 0o604,
        home / "tool.sh": 0o755,  # owner keeps the x bit: only group/other bits go
    }
    for path, wide in files.items():
        path.write_text("x")
        path.chmod(wide)
    for folder in (home, home / "drafts", home / "logs"):
        folder.chmod(0o755)
    outside = tmp_path / "outside.txt"
    outside.write_text("not ours to change")
    outside.chmod(0o644)
    (home / "link").symlink_to(outside)  # links are not followed

    with caplog.at_level(logging.WARNING, logger="vorzimmer"):
        result = repair_tree(home)
        report_repair(home, result)

    assert result.repaired == 9 and result.checked == 9, result
    for path in files:
        assert mode(path) == (0o700 if path.name == "tool.sh" else 0o600), path
    for folder in (home, home / "drafts", home / "logs"):
        assert mode(folder) == 0o700
    assert mode(outside) == 0o644
    [record] = caplog.records
    assert "9 of 9 paths were open to other users" in record.getMessage()
    caplog.clear()
    again = repair_tree(home)
    report_repair(home, again)
    assert again == Repair(checked=9, repaired=0)  # second start: nothing to say
    assert caplog.records == []


def test_a_shared_sticky_folder_is_never_made_private(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o1777)
    (shared / "someone-elses").write_text("x")
    (shared / "someone-elses").chmod(0o644)
    result = repair_tree(shared)
    assert result.repaired == 0 and result.skipped == (shared,)
    assert mode(shared) == 0o1777 and mode(shared / "someone-elses") == 0o644


def test_durable_writes_make_owner_only_files_and_folders_under_umask_000(
    tmp_path: Path, umask_000: None
) -> None:
    from appenv.files import atomic_write
    from appenv.settings import Settings

    target = tmp_path / "reports" / "2026-11-30" / "ROTH.pdf"
    atomic_write(target, b"%PDF-1.4\n")
    assert mode(target) == 0o600 and mode(target.parent) == 0o700
    settings = Settings(tmp_path / "settings.json")
    settings.save()
    assert mode(tmp_path / "settings.json") == 0o600


def test_the_database_and_its_wal_and_shm_are_0600_under_umask_000(
    tmp_path: Path, umask_000: None
) -> None:
    from storage import open_app_database

    paths = AppPaths(tmp_path / "home")
    database = open_app_database(paths)
    try:
        files = [paths.database, *(paths.home / f"vorzimmer.sqlite3-{s}" for s in ("wal", "shm"))]
        assert [mode(f) for f in files] == [0o600, 0o600, 0o600]
        assert mode(paths.home) == 0o700
    finally:
        database.close()
