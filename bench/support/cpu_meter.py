"""CPU seconds a set of processes used over a run, counting processes that end during it.

Reading /proc before and after a run loses a process that exits in between: a database backend
closed because its connection reached CONN_MAX_AGE takes its CPU with it, and a before/after sum
then undercounts, or goes negative. A ``CpuMeter`` samples every ``interval`` seconds in a
thread and keeps each process's last reading, so at most the last interval of an exiting
process is missed.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from pathlib import Path

TICKS = os.sysconf("SC_CLK_TCK")


def processes() -> dict[int, tuple[int, str, int]]:
    """pid -> (parent pid, command line, utime + stime ticks) of every process readable now."""
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()
        found[int(entry.name)] = (int(fields[1]), cmdline, int(fields[11]) + int(fields[12]))
    return found


class CpuMeter:
    """``with CpuMeter({"server": pick, ...}) as meter: ...`` then ``meter.seconds["server"]``;
    ``pick(pid, parent, cmdline)`` says whether a process belongs to that group."""

    def __init__(self, groups: dict[str, Callable[[int, int, str], bool]], interval: float = 0.25) -> None:
        self.groups = groups
        self.interval = interval
        self.seconds: dict[str, float] = {}
        self._first: dict[int, int] = {}
        self._last: dict[int, tuple[str, int]] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)

    def _sample(self, first: bool = False) -> None:
        for pid, (parent, cmdline, ticks) in processes().items():
            group = self._last[pid][0] if pid in self._last else next(
                (name for name, pick in self.groups.items() if pick(pid, parent, cmdline)), None)
            if group is None:
                continue
            if first:
                self._first[pid] = ticks
            self._last[pid] = (group, ticks)

    def _loop(self) -> None:
        while not self._stop.wait(self.interval):
            self._sample()

    def __enter__(self) -> CpuMeter:
        self._sample(first=True)
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()
        self._sample()
        totals = dict.fromkeys(self.groups, 0)
        for pid, (group, ticks) in self._last.items():
            totals[group] += ticks - self._first.get(pid, 0)  # a process started during the run: all of it
        self.seconds = {name: ticks / TICKS for name, ticks in totals.items()}
