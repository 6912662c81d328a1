"""Lay out what a reader found (paragraphs, headings, table rows) in the line convention.

Every reader hands its content here as `Row`s of cells of `Para`s and `Heading`s, and this
module turns them into lines exactly as the text reader lays out a line of converted
minutes: the same inline clean-up and bullet detection, the same placement of a cell's
further paragraphs and of an owner column, the same skipping of page footers and rules, and
the same rejoining of sentences cut in two. Sharing the text reader's own functions is what
makes the record independent of the file's format.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from oversight.documents.document import BlockKind

# The text reader's layout functions are the definition of the convention; they are reused
# rather than copied so that the two can never drift apart.
from oversight.documents.text import _MD_RULE as RULE_LINE
from oversight.documents.text import _inline, _is_footer, _join_broken, _paragraphs, _row_lines

Line = tuple[str, BlockKind, int | None]


class Para(NamedTuple):
    """One paragraph of a cell: its text, whether it is a list item, whether wholly bold."""

    text: str
    item: bool = False
    bold: bool = False


@dataclass(slots=True)
class Row:
    """A table row (or, with one cell, a plain paragraph line) and the page it starts on."""

    cells: list[list[Para]] = field(default_factory=list)
    page: int | None = None


@dataclass(frozen=True, slots=True)
class Heading:
    """A line the source marked as a heading (a heading style, `<h2>`, a larger font)."""

    text: str
    page: int | None = None


Piece = Row | Heading


def paras(raw: str, *, item: bool = False, bold: bool = False) -> list[Para]:
    """Clean one paragraph's raw text as the text reader would, adding what the format knew."""
    return [
        Para(text, item or is_item, bold or is_bold) for text, is_item, is_bold in _paragraphs(raw)
    ]


def paragraph_row(
    raw: str, *, item: bool = False, bold: bool = False, page: int | None = None
) -> Row:
    """Make the row for a paragraph outside any table; tabs in it separate cells."""
    return Row([paras(cell, item=item, bold=bold) for cell in raw.split("\t")], page)


def lay_out(pieces: Iterable[Piece]) -> list[Line]:
    """Turn pieces into (line, kind, page) triples in the document line convention."""
    lines: list[Line] = []
    for piece in pieces:
        if isinstance(piece, Heading):
            title, _ = _inline(piece.text)
            if title and not RULE_LINE.match(title):
                lines.append((title, BlockKind.HEADING, piece.page))
            continue
        texts = [" ".join(p.text for p in cell) for cell in piece.cells]
        if not any(texts) or RULE_LINE.match("\t".join(texts)) or _is_footer(texts):
            continue
        cells: list[list[tuple[str, bool, bool]]] = [list(cell) for cell in piece.cells]
        lines.extend((text, kind, piece.page) for text, kind in _row_lines(cells))
    return join_broken(lines)


def join_broken(lines: Sequence[Line]) -> list[Line]:
    """Rejoin sentences cut in two across lines, keeping the page each line starts on."""
    joined = _join_broken([(text, kind) for text, kind, _ in lines])
    out: list[Line] = []
    position = 0
    for text, kind in joined:
        if position >= len(lines):
            out.append((text, kind, None))
            continue
        page = lines[position][2]
        merged = lines[position][0]
        position += 1
        # A joined line is its first source line followed by the next ones, each stripped
        # and separated by one space; walk forward until the text matches.
        while merged != text and position < len(lines):
            merged = f"{merged.rstrip(chr(9) + ' ')} {lines[position][0].lstrip(chr(9) + ' ')}"
            position += 1
        out.append((text, kind, page))
    return out
