"""One process per data folder: the lock names its holder and dies with it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from appenv.instance_lock import FolderInUse, Holder, InstanceLock, read_holder

ROOT = Path(__file__).resolve().parents[2]


def test_a_second_acquire_is_refused_and_names_the_holder(tmp_path: Path) -> None:
    path = tmp_path / "vorzimmer.lock"
    with InstanceLock.acquire(path, argv=["main.py", "--home", str(tmp_path)]) as first:
        assert first.held
        with pytest.raises(FolderInUse) as refused:
            InstanceLock.acquire(path)
        assert refused.value.holder == Holder(os.getpid(), ("main.py", "--home", str(tmp_path)))
        assert f"in use by Vorzimmer (pid {os.getpid()}: main.py --home" in str(refused.value)
        assert refused.value.folder == tmp_path
    assert not first.held
    with InstanceLock.acquire(path):  # released: the next one gets it
        pass
    assert os.stat(path).st_mode & 0o077 == 0


def test_a_killed_holder_leaves_no_stale_lock(tmp_path: Path) -> None:
    path = tmp_path / "vorzimmer.lock"
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys, time\n"
         "from pathlib import Path\n"
         "from appenv.instance_lock import InstanceLock\n"
         "lock = InstanceLock.acquire(Path(sys.argv[1]))\n"
         "print('locked', flush=True)\n"
         "time.sleep(60)\n",
         str(path)],
        cwd=ROOT, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "locked\n"
        with pytest.raises(FolderInUse) as refused:
            InstanceLock.acquire(path)
        assert refused.value.holder is not None and refused.value.holder.pid == holder.pid
        holder.send_signal(signal.SIGKILL)
        holder.wait(10)
        with InstanceLock.acquire(path):  # the kernel dropped the dead process's lock
            assert read_holder(path) == Holder(os.getpid(), tuple(sys.argv))
    finally:
        if holder.poll() is None:
            holder.kill()
            holder.wait()


def test_an_unreadable_holder_line_still_refuses(tmp_path: Path) -> None:
    path = tmp_path / "vorzimmer.lock"
    with InstanceLock.acquire(path):
        path.write_text("garbage")
        with pytest.raises(FolderInUse) as refused:
            InstanceLock.acquire(path)
        assert refused.value.holder is None
        assert "in use by Vorzimmer (another process)" in str(refused.value)


def test_a_command_holding_the_folder_is_named_as_such(tmp_path: Path) -> None:
    path = tmp_path / "vorzimmer.lock"
    argv = ["main.py", "import", "clients", "x.csv"]
    with (
        InstanceLock.acquire(path, argv=argv, role="import"),
        pytest.raises(FolderInUse) as refused,
    ):
        InstanceLock.acquire(path)
    assert refused.value.holder is not None and refused.value.holder.role == "import"
    assert str(refused.value).endswith("Try again when its import has finished.")
