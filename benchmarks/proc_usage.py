"""CPU seconds and peak memory of running processes, read from /proc (Linux).

A benchmark samples a process before and after its load; the difference of
:func:`cpu_seconds` is the CPU the load cost, ``VmHWM`` the peak resident set since the
process started. A server made of several processes (kamailio, PostgreSQL) is summed
over its tree (:func:`tree`).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

CLK_TCK = os.sysconf("SC_CLK_TCK")


def _stat_fields(pid: int) -> list[str]:
    """The fields of /proc/PID/stat after the command name (which may hold spaces)."""
    return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of one process so far."""
    fields = _stat_fields(pid)
    return (int(fields[11]) + int(fields[12])) / CLK_TCK


def peak_rss_mb(pid: int) -> float:
    """The process's peak resident set (VmHWM) in MiB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def tree(root: int) -> list[int]:
    """``root`` and every living descendant of it."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            parent = int(_stat_fields(int(entry.name))[1])
        except (OSError, IndexError, ValueError):
            continue  # ended meanwhile
        children.setdefault(parent, []).append(int(entry.name))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(children.get(pid, []))
    return found


@dataclass(frozen=True)
class Usage:
    """CPU seconds and peak RSS (MiB, summed over the processes) at one moment."""

    cpu_s: float
    peak_rss_mb: float

    def __sub__(self, before: Usage) -> Usage:
        """The CPU spent since ``before``; the peak stays the peak."""
        return Usage(self.cpu_s - before.cpu_s, self.peak_rss_mb)


def usage(pids: list[int]) -> Usage:
    """Summed over ``pids`` (those that ended meanwhile count nothing)."""
    cpu = rss = 0.0
    for pid in pids:
        try:
            cpu += cpu_seconds(pid)
            rss += peak_rss_mb(pid)
        except OSError:
            continue
    return Usage(cpu, rss)
