"""Hostile files: each gives a clear one-line DocumentError within a memory bound.

Each file is read in a child process under an address-space limit, which reports the
error and how far its peak resident memory grew during the read.
"""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from .docxmake import make_docx, paragraph
from .pdfmake import encrypted_pdf, looped_tree_pdf, many_pages_pdf, text_pdf

# The child's address space is capped so that a runaway read fails instead of swapping.
ADDRESS_SPACE = 3 << 30
# Peak memory a hostile read may add, in MB: loose, well below what a blow-up would take.
GROWTH_MB = 250

# The peak is read from /proc (it starts afresh at exec, unlike ru_maxrss, which a child
# inherits from the test process).
_CHILD = f"""
import json, resource, sys
from pathlib import Path
resource.setrlimit(resource.RLIMIT_AS, ({ADDRESS_SPACE}, {ADDRESS_SPACE}))
import docx, lxml.etree, pypdfium2
import oversight.documents.docx, oversight.documents.html, oversight.documents.pdf
from oversight.documents import DocumentError, read_path

def peak_mb():
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

before = peak_mb()
try:
    document = read_path(Path(sys.argv[1]))
    outcome = {{"document": document.text[:200]}}
except DocumentError as error:
    outcome = {{"error": str(error)}}
outcome["growth_mb"] = peak_mb() - before
print(json.dumps(outcome))
"""


def _read_in_child(path: Path) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, str(path)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    result: dict[str, object] = json.loads(done.stdout)
    return result


def _zip_bomb() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", b"<Types/>")
        archive.writestr("word/document.xml", b"<w:document/>")
        for n in range(4):
            archive.writestr(f"word/media/image{n}.png", bytes(200 << 20))
    return buffer.getvalue()


def _nested_html() -> bytes:
    depth = 100_000
    return b"<html><body><main>" + b"<div>" * depth + b"<p>Deep.</p>" + b"</div>" * depth


def _write_big_html(path: Path) -> None:
    with path.open("wb") as out:
        out.write(b"<!DOCTYPE html><html><body><main>")
        chunk = b"<p>The Commissioner asked about response times.</p>\n" * 20_000
        while out.tell() < 100 << 20:
            out.write(chunk)
        out.write(b"</main></body></html>")


def _truncated_docx() -> bytes:
    data = make_docx(paragraph("Minutes of the meeting. " * 500))
    return data[: len(data) * 2 // 3]


CASES: dict[str, tuple[str, Callable[[], bytes], str]] = {
    "zip bomb as docx": ("minutes.docx", _zip_bomb, r"zip bomb"),
    "thousands of pages": (
        "long.pdf",
        lambda: many_pages_pdf(2500),
        r"^the PDF has 2,500 pages, more than the limit of 2,000$",
    ),
    "page tree loop": ("loop.pdf", looped_tree_pdf, r"^the PDF "),
    "encrypted pdf": ("secret.pdf", encrypted_pdf, r"^the PDF is encrypted and needs a password$"),
    "truncated pdf": (
        "cut.pdf",
        lambda: text_pdf([[(72, 700, "Minutes")] for _ in range(20)])[:900],
        r"^the PDF is truncated",
    ),
    "truncated docx": ("cut.docx", _truncated_docx, r"^the Word file is damaged or truncated"),
    "claims pdf but is not": (
        "minutes.pdf",
        lambda: bytes(range(256)) * 64,
        r"^binary data, not text$",
    ),
    "pdf header on junk": (
        "junk.pdf",
        lambda: b"%PDF-1.7\n" + bytes(range(256)) * 64 + b"%%EOF",
        r"^the PDF is damaged or not a PDF",
    ),
    "empty file": ("empty.pdf", lambda: b"", r"^the file is empty$"),
}


@pytest.mark.slow
@pytest.mark.parametrize("case", sorted(CASES))
def test_hostile_file_gives_one_line_error_within_memory(tmp_path: Path, case: str) -> None:
    name, make, message = CASES[case]
    path = tmp_path / name
    path.write_bytes(make())
    outcome = _read_in_child(path)
    assert "error" in outcome, outcome
    assert "\n" not in str(outcome["error"])
    assert re.search(message, str(outcome["error"])), outcome["error"]
    assert float(str(outcome["growth_mb"])) < GROWTH_MB


@pytest.mark.slow
def test_a_100_mb_page_is_refused_by_size_without_being_read(tmp_path: Path) -> None:
    path = tmp_path / "huge.html"
    _write_big_html(path)
    outcome = _read_in_child(path)
    assert outcome["error"] == "the file is 100 MB, more than the limit of 64 MB"
    assert float(str(outcome["growth_mb"])) < 20


@pytest.mark.slow
def test_a_page_nested_100k_levels_deep_is_read_without_recursion(tmp_path: Path) -> None:
    path = tmp_path / "deep.html"
    path.write_bytes(_nested_html())
    outcome = _read_in_child(path)
    assert outcome.get("document") == "Deep.", outcome
    assert float(str(outcome["growth_mb"])) < GROWTH_MB


@pytest.mark.slow
def test_many_pages_under_the_limit_are_read_within_memory(tmp_path: Path) -> None:
    path = tmp_path / "long.pdf"
    path.write_bytes(many_pages_pdf(1500))
    outcome = _read_in_child(path)
    assert str(outcome.get("document", "")).startswith("A page of minutes"), outcome
    assert float(str(outcome["growth_mb"])) < GROWTH_MB
