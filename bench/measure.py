"""One measurement over a directory of documents, run in a fresh process so its memory is its own.

`python -m bench.measure MODE DIR` prints one JSON object: the number of documents, the
seconds spent in the loop, the documents that failed, and the process's peak resident memory.
MODE is `floor` (read each file and split it into lines) or `extract` (read the file into a
`Document` and extract the meeting, as ingestion does). The process is held to one CPU core.
"""

from __future__ import annotations

import json
import os
import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path

MODES = ("floor", "extract")


def _pin_to_one_core() -> None:
    if hasattr(os, "sched_getaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})


def _peak_rss_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    # Linux reports kilobytes, macOS bytes.
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def _floor(path: Path) -> None:
    path.read_text(encoding="utf-8", errors="replace").splitlines()


def _extractor() -> Callable[[Path], None]:
    from oversight.documents import read_path
    from oversight.extract import extract_meeting

    def extract(path: Path) -> None:
        extract_meeting(read_path(path))

    return extract


def measure(mode: str, directory: Path) -> dict[str, float | int | str]:
    """Run one mode over every file in a directory and return what it cost."""
    step = _floor if mode == "floor" else _extractor()
    paths = sorted(p for p in directory.iterdir() if p.is_file())
    failures = 0
    started = time.perf_counter()
    for path in paths:
        try:
            step(path)
        except Exception:  # a failing document is counted, not fatal to the run
            failures += 1
    seconds = time.perf_counter() - started
    return {
        "mode": mode,
        "documents": len(paths),
        "seconds": seconds,
        "failures": failures,
        "peak_rss_mb": _peak_rss_mb(),
    }


def main(argv: list[str] | None = None) -> int:
    """Measure the mode named on the command line and print the result as JSON."""
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 2 or args[0] not in MODES:
        print(f"usage: python -m bench.measure {{{','.join(MODES)}}} DIR", file=sys.stderr)
        return 2
    _pin_to_one_core()
    print(json.dumps(measure(args[0], Path(args[1]))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
