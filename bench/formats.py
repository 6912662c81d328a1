"""Per-format benchmark: the same minutes as text, web page, Word and PDF.

`run_format_bench(docs, out_dir)` renders each text document into .html, .docx and .pdf
(with the parity tests' renderer), then measures, each in a fresh process held to one core:
Oversight's full extraction (`read_path` + `extract_meeting`), the bare library read of the
format (decode and split; lxml parse; python-docx open and paragraphs; PDFium text of every
page), and `unstructured`'s partition function for the format (strategy "fast"), which
runs in an environment of its own (see `bench.unstructured_env`). The full extraction and
the bare read are measured in turns, a few rounds of each, and each keeps its fastest: a
burst of other work on a shared machine then slows both alike, not one of the two.
`table` prints one row per format and, under it, each target the issue sets and whether it
is met. From the repository root:

    python -m bench.formats DOCS_DIR [--out DIR] [--no-unstructured] [--repeat N] [--rounds N]
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench import unstructured_env
from bench.measure import timed_passes
from bench.pinning import idlest_core, pin_to_one_core

ROOT = Path(__file__).resolve().parents[1]
FORMATS = ("txt", "html", "docx", "pdf")
# The targets for the full extraction.
UNSTRUCTURED_FACTOR = 20.0
BARE_FACTOR = {"pdf": 3.0, "docx": 2.0}
MIN_RATE = {"txt": 300.0, "html": 300.0}
# Rounds of the full extraction and the bare read, measured in turns.
ROUNDS = 3


def _render_all(docs: list[Path], out_dir: Path) -> dict[str, Path]:
    """Write every document in every format under out_dir/<format>/; reuse what is there."""
    from oversight.documents.text import read_text
    from tests.documents.render import render_docx, render_html, render_pdf

    renderers: dict[str, Callable[..., Path]] = {
        "html": render_html,
        "docx": render_docx,
        "pdf": render_pdf,
    }
    folders = {fmt: out_dir / fmt for fmt in FORMATS}
    for folder in folders.values():
        folder.mkdir(parents=True, exist_ok=True)
    for doc in docs:
        stem = doc.stem
        text_copy = folders["txt"] / f"{stem}.txt"
        if not text_copy.exists():
            shutil.copyfile(doc, text_copy)
        document = None
        for fmt, render in renderers.items():
            target = folders[fmt] / f"{stem}.{fmt}"
            if target.exists() and target.stat().st_mtime >= doc.stat().st_mtime:
                continue
            document = document or read_text(doc.read_bytes(), source=doc.name)
            render(document, target)
    return folders


def _bare_reader(fmt: str) -> Callable[[Path], int]:
    """Return the plain library read of one format, giving a count so nothing is skipped."""
    if fmt == "txt":
        return lambda path: len(path.read_bytes().decode("utf-8", "replace").splitlines())
    if fmt == "html":
        from lxml import etree

        def html(path: Path) -> int:
            root = etree.fromstring(path.read_bytes(), etree.HTMLParser())
            return sum(1 for _ in root.itertext())

        return html
    if fmt == "docx":
        import docx

        return lambda path: len([p.text for p in docx.Document(str(path)).paragraphs])
    import pypdfium2

    def pdf(path: Path) -> int:
        document = pypdfium2.PdfDocument(path)
        try:
            return sum(len(page.get_textpage().get_text_range()) for page in document)
        finally:
            document.close()

    return pdf


def _full_reader() -> Callable[[Path], int]:
    from oversight.documents import read_path
    from oversight.extract import extract_meeting

    def full(path: Path) -> int:
        meeting = extract_meeting(read_path(path))
        return len(meeting.items) + len(meeting.actions)

    return full


def measure(mode: str, fmt: str, folder: Path, repeat: int = 1) -> dict[str, Any]:
    """Time one mode ("full" or "bare") over one folder of files; report peak memory."""
    pin_to_one_core()
    reader = _full_reader() if mode == "full" else _bare_reader(fmt)
    return timed_passes(reader, sorted(folder.iterdir()), repeat)


def _measure_in_child(mode: str, fmt: str, folder: Path, repeat: int) -> dict[str, Any]:
    command = ["--measure", mode, fmt, str(folder), "--repeat", str(repeat)]
    done = subprocess.run(
        [sys.executable, "-m", "bench.formats", *command],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        timeout=1800,
    )
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def _in_turns(fmt: str, folder: Path, repeat: int, rounds: int) -> dict[str, dict[str, Any]]:
    """Measure the full extraction and the bare read in turns, each round in fresh processes;
    keep the fastest CPU and wall-clock times of each, and its largest peak memory."""
    found: dict[str, list[dict[str, Any]]] = {"full": [], "bare": []}
    for _ in range(max(rounds, 1)):
        for mode, results in found.items():
            results.append(_measure_in_child(mode, fmt, folder, repeat))
    best: dict[str, dict[str, Any]] = {}
    for mode, results in found.items():
        best[mode] = {
            **results[0],
            "seconds": min(result["seconds"] for result in results),
            "cpu_seconds": min(result["cpu_seconds"] for result in results),
            "peak_rss_mb": max(result["peak_rss_mb"] for result in results),
        }
    return best


def rates(result: dict[str, Any]) -> tuple[float, float]:
    """Documents per CPU second and per wall-clock second of a measurement."""

    def per(seconds: float) -> float:
        return float(result["documents"]) / seconds if seconds > 0 else float("inf")

    return per(float(result["cpu_seconds"])), per(float(result["seconds"]))


def run_format_bench(
    docs: list[Path],
    out_dir: Path,
    *,
    with_unstructured: bool = True,
    repeat: int = 3,
    rounds: int = ROUNDS,
) -> list[dict[str, Any]]:
    """Render the documents into each format and measure the three readers of each.

    Oversight and the bare reads keep the fastest of `repeat` passes in each of `rounds`
    turns; unstructured, 20 to 100 times slower, is timed in one pass."""
    folders = _render_all(docs, out_dir)
    rows: list[dict[str, Any]] = []
    for fmt in FORMATS:
        row: dict[str, Any] = {"format": fmt, **_in_turns(fmt, folders[fmt], repeat, rounds)}
        if with_unstructured:
            row["unstructured"] = unstructured_env.measure(fmt, folders[fmt], core=idlest_core())
        else:
            row["unstructured"] = {"error": "not measured (--no-unstructured)"}
        rows.append(row)
    return rows


def targets(row: dict[str, Any]) -> list[tuple[str, bool | None, str]]:
    """Each target for a row: (what, met or None when not measurable, what was measured)."""
    fmt, rate = row["format"], rates(row["full"])[0]
    checks: list[tuple[str, bool | None, str]] = []
    if fmt in MIN_RATE:
        checks.append((f">= {MIN_RATE[fmt]:.0f} docs/s", rate >= MIN_RATE[fmt], f"{rate:.0f}"))
    if fmt in BARE_FACTOR:
        slower = rates(row["bare"])[0] / rate
        limit = BARE_FACTOR[fmt]
        checks.append((f"within {limit:.0f}x of the bare read", slower <= limit, f"{slower:.1f}x"))
    other = row["unstructured"]
    what = f">= {UNSTRUCTURED_FACTOR:.0f}x unstructured"
    if "error" in other:
        checks.append((what, None, "not measured"))
    else:
        faster = rate / rates(other)[0]
        checks.append((what, faster >= UNSTRUCTURED_FACTOR, f"{faster:.0f}x"))
    return checks


def _cell(result: dict[str, Any]) -> str:
    if "error" in result:
        return f"{'-':>17}{'-':>8}"
    cpu, wall = rates(result)
    digits = 1 if cpu < 100 else 0
    return f"{cpu:>9.{digits}f} ({wall:>5.{digits}f}){result['peak_rss_mb']:>8.1f}"


def table(rows: list[dict[str, Any]]) -> list[str]:
    """Format the rows as a table, then the targets under it."""
    heads = ("oversight", "bare read", "unstructured")
    lines = [
        f"{'':<7}" + "".join(f"{head:>25}" for head in heads),
        f"{'format':<7}" + f"{'docs/s (wall)':>17}{'peak MB':>8}" * len(heads),
    ]
    for row in rows:
        lines.append(
            f"{row['format']:<7}"
            + "".join(_cell(row[key]) for key in ("full", "bare", "unstructured"))
        )
    lines.append(
        "docs/s per CPU second of the measuring process on one core; wall-clock in brackets"
    )
    for row in rows:
        if "error" in row["unstructured"]:
            lines.append(f"{row['format']}: unstructured {row['unstructured']['error']}")
        verdicts = [
            f"{what} {'?' if met is None else 'met' if met else 'MISSED'} ({got})"
            for what, met, got in targets(row)
        ]
        lines.append(f"{row['format']}: " + "; ".join(verdicts))
    return lines


def on_target(rows: list[dict[str, Any]]) -> bool:
    """Say whether every measurable target is met."""
    return all(met is not False for row in rows for _, met, _ in targets(row))


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark on a folder of text minutes, or one measurement (--measure)."""
    parser = argparse.ArgumentParser(prog="python -m bench.formats")
    parser.add_argument("--measure", nargs=3, metavar=("MODE", "FORMAT", "DIR"))
    parser.add_argument("docs", nargs="?", type=Path)
    parser.add_argument("--out", type=Path)
    parser.add_argument("--no-unstructured", action="store_true")
    parser.add_argument("--repeat", type=int, default=3, help="passes; the fastest counts")
    parser.add_argument("--rounds", type=int, default=ROUNDS, help="turns of full and bare")
    args = parser.parse_args(argv)
    if args.measure:
        mode, fmt, folder = args.measure
        print(json.dumps(measure(mode, fmt, Path(folder), args.repeat)))
        return 0
    if args.docs is None:
        parser.error("give a folder of text minutes")
    docs = sorted(p for p in args.docs.iterdir() if p.suffix in (".txt", ".md"))
    with tempfile.TemporaryDirectory() as scratch:
        rows = run_format_bench(
            docs,
            args.out or Path(scratch),
            with_unstructured=not args.no_unstructured,
            repeat=args.repeat,
            rounds=args.rounds,
        )
    print("\n".join(table(rows)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
