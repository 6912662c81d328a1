"""One measurement over a directory of documents, run in a fresh process so its memory is its own.

`python -m bench.measure MODE DIR [REPEAT]` prints one JSON object: the number of documents,
the wall-clock and CPU seconds of the fastest of REPEAT passes over them, the documents that
failed, and the process's peak resident memory. MODE is `floor` (read each file and split
it into lines) or `extract` (read the file into a `Document` and extract the meeting, as
ingestion does). The process is held to one CPU core, the idlest (see `bench.pinning`).
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench.pinning import peak_rss_mb, pin_to_one_core

MODES = ("floor", "extract")


def _floor(path: Path) -> None:
    path.read_text(encoding="utf-8", errors="replace").splitlines()


def _extractor() -> Callable[[Path], None]:
    from oversight.documents import read_path
    from oversight.extract import extract_meeting

    def extract(path: Path) -> None:
        extract_meeting(read_path(path))

    return extract


def clear_caches() -> None:
    """Empty every functools cache of Oversight, so that a pass learns nothing from the last."""
    for name, module in list(sys.modules.items()):
        if name.startswith("oversight.") and module is not None:
            for value in vars(module).values():
                if callable(getattr(value, "cache_clear", None)):
                    value.cache_clear()


def timed_passes(step: Callable[[Path], object], paths: list[Path], repeat: int) -> dict[str, Any]:
    """Run a step over every path `repeat` times; keep the fastest pass (CPU and wall apart).

    The fastest of a few passes is the one least disturbed by other work on the machine;
    caches are emptied before each pass so that none is faster for having seen the files.
    """
    seconds = cpu_seconds = float("inf")
    failures = 0
    for _ in range(max(repeat, 1)):
        clear_caches()
        failures = 0
        started, cpu_started = time.perf_counter(), time.process_time()
        for path in paths:
            try:
                step(path)
            except Exception:  # a failing document is counted, not fatal to the run
                failures += 1
        seconds = min(seconds, time.perf_counter() - started)
        cpu_seconds = min(cpu_seconds, time.process_time() - cpu_started)
    return {
        "documents": len(paths),
        "seconds": seconds,
        "cpu_seconds": cpu_seconds,
        "failures": failures,
        "peak_rss_mb": peak_rss_mb(),
    }


def measure(mode: str, directory: Path, repeat: int = 1) -> dict[str, Any]:
    """Run one mode over every file in a directory and return what it cost."""
    step = _floor if mode == "floor" else _extractor()
    paths = sorted(p for p in directory.iterdir() if p.is_file())
    return {"mode": mode, **timed_passes(step, paths, repeat)}


def main(argv: list[str] | None = None) -> int:
    """Measure the mode named on the command line and print the result as JSON."""
    args = sys.argv[1:] if argv is None else argv
    if len(args) not in (2, 3) or args[0] not in MODES:
        print(f"usage: python -m bench.measure {{{','.join(MODES)}}} DIR [REPEAT]", file=sys.stderr)
        return 2
    pin_to_one_core()
    repeat = int(args[2]) if len(args) == 3 else 1
    print(json.dumps(measure(args[0], Path(args[1]), repeat)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
