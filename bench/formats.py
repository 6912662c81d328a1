"""Per-format benchmark: the same minutes as text, web page, Word and PDF.

`run_format_bench(docs, out_dir)` renders each text document into .html, .docx and .pdf
(with the parity tests' renderer), then measures, each in a fresh single-core process:
reading every file with `read_path` and extracting the meeting, and the bare library read of
the format alone (decode and split; lxml parse; python-docx open and paragraphs; PDFium text
of every page). It returns one row per format. From the repository root:

    python -m bench.formats DOCS_DIR [--out DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
FORMATS = ("txt", "html", "docx", "pdf")


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


def _peak_rss_mb() -> float:
    """Peak resident memory of this process in MB.

    /proc's high-water mark starts afresh at exec; ru_maxrss would carry the parent's.
    """
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure(mode: str, fmt: str, folder: Path) -> dict[str, Any]:
    """Time one mode ("full" or "bare") over one folder of files; report peak memory."""
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    reader = _full_reader() if mode == "full" else _bare_reader(fmt)
    paths = sorted(folder.iterdir())
    baseline = _peak_rss_mb()
    failures = 0
    started = time.perf_counter()
    for path in paths:
        try:
            reader(path)
        except Exception:  # a benchmark counts failures instead of stopping
            failures += 1
    seconds = time.perf_counter() - started
    return {
        "documents": len(paths),
        "seconds": seconds,
        "failures": failures,
        "peak_rss_mb": _peak_rss_mb(),
        "baseline_rss_mb": baseline,
    }


def _measure_in_child(mode: str, fmt: str, folder: Path) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, "-m", "bench.formats", "--measure", mode, fmt, str(folder)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        timeout=1800,
    )
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def _rate(result: dict[str, Any]) -> float:
    seconds = float(result["seconds"])
    return float(result["documents"]) / seconds if seconds > 0 else float("inf")


def run_format_bench(docs: list[Path], out_dir: Path) -> list[dict[str, Any]]:
    """Render the documents into each format and measure full and bare reads of each."""
    folders = _render_all(docs, out_dir)
    rows: list[dict[str, Any]] = []
    for fmt in FORMATS:
        full = _measure_in_child("full", fmt, folders[fmt])
        bare = _measure_in_child("bare", fmt, folders[fmt])
        rows.append(
            {
                "format": fmt,
                "documents": full["documents"],
                "docs_per_second": round(_rate(full), 1),
                "peak_rss_mb": round(full["peak_rss_mb"], 1),
                "failures": full["failures"],
                "bare_docs_per_second": round(_rate(bare), 1),
                "bare_peak_rss_mb": round(bare["peak_rss_mb"], 1),
                "bare_failures": bare["failures"],
            }
        )
    return rows


def table(rows: list[dict[str, Any]]) -> list[str]:
    """Format the rows as a small table."""
    lines = [
        f"{'format':<8}{'docs/s':>10}{'peak MB':>10}{'failed':>8}{'bare docs/s':>14}{'bare MB':>10}"
    ]
    for row in rows:
        lines.append(
            f"{row['format']:<8}{row['docs_per_second']:>10.1f}{row['peak_rss_mb']:>10.1f}"
            f"{row['failures']:>8}{row['bare_docs_per_second']:>14.1f}"
            f"{row['bare_peak_rss_mb']:>10.1f}"
        )
    return lines


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark on a folder of text minutes, or one measurement (--measure)."""
    parser = argparse.ArgumentParser(prog="python -m bench.formats")
    parser.add_argument("--measure", nargs=3, metavar=("MODE", "FORMAT", "DIR"))
    parser.add_argument("docs", nargs="?", type=Path)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args(argv)
    if args.measure:
        mode, fmt, folder = args.measure
        print(json.dumps(measure(mode, fmt, Path(folder))))
        return 0
    if args.docs is None:
        parser.error("give a folder of text minutes")
    docs = sorted(p for p in args.docs.iterdir() if p.suffix in (".txt", ".md"))
    with tempfile.TemporaryDirectory() as scratch:
        rows = run_format_bench(docs, args.out or Path(scratch))
    print("\n".join(table(rows)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
