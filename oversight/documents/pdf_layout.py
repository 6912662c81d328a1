"""Rebuild paragraphs and tables from the lines of a PDF, for the layout of the text reader.

Minutes are often Word tables printed to PDF (item number | discussion | owner), where the
only trace of the table is where the words sit. A table shows itself as a run of lines
that share gutters, vertical strips free of text: a run starts at a line with a wide gap
in it, and lasts while the lines that follow leave its gutters open (a paragraph running
across the page closes them). Columns are the strips between gutters. Rows are split at
the horizontal rules drawn between lines when the table has borders; otherwise a row
starts when the first column begins a new paragraph, or when two columns begin one on
the same line (cells start level in a row). A row cut by a page break carries on across it.
Within a cell or outside tables, lines join into paragraphs unless a larger gap, a bullet,
a change of font, or a short previous line (the first word would have fitted on it) says
a new paragraph began; a word hyphenated at a line's end is joined again.
"""

from __future__ import annotations

import itertools
import math
import operator
import re
from bisect import bisect, bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import compress
from operator import attrgetter, itemgetter

from oversight.documents.layout import Heading, Para, Piece, Row, paras
from oversight.documents.pdf_geometry import (
    Line,
    Region,
    Rule,
    Word,
    find_regions,
    is_bullet,
    median,
)

# A paragraph this much larger than the body text is a heading.
_HEADING_SIZE = 1.25
# Line-end hyphens: PDFium marks a hyphen that ends a line as \x02; typesetters that
# hyphenate words insert U+2010 or a soft hyphen.
_HYPHENS = ("-", "\x02", "\u2010", "\u00ad")
_SENTENCE_END = re.compile(r"[.!?:;][\"'”’)]*$")
_SENTENCE_START = re.compile(r"[\"'“‘(]*[A-Z0-9]")
_ITEM_NUMBER = re.compile(r"^\(?(?:\d{1,3}(?:\.\d{1,3})*|[a-z]|[ivx]{1,5})[.)]?\)?$", re.I)
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")

# The letters before a word's last character, at the end of a text.
_TAIL = re.compile(r"[^\W\d_]+.$")
# C-level getters for the fields of many words (a word's fields by their place in the
# tuple) and the words of many lines.
_TEXT, _TOP, _BOTTOM, _BOLD = itemgetter(0), itemgetter(3), itemgetter(4), itemgetter(5)
_WORDS = attrgetter("words")


@dataclass(slots=True)
class _Fragment:
    """The words of one line that fall in one column."""

    words: list[Word]
    page: int
    top: float
    bottom: float
    size: float
    bold: bool
    # The left edge of the first word and the right edge of the last.
    x0: float
    x1: float


def _fragment(words: list[Word], line: Line) -> _Fragment:
    # Whether it is bold is asked for every pair of fragments: work it out once.
    bold = all(map(_BOLD, words))
    return _Fragment(
        words, line.page, line.top, line.bottom, line.size, bold, words[0].x0, words[-1].x1
    )


class _Vocabulary:
    """The words _WORD finds in the words of a document, lower-cased, to be asked about.

    A word of letters only is one such word; the others are searched (one scan of them
    joined by spaces finds what a scan of each would: no match can take in the space).
    Lower-casing letters looks no further than the word, so the words of letters are kept
    lower-cased between single spaces and looked for there."""

    def __init__(self, words: list[Word]) -> None:
        texts = list(map(_TEXT, words))
        letters = list(map(str.isalpha, texts))
        self.lettered = f" {' '.join(compress(texts, letters)).lower()} "
        found = _WORD.findall(" ".join(compress(texts, map(operator.not_, letters))))
        self.others = set(map(str.lower, found))

    def __contains__(self, word: str) -> bool:
        return bool(word) and (word in self.others or f" {word} " in self.lettered)


