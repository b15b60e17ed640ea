"""The data folder is the operator's alone: folders 0700, files 0600, whatever the umask.

Caller data, notes and logs must not be readable by other users of the machine. Three
layers keep it so: every entry point sets a process umask of 0o077 before it creates a
file (children such as the engine process inherit it), Vorzimmer's own folders and log
files are created with explicit modes, and at start :func:`repair_tree` walks the data
folder and takes group and other bits away from anything an older version, a copy or a
restore left wider.
"""

from __future__ import annotations

import logging
import os
import stat
from dataclasses import dataclass
from pathlib import Path

PRIVATE_UMASK = 0o077
FOLDER_MODE = 0o700
FILE_MODE = 0o600
_POSIX = os.name == "posix"


def restrict_umask() -> int:
    """Files and folders created from now on are owner-only; returns the previous umask."""
    return os.umask(PRIVATE_UMASK)


def make_private_dir(folder: Path) -> None:
    """Create ``folder`` (and missing parents) and make the folder itself 0700."""
    folder.mkdir(mode=FOLDER_MODE, parents=True, exist_ok=True)
    info = os.lstat(folder)
    if _ours(info):
        _restrict(folder, info)


def open_private(path: Path, flags: int = os.O_WRONLY | os.O_CREAT | os.O_APPEND) -> int:
    """``os.open`` that creates a 0600 file even under umask 000 (and fixes an older one)."""
    fd = os.open(path, flags | getattr(os, "O_CLOEXEC", 0), FILE_MODE)
    try:
        info = os.fstat(fd)
        if _POSIX and stat.S_IMODE(info.st_mode) & PRIVATE_UMASK and _ours(info):
            os.fchmod(fd, stat.S_IMODE(info.st_mode) & ~PRIVATE_UMASK)
    except BaseException:
        os.close(fd)
        raise
    return fd


def precreate_private(path: Path) -> None:
    """Create an empty 0600 file for a program that would create it with its own mode
    (SQLite: its ``-wal`` and ``-shm`` then copy the database file's 0600). Leaves an
    existing file alone and any error to the program that opens it next."""
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE))
    except OSError:
        pass


@dataclass(frozen=True)
class Repair:
    """What :func:`repair_tree` found: how many paths it looked at and how many it fixed."""

    checked: int
    repaired: int
    skipped: tuple[Path, ...] = ()


def repair_tree(home: Path) -> Repair:
    """Take group/other permissions away from the data folder and everything in it.

    Only bits are removed (0644 → 0600, 0755 → 0700, 0777 → 0700), never the owner's
    own, so a folder pointed at by mistake loses no executable bit. Symbolic links are
    not followed; paths owned by another user are left alone and reported in ``skipped``
    (a shared folder such as /tmp is never made private).
    """
    checked = repaired = 0
    skipped: list[Path] = []
    if not _POSIX or not home.is_dir():  # Windows: the profile folder's ACL protects it
        return Repair(0, 0)
    if not _ours(os.lstat(home)):
        return Repair(1, 0, (home,))
    for folder, dirs, files in os.walk(home, followlinks=False):
        base = Path(folder)
        names = [*dirs, *files] if base != home else [".", *dirs, *files]  # each path once
        for name in names:
            path = base if name == "." else base / name
            try:
                info = os.lstat(path)
            except FileNotFoundError:  # a temp file that went away during the walk
                continue
            if stat.S_ISLNK(info.st_mode):
                continue
            checked += 1
            if info.st_uid != _uid():
                skipped.append(path)
            elif _restrict(path, info):
                repaired += 1
    return Repair(checked, repaired, tuple(skipped))


def report_repair(home: Path, result: Repair) -> None:
    """One log line when :func:`repair_tree` found anything wider (run it before
    ``AppPaths.ensure``, which would narrow the folders silently, and log after set-up)."""
    log = logging.getLogger("vorzimmer.app")
    if result.repaired:
        log.warning(
            "data folder %s: %d of %d paths were open to other users; made owner-only",
            home,
            result.repaired,
            result.checked,
        )
    if result.skipped:
        log.warning(
            "data folder %s: %d paths belong to another user or are shared, left as they are"
            " (first: %s)",
            home,
            len(result.skipped),
            result.skipped[0],
        )


def _ours(info: os.stat_result) -> bool:
    """Ours to restrict: owned by this user and not a shared sticky folder like /tmp."""
    return info.st_uid == _uid() and not info.st_mode & stat.S_ISVTX


def _restrict(path: Path, info: os.stat_result) -> bool:
    mode = stat.S_IMODE(info.st_mode)
    if not mode & PRIVATE_UMASK:
        return False
    os.chmod(path, mode & ~PRIVATE_UMASK)
    return True


def _uid() -> int:
    getuid = getattr(os, "getuid", None)
    return getuid() if getuid is not None else 0
