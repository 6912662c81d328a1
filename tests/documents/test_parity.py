"""The same minutes as text, Word, web page and PDF give the same lines and the same record.

Every example (and every shared seed, when the shared folder sits beside the repository) is
read as text, rendered to .docx, .html and .pdf (with ruled tables, and with borderless
ones), and read back. The readers must give the text version's lines, cell for cell, and
the extractor must give the same record section by section.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from oversight.documents import Document, read_path
from oversight.documents.text import read_text
from oversight.extract import NotMinutesError, extract_meeting
from oversight.records.interchange import meeting_to_json

from .render import RENDERERS

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT.parent / "shared" / "seeds"
SOURCES = sorted(
    [p for p in ROOT.glob("examples/*.txt")]
    + [p for p in ROOT.glob("examples/*.md") if not p.name.lower().startswith("readme")]
    + (sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else [])
)
EXACT = ("docx", "html", "pdf")
# Kinds may differ where the text reader joined a row's first line onto the paragraph
# before it, leaving its further paragraphs without a first line.
KIND_AGREEMENT = 0.95
SECTION_F1 = 0.95

Render = Callable[[Path, str], Document]


@pytest.fixture(scope="session")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> Render:
    """Return a function that renders a source to a format once and reads it back."""
    folder = tmp_path_factory.mktemp("renderings")
    done: dict[tuple[Path, str], Document] = {}

    def render(source: Path, fmt: str) -> Document:
        if (source, fmt) not in done:
            text = read_text(source.read_bytes(), source=source.name)
            path = RENDERERS[fmt](text, folder / f"{source.stem}.{fmt}")
            done[(source, fmt)] = read_path(path)
        return done[(source, fmt)]

    return render


def _text(source: Path) -> Document:
    return read_text(source.read_bytes(), source=source.name)


def _cells(line: str) -> list[str]:
    return [" ".join(cell.split()) for cell in line.split("\t")]


def _ids(source: Path) -> str:
    return source.name


needs_sources = pytest.mark.skipif(not SOURCES, reason="no examples or seeds to render")


@needs_sources
@pytest.mark.slow
@pytest.mark.parametrize("fmt", EXACT)
@pytest.mark.parametrize("source", SOURCES, ids=_ids)
def test_each_format_gives_the_text_versions_lines(
    rendered: Render, source: Path, fmt: str
) -> None:
    expected = _text(source)
    got = rendered(source, fmt)
    assert [_cells(b.text) for b in got.blocks] == [_cells(b.text) for b in expected.blocks]
    agree = sum(a.kind == b.kind for a, b in zip(expected.blocks, got.blocks, strict=True))
    assert agree >= KIND_AGREEMENT * len(expected.blocks)


def _tokens(text: str) -> Counter[str]:
    return Counter(re.findall(r"\w+", text.lower()))


@needs_sources
@pytest.mark.slow
@pytest.mark.parametrize("source", SOURCES, ids=_ids)
def test_a_borderless_pdf_keeps_the_words_and_nearly_all_lines(
    rendered: Render, source: Path
) -> None:
    # Without borders a new row whose first cell is empty looks just like a further
    # paragraph of the row above, so such rows merge and an owner may move to the merged
    # row's last line: the words stay, a few lines change.
    expected = _text(source)
    got = rendered(source, "borderless.pdf")
    assert _tokens(got.text) == _tokens(expected.text)
    lines = difflib.SequenceMatcher(
        None, [b.text for b in expected.blocks], [b.text for b in got.blocks], autojunk=False
    )
    assert lines.ratio() >= 0.9


def _record(document: Document) -> dict[str, Any] | None:
    try:
        return meeting_to_json(extract_meeting(document))
    except NotMinutesError:
        return None


@needs_sources
@pytest.mark.slow
@pytest.mark.parametrize("fmt", EXACT)
@pytest.mark.parametrize("source", SOURCES, ids=_ids)
def test_each_format_gives_the_text_versions_record(
    rendered: Render, source: Path, fmt: str
) -> None:
    from support.scoring import Scoreboard

    expected = _record(_text(source))
    got = _record(rendered(source, fmt))
    if expected is None:
        assert got is None
        return
    assert got is not None
    board = Scoreboard()
    board.add(expected, got, name=source.name)
    result = board.result()
    low = {
        section: scores["f1"]
        for section, scores in result.items()
        if isinstance(scores, dict) and "f1" in scores and scores["f1"] < SECTION_F1
    }
    assert not low, (low, board.logs[source.name])
