"""Durable file writes: after a crash or power loss a file holds its old or its new bytes.

The one way Vorzimmer replaces a file (drafts, settings, exports, reports in the outbox):
write a temporary file next to the target, ``fsync`` it, rename it over the target, then
``fsync`` the folder so that the rename itself survives a power loss.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path


def fsync_folder(folder: Path) -> None:
    """Make a rename or an unlink in ``folder`` durable (no-op where folders cannot be opened)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:  # e.g. Windows
        return
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def atomic_write(path: Path, data: bytes | str, *, mode: int = 0o600) -> None:
    """Replace ``path`` with ``data`` (str is written as UTF-8) all at once, durably.

    The file gets ``mode`` (owner only by default: what Vorzimmer writes is client data).
    On any error the target is untouched and the temporary file is removed.
    """
    payload = data.encode("utf-8") if isinstance(data, str) else data
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, mode)
    try:
        try:
            view = memoryview(payload)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    fsync_folder(path.parent)


def remove_durably(path: Path) -> None:
    """Delete ``path`` (if it exists) so that it stays deleted after a crash."""
    path.unlink(missing_ok=True)
    fsync_folder(path.parent)
