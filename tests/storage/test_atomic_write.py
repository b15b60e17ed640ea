"""The one atomic write: all or nothing, owner-only, nothing left behind (real files)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from appenv.files import atomic_write, remove_durably


def test_replaces_the_file_owner_only_whatever_the_umask(tmp_path: Path) -> None:
    target = tmp_path / "sub" / "settings.json"
    old = os.umask(0)
    try:
        atomic_write(target, "eins")
        atomic_write(target, b"zwei")
    finally:
        os.umask(old)
    assert target.read_bytes() == b"zwei"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert [p.name for p in target.parent.iterdir()] == ["settings.json"]  # no temp file left


def test_a_full_disk_leaves_the_old_content_and_no_temp_file(full_disk: Path) -> None:
    target = full_disk / "note.json"
    atomic_write(target, "alt")
    with pytest.raises(OSError) as caught:
        atomic_write(target, b"x" * (2 * 1024 * 1024))  # twice the disk
    assert caught.value.errno == 28  # ENOSPC
    assert target.read_text() == "alt"
    assert [p.name for p in full_disk.iterdir()] == ["note.json"]
    remove_durably(target)
    remove_durably(target)  # already gone: fine
    assert not target.exists()