class Builder:
    """Turn the lines of a whole document into pieces for the layout."""

    def __init__(self, lines: Sequence[Line], rules: dict[int, list[Rule]]) -> None:
        self.lines = lines
        self.rules = rules
        self._by_height: dict[int, tuple[list[float], list[Rule]]] = {}
        words = list(itertools.chain.from_iterable(map(_WORDS, lines)))
        # Word.height, for every word at once.
        heights = map(operator.sub, map(_BOTTOM, words), map(_TOP, words))
        self.body_size = median(heights) if words else 10.0
        gaps = sorted(b.top - a.bottom for a, b in itertools.pairwise(lines) if a.page == b.page)
        # The usual gap between lines of a paragraph; with few lines to learn it from, no
        # more than a quarter of the text height.
        self.line_gap = max(gaps[len(gaps) // 4], 0.0) if gaps else 0.0
        if len(gaps) < 8:
            self.line_gap = min(self.line_gap, 0.25 * self.body_size)
        self._words = words
        self._vocabulary: _Vocabulary | None = None

    @property
    def vocabulary(self) -> _Vocabulary:
        """The words of the document, lower-cased; made on first use, as few need it."""
        if self._vocabulary is None:
            self._vocabulary = _Vocabulary(self._words)
        return self._vocabulary

    def pieces(self) -> list[Piece]:
        """Return the document's paragraphs, headings and table rows in reading order."""
        out: list[Piece] = []
        regions = find_regions(self.lines)
        position = 0
        for region in [*regions, Region(len(self.lines), len(self.lines), [])]:
            loose = [_fragment(line.words, line) for line in self.lines[position : region.start]]
            out.extend(self._paragraphs(loose))
            if region.end > region.start:
                out.extend(self._table(region))
            position = region.end
        return out

    # Paragraphs

    def _breaks(self, previous: _Fragment, current: _Fragment, right: float) -> bool:
        """Say whether `current` starts a new paragraph after `previous` in the same column."""
        if is_bullet(current.words[0].text) or previous.bold != current.bold:
            return True
        if len(current.words) == 1 and _ITEM_NUMBER.match(current.words[0].text):
            return True
        last, first = previous.words[-1].text, current.words[0].text
        if last.endswith(_HYPHENS) and last[-2:-1].isalpha() and first[:1].islower():
            return False
        if abs(current.size - previous.size) > 0.2 * previous.size:
            return True
        if current.page == previous.page:
            if current.top - previous.bottom > self.line_gap + 0.3 * current.size:
                return True
        elif _SENTENCE_END.search(previous.words[-1].text) and _SENTENCE_START.match(
            current.words[0].text
        ):
            # Paragraph spacing is lost at a page break; a finished sentence followed by a
            # capital is taken as a new paragraph rather than risk running two together.
            return True
        word = current.words[0]
        space = 0.3 * current.size
        return previous.x1 + space + (word.x1 - word.x0) < right - 1.0

    def _group(self, fragments: Sequence[_Fragment], right: float) -> list[list[_Fragment]]:
        groups: list[list[_Fragment]] = []
        for fragment in fragments:
            if groups and not self._breaks(groups[-1][-1], fragment, right):
                groups[-1].append(fragment)
            else:
                groups.append([fragment])
        return groups

    def _join(self, fragments: Sequence[_Fragment]) -> str:
        text = ""
        for fragment in fragments:
            part = " ".join(map(_TEXT, fragment.words))
            if not text:
                text = part
            elif text.endswith(_HYPHENS) and text[-2:-1].isalnum() and part[:1].isalnum():
                text = text[:-1] + ("-" if self._keeps_hyphen(text, part) else "") + part
            elif text.endswith("/") and text[-2:-1].isalnum():
                text += part
            else:
                text = f"{text} {part}"
        if is_bullet(fragments[0].words[0].text):
            # The text reader knows "•" and a few others; any bullet glyph means a list item.
            text = "• " + text[1:].lstrip()
        return text.replace("\x02", "-")

    def _keeps_hyphen(self, text: str, part: str) -> bool:
        """Say whether a word split at a line's end is a hyphenated compound."""
        # The letters before the last character lie in the last word (no space in them).
        head = _TAIL.search(text, text.rfind(" ") + 1)
        tail = _WORD.match(part)
        stem = head.group()[:-1].lower() if head else ""
        rest = tail.group().lower() if tail else ""
        if f"{stem}-{rest}" in self.vocabulary and f"{stem}{rest}" not in self.vocabulary:
            return True
        if f"{stem}{rest}" in self.vocabulary:
            return False
        # A typesetter's hyphen (U+2010, soft hyphen) splits a word; a plain one is taken for
        # part of a compound ("long-term").
        return text[-1] in "-\x02"

    def _paragraphs(self, fragments: Sequence[_Fragment]) -> list[Piece]:
        right = max((f.x1 for f in fragments), default=0.0)
        out: list[Piece] = []
        for group in self._group(fragments, right):
            text = self._join(group)
            page = group[0].page + 1
            if group[0].size >= _HEADING_SIZE * self.body_size and len(text) < 300:
                out.append(Heading(text, page))
            else:
                bold = all(f.bold for f in group)
                out.append(Row([paras(text, bold=bold)], page))
        return out

    # Tables

    def _ruled(self, a: Line, b: Line, left: float, right: float) -> bool:
        """Say whether a horizontal rule runs between two lines of a table."""
        reach = min(10.0, (right - left) / 4)
        if a.page == b.page:
            bands = [self._rules_between(a.page, a.bottom - 0.5, b.top + 0.5)]
        else:
            bands = [
                self._rules_between(a.page, a.bottom - 0.5, a.bottom + 2.5 * a.size),
                self._rules_between(b.page, b.top - 2.5 * b.size, b.top + 0.5),
            ]
        return any(
            min(rule.x1, right) - max(rule.x0, left) >= reach for band in bands for rule in band
        )

    def _rules_between(self, page: int, low: float, high: float) -> list[Rule]:
        """The rules of a page with low <= y <= high."""
        rules = self.rules.get(page, [])
        ordered = self._by_height.get(page)
        if ordered is None:
            ys = [r.y for r in rules]
            # Sorted by height to find a band by bisection; a page whose heights cannot be
            # ordered (NaN) is searched whole.
            if any(map(math.isnan, ys)):
                ordered = [], []
            else:
                order = sorted(range(len(rules)), key=ys.__getitem__)
                ordered = [ys[index] for index in order], [rules[index] for index in order]
            self._by_height[page] = ordered
        heights, by_height = ordered
        if not heights or math.isnan(low) or math.isnan(high):
            return [r for r in rules if low <= r.y <= high]
        return by_height[bisect_left(heights, low) : bisect_right(heights, high)]

    def _row_starts(self, grid: list[dict[int, _Fragment]], rights: list[float]) -> set[int]:
        """Find where rows start in a table without borders.

        A row starts where the first column begins a paragraph, or two columns do (cells
        of a row start level). An owner (right of the column holding most text) written
        beside a later paragraph of a row, not on its first line, ends the row there.
        """
        totals = [sum(len(row[c].words) for row in grid if c in row) for c in range(len(rights))]
        main = totals.index(max(totals))
        starts: set[int] = {0}
        last: dict[int, _Fragment] = {}
        owner_beside = False
        for index, row in enumerate(grid):
            beginning = [
                c for c, f in row.items() if c not in last or self._breaks(last[c], f, rights[c])
            ]
            if index and (0 in beginning or len(beginning) >= 2 or (beginning and owner_beside)):
                starts.add(index)
                last = {}
                owner_beside = False
            owner_beside = owner_beside or (index not in starts and any(c > main for c in row))
            last.update(row)
        return starts

    def _table(self, region: Region) -> list[Piece]:
        lines = self.lines[region.start : region.end]
        bounds = [(a + b) / 2 for a, b in region.gutters]
        columns = len(bounds) + 1
        grid: list[dict[int, _Fragment]] = []
        for line in lines:
            placed: dict[int, list[Word]] = {}
            for word in line.words:
                placed.setdefault(bisect(bounds, (word.x0 + word.x1) / 2), []).append(word)
            grid.append({c: _fragment(words, line) for c, words in placed.items()})
        rights = [max((row[c].x1 for row in grid if c in row), default=0.0) for c in range(columns)]
        left, right = min(line.x0 for line in lines), max(line.x1 for line in lines)
        ruled = {
            i for i in range(1, len(lines)) if self._ruled(lines[i - 1], lines[i], left, right)
        }
        starts = self._row_starts(grid, rights)
        if len(ruled) >= 0.5 * (len(starts) - 1):
            starts = {0} | ruled
        out: list[Piece] = []
        bounds_of_rows = [*sorted(starts), len(lines)]
        for begin, stop in itertools.pairwise(bounds_of_rows):
            cells: list[list[Para]] = []
            for column in range(columns):
                fragments = [row[column] for row in grid[begin:stop] if column in row]
                cell: list[Para] = []
                for group in self._group(fragments, rights[column]):
                    cell.extend(paras(self._join(group), bold=all(f.bold for f in group)))
                cells.append(cell)
            out.append(Row(cells, lines[begin].page + 1))
        return out
