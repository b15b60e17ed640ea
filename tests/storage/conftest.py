"""Fixtures of the storage tests: real files on a real (tiny) file system."""

from __future__ import annotations

import os
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest


@pytest.fixture
def full_disk() -> Iterator[Path]:
    """A 1 MiB tmpfs filled to the last block (needs root to mount)."""
    if os.geteuid() != 0:
        pytest.fail("the disk-full test mounts a tiny tmpfs: run it as root (CI does)")
    mount = Path(tempfile.mkdtemp(prefix="vorzimmer-full-", dir="/tmp"))
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mount)], check=True)
    try:
        yield mount
    finally:
        import gc

        gc.collect()  # connections of a failed open are closed, but let nothing linger
        subprocess.run(["umount", str(mount)], check=True)
        mount.rmdir()
