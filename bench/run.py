"""Benchmark extraction against its floor and its target, and print a small table.

    python -m bench.run [--count 2000] [--seed 7] [--keep DIR] [--check]

Generates a corpus from `examples/` into a temporary directory (or DIR with --keep), then
measures, each in a fresh single-core process: the floor (reading the files and splitting them
into lines) and the full extraction (`read_path` + `extract_meeting`). With --check the exit
status is 1 when extraction misses the target.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.generate import write_corpus

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
TARGET_DOCS_PER_SECOND = 300.0
TARGET_PEAK_MB = 200.0
LABELS = {"floor": "floor (read + split)", "extract": "extraction"}


def _measure(mode: str, corpus: Path) -> dict[str, Any]:
    completed = subprocess.run(
        [sys.executable, "-m", "bench.measure", mode, str(corpus)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        timeout=900,
    )
    result: dict[str, Any] = json.loads(completed.stdout)
    return result


def _rate(result: dict[str, Any]) -> float:
    seconds = float(result["seconds"])
    return result["documents"] / seconds if seconds > 0 else float("inf")


def _table(results: list[dict[str, Any]]) -> list[str]:
    lines = [f"{'measure':<22}{'docs/s':>10}{'peak MB':>10}{'failed':>8}"]
    for result in results:
        lines.append(
            f"{LABELS[result['mode']]:<22}{_rate(result):>10.0f}"
            f"{result['peak_rss_mb']:>10.1f}{result['failures']:>8}"
        )
    target_rate = f">= {TARGET_DOCS_PER_SECOND:.0f}"
    lines.append(f"{'target':<22}{target_rate:>10}{f'< {TARGET_PEAK_MB:.0f}':>10}")
    return lines


def _verdict(extraction: dict[str, Any]) -> tuple[bool, str]:
    fast = _rate(extraction) >= TARGET_DOCS_PER_SECOND
    small = float(extraction["peak_rss_mb"]) < TARGET_PEAK_MB
    if fast and small:
        return True, "extraction meets the target"
    missed = [part for part, ok in (("speed", fast), ("memory", small)) if not ok]
    return False, f"extraction misses the target on {' and '.join(missed)}"


def run(*, count: int, seed: int, corpus: Path) -> bool:
    """Generate the corpus, measure floor and extraction, print the table; say if on target."""
    started = time.perf_counter()
    paths = write_corpus(examples=EXAMPLES, out_dir=corpus, count=count, seed=seed)
    size_mb = sum(p.stat().st_size for p in paths) / (1024 * 1024)
    elapsed = time.perf_counter() - started
    print(f"corpus: {len(paths)} documents, {size_mb:.1f} MB, seed {seed} ({elapsed:.1f} s)")
    results = [_measure(mode, corpus) for mode in ("floor", "extract")]
    print("\n".join(_table(results)))
    ok, verdict = _verdict(results[-1])
    print(verdict)
    return ok


def main(argv: list[str] | None = None) -> int:
    """Parse the options and run the benchmark."""
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__)
    parser.add_argument("--count", type=int, default=2000, help="documents to generate")
    parser.add_argument("--seed", type=int, default=7, help="seed of the generated corpus")
    parser.add_argument("--keep", type=Path, help="write the corpus here and keep it")
    parser.add_argument("--check", action="store_true", help="exit 1 when off target")
    args = parser.parse_args(argv)
    if args.keep is not None:
        ok = run(count=args.count, seed=args.seed, corpus=args.keep)
    else:
        with tempfile.TemporaryDirectory(prefix="oversight-bench-") as tmp:
            ok = run(count=args.count, seed=args.seed, corpus=Path(tmp))
    return 1 if args.check and not ok else 0


if __name__ == "__main__":
    sys.exit(main())
