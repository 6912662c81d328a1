"""Hold a measuring process to one CPU core, the idlest one, and read what it cost.

The benchmark measures "documents per second on one core". Pinning every measurement to
the first core, as a fixed choice would, puts it beside whatever else the machine runs
there; the idlest core over a short sample is taken instead. Rates are reported per CPU
second of the measuring process as well as per wall-clock second: on a shared machine the
first does not drop when other work takes turns on the same core, the second does.
"""

from __future__ import annotations

import os
import resource
import sys
import time
from pathlib import Path

# How long to watch the cores before choosing one.
_SAMPLE_SECONDS = 0.2


def _idle_jiffies() -> dict[int, int]:
    """Idle time (idle + iowait) of each core so far, from /proc/stat."""
    idle: dict[int, int] = {}
    stat = Path("/proc/stat")
    if not stat.exists():
        return idle
    for line in stat.read_text().splitlines():
        name, *fields = line.split()
        if name.startswith("cpu") and name[3:].isdigit() and len(fields) >= 5:
            idle[int(name[3:])] = int(fields[3]) + int(fields[4])
    return idle


def idlest_core() -> int | None:
    """The core this process may use that was idle longest over a short sample."""
    if not hasattr(os, "sched_getaffinity"):
        return None
    allowed = sorted(os.sched_getaffinity(0))
    before = _idle_jiffies()
    time.sleep(_SAMPLE_SECONDS)
    after = _idle_jiffies()
    idle = {core: after.get(core, 0) - before.get(core, 0) for core in allowed}
    # The most idle core; the lowest-numbered one on a tie.
    return max(allowed, key=lambda core: (idle[core], -core)) if allowed else None


def pin_to_one_core(core: int | None = None) -> int | None:
    """Hold this process to one core (the idlest unless given); return the core."""
    if not hasattr(os, "sched_setaffinity"):
        return None
    chosen = idlest_core() if core is None else core
    if chosen is not None:
        os.sched_setaffinity(0, {chosen})
    return chosen


def peak_rss_mb() -> float:
    """Peak resident memory of this process in MB.

    /proc's high-water mark starts afresh at exec; ru_maxrss would carry the parent's.
    """
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    # Linux reports kilobytes, macOS bytes.
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024
