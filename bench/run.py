"""Benchmark extraction against its floor and its targets, and print two small tables.

    python -m bench.run [--count 2000] [--seed 7] [--keep DIR] [--check]
                        [--formats 200] [--no-unstructured] [--repeat 3]

Generates a corpus from `examples/` into a temporary directory (or DIR with --keep), then
measures, each in a fresh process held to one core: the floor (reading the files and
splitting them into lines) and the full extraction (`read_path` + `extract_meeting`). Then
the first 200 of those documents are rendered as .html, .docx and .pdf and each format is
measured beside its bare library read and `unstructured` (see `bench.formats`; the first
run installs unstructured into `bench-out/`, which takes several minutes). Each Oversight
and bare measurement keeps the fastest of --repeat passes, with Oversight's caches emptied
before each (for the formats, over three rounds with Oversight and the bare read in
turns). Rates are documents per CPU second of the measuring process, which other work on a
shared machine lowers less than wall-clock rates, shown beside them. With --check the exit
status is 1 when a target is missed.
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

from bench.formats import on_target, rates, run_format_bench, table
from bench.generate import write_corpus

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
TARGET_DOCS_PER_SECOND = 300.0
TARGET_PEAK_MB = 200.0
LABELS = {"floor": "floor (read + split)", "extract": "extraction"}


def _measure(mode: str, corpus: Path, repeat: int) -> dict[str, Any]:
    completed = subprocess.run(
        [sys.executable, "-m", "bench.measure", mode, str(corpus), str(repeat)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        timeout=900,
    )
    result: dict[str, Any] = json.loads(completed.stdout)
    return result


def _table(results: list[dict[str, Any]]) -> list[str]:
    lines = [f"{'measure':<22}{'docs/s':>10}{'(wall)':>9}{'peak MB':>10}{'failed':>8}"]
    for result in results:
        cpu, wall = rates(result)
        lines.append(
            f"{LABELS[result['mode']]:<22}{cpu:>10.0f}{f'({wall:.0f})':>9}"
            f"{result['peak_rss_mb']:>10.1f}{result['failures']:>8}"
        )
    target_rate = f">= {TARGET_DOCS_PER_SECOND:.0f}"
    lines.append(f"{'target':<22}{target_rate:>10}{'':>9}{f'< {TARGET_PEAK_MB:.0f}':>10}")
    return lines


def _verdict(extraction: dict[str, Any]) -> tuple[bool, str]:
    fast = rates(extraction)[0] >= TARGET_DOCS_PER_SECOND
    small = float(extraction["peak_rss_mb"]) < TARGET_PEAK_MB
    if fast and small:
        return True, "extraction meets the target"
    missed = [part for part, ok in (("speed", fast), ("memory", small)) if not ok]
    return False, f"extraction misses the target on {' and '.join(missed)}"


def run(
    *,
    count: int,
    seed: int,
    corpus: Path,
    formats: int = 200,
    with_unstructured: bool = True,
    repeat: int = 3,
) -> bool:
    """Generate the corpus, measure floor and extraction, then each format; say if on target."""
    started = time.perf_counter()
    paths = write_corpus(examples=EXAMPLES, out_dir=corpus, count=count, seed=seed)
    size_mb = sum(p.stat().st_size for p in paths) / (1024 * 1024)
    elapsed = time.perf_counter() - started
    print(f"corpus: {len(paths)} documents, {size_mb:.1f} MB, seed {seed} ({elapsed:.1f} s)")
    results = [_measure(mode, corpus, repeat) for mode in ("floor", "extract")]
    print("\n".join(_table(results)))
    ok, verdict = _verdict(results[-1])
    print(verdict)
    if formats <= 0:
        return ok
    shown = min(formats, len(paths))
    print(f"\nper format: the first {shown} documents as .txt, .html, .docx and .pdf")
    rendered = corpus.with_name(corpus.name + "-formats")
    rows = run_format_bench(
        sorted(paths)[:formats], rendered, with_unstructured=with_unstructured, repeat=repeat
    )
    print("\n".join(table(rows)), flush=True)
    return ok and on_target(rows)


def main(argv: list[str] | None = None) -> int:
    """Parse the options and run the benchmark."""
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__)
    parser.add_argument("--count", type=int, default=2000, help="documents to generate")
    parser.add_argument("--seed", type=int, default=7, help="seed of the generated corpus")
    parser.add_argument("--keep", type=Path, help="write the corpus here and keep it")
    parser.add_argument("--check", action="store_true", help="exit 1 when off target")
    parser.add_argument("--formats", type=int, default=200, help="documents per format (0: none)")
    parser.add_argument(
        "--no-unstructured", action="store_true", help="leave unstructured out of the formats"
    )
    parser.add_argument("--repeat", type=int, default=3, help="passes; the fastest counts")
    args = parser.parse_args(argv)
    options = {
        "count": args.count,
        "seed": args.seed,
        "formats": args.formats,
        "with_unstructured": not args.no_unstructured,
        "repeat": args.repeat,
    }
    if args.keep is not None:
        ok = run(corpus=args.keep, **options)
    else:
        with tempfile.TemporaryDirectory(prefix="oversight-bench-") as tmp:
            ok = run(corpus=Path(tmp) / "corpus", **options)
    return 1 if args.check and not ok else 0


if __name__ == "__main__":
    sys.exit(main())
