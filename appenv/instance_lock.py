"""One Vorzimmer per data folder: an OS lock on ``vorzimmer.lock``, held for the process life.

Two windows on one folder would restore the same drafts, fight over the SIP and RTP ports
and write the same database behind each other's back. The lock is ``flock`` (POSIX) or
``msvcrt.locking`` (Windows) on an open file: the kernel drops it when the process ends,
however it ends, so a crash never leaves a stale lock. The holder writes its pid and
command line into the file so that a second process can say who has the folder.

Who takes it: the window (for its whole life) and CLI commands that write (``import``,
``report --send``) for the length of the command. Commands that only read (``report``
without ``--send``, ``--version``) do not take it and run beside the window.
"""

from __future__ import annotations

import json
import os
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from appenv.errors import UserError
from appenv.permissions import open_private

EXIT_IN_USE = 3  # exit status of a process that found its data folder in use
WINDOW = "window"


@dataclass(frozen=True)
class Holder:
    """The process that holds a data folder, as it described itself in the lock file."""

    pid: int
    argv: tuple[str, ...] = ()
    role: str = WINDOW  # WINDOW, or the name of the command that holds the folder

    def describe(self) -> str:
        command = " ".join(self.argv)
        return f"pid {self.pid}: {command}" if command else f"pid {self.pid}"


class FolderInUse(UserError):
    """Another Vorzimmer process holds the data folder."""

    def __init__(self, folder: Path, holder: Holder | None) -> None:
        who = holder.describe() if holder is not None else "another process"
        if holder is None or holder.role == WINDOW:
            advice = "Use the window that is open, or close it first."
        else:
            advice = f"Try again when its {holder.role} has finished."
        super().__init__(
            f"The data folder {folder} is in use by Vorzimmer ({who}). {advice}",
            detail=f"lock held on {folder}",
        )
        self.folder = folder
        self.holder = holder


class InstanceLock:
    """The lock on one data folder; :meth:`acquire` it, keep the object, :meth:`release`."""

    def __init__(self, path: Path, fd: int) -> None:
        self.path = path
        self._fd: int | None = fd

    @classmethod
    def acquire(cls, path: Path, argv: list[str] | None = None, role: str = WINDOW) -> InstanceLock:
        """Take the lock at once or raise :class:`FolderInUse` naming the holder."""
        fd = open_private(path, os.O_RDWR | os.O_CREAT)
        try:
            if not _try_lock(fd):
                raise FolderInUse(path.parent, read_holder(path))
            os.ftruncate(fd, 0)
            me = {
                "pid": os.getpid(),
                "argv": list(sys.argv if argv is None else argv),
                "role": role,
            }
            os.lseek(fd, 0, os.SEEK_SET)
            os.write(fd, (json.dumps(me) + "\n").encode("utf-8"))
        except BaseException:
            os.close(fd)
            raise
        return cls(path, fd)

    @property
    def held(self) -> bool:
        return self._fd is not None

    def release(self) -> None:
        """Unlock (closing the file drops the lock); the file stays for the next holder."""
        if self._fd is not None:
            fd, self._fd = self._fd, None
            os.close(fd)

    def __enter__(self) -> InstanceLock:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.release()


def read_holder(path: Path, wait: float = 0.5) -> Holder | None:
    """Who holds the lock; waits briefly for a holder that has locked but not yet written."""
    deadline = time.monotonic() + wait
    while True:
        try:
            text = path.read_text(encoding="utf-8")
            data = json.loads(text)
            argv = tuple(str(a) for a in data.get("argv", ()))
            return Holder(int(data["pid"]), argv, str(data.get("role", WINDOW)))
        except (OSError, ValueError, KeyError, TypeError):
            if time.monotonic() >= deadline:
                return None
            time.sleep(0.05)


if sys.platform == "win32":
    import msvcrt

    _LOCK_OFFSET = 1 << 20  # lock a byte past the text, so the holder's line stays readable

    def _try_lock(fd: int) -> bool:
        os.lseek(fd, _LOCK_OFFSET, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True
