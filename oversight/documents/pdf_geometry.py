"""Words and lines of PDF pages, without the running furniture.

Coordinates here run down the page from its top, in points. Words sharing a baseline band
become a line; lines that recur at the same place near the top or bottom of most pages
(running headers, footers), page numbers there, and a lone line in small type set apart at
a page's very top or bottom are dropped.
"""

from __future__ import annotations

import operator
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from operator import attrgetter
from typing import NamedTuple

# Share of the page height, at its top and its bottom, where furniture may sit.
_FURNITURE_ZONE = 0.12
_PAGE_NUMBER = re.compile(
    r"^[\s\-–—(\[]*(?:(?:page|p\.|pg\.?)\s*)?(\d{1,4})"
    r"(?:\s*(?:of|/|\|)\s*(\d{1,4}))?[\s\-–—)\]]*$",
    re.I,
)
# How many lines at a page's top and bottom may be a page number.
_EDGE_LINES = 2


def median(values: Iterable[float]) -> float:
    """Return the median of some numbers (0.0 for none)."""
    ordered = sorted(values)
    if not ordered:
        return 0.0
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


class Word(NamedTuple):
    """A run of characters with no space or gap in it (a tuple: a page makes thousands)."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    bold: bool = False
    page: int = 0

    @property
    def height(self) -> float:
        """Height of the word's box, about the font size."""
        return self.bottom - self.top


# A page has thousands of words; C-level getters for the fields asked of each of them.
_X0, _TOP, _BOTTOM = attrgetter("x0"), attrgetter("top"), attrgetter("bottom")


@dataclass(slots=True)
class Rule:
    """A thin horizontal line drawn on a page (a table border, an underline)."""

    x0: float
    x1: float
    y: float


@dataclass(slots=True)
class Line:
    """Words that share a baseline, left to right."""

    words: list[Word]
    page: int
    top: float = 0.0
    bottom: float = 0.0
    size: float = 0.0

    def __post_init__(self) -> None:
        words = self.words
        words.sort(key=_X0)
        tops, bottoms = list(map(_TOP, words)), list(map(_BOTTOM, words))
        self.top = median(tops)
        self.bottom = median(bottoms)
        # Word.height, for every word at once.
        self.size = median(map(operator.sub, bottoms, tops))

    @property
    def x0(self) -> float:
        """Left edge of the line's first word."""
        return self.words[0].x0

    @property
    def x1(self) -> float:
        """Right edge of the line's last word."""
        return self.words[-1].x1

    @property
    def text(self) -> str:
        """The line's words joined by spaces."""
        return " ".join(w.text for w in self.words)


@dataclass(slots=True)
class Page:
    """What one page holds: its size, its words and its horizontal rules."""

    number: int
    width: float
    height: float
    words: list[Word] = field(default_factory=list)
    rules: list[Rule] = field(default_factory=list)


def lines_of(words: Sequence[Word], *, page: int) -> list[Line]:
    """Group a page's words into lines, top to bottom."""
    lines: list[Line] = []
    band: list[Word] = []
    top = bottom = 0.0
    for word in sorted(words, key=lambda w: (w.top + w.bottom) / 2):
        centre = (word.top + word.bottom) / 2
        if band and not top <= centre <= bottom:
            lines.append(Line(band, page))
            band = []
        if not band:
            top, bottom = word.top, word.bottom
        band.append(word)
    if band:
        lines.append(Line(band, page))
    return lines


def _key(line: Line) -> str:
    return re.sub(r"\d+", "#", " ".join(line.text.lower().split()))


def _in_zone(line: Line, height: float) -> bool:
    return line.bottom < height * _FURNITURE_ZONE or line.top > height * (1 - _FURNITURE_ZONE)


def _page_number(line: Line) -> bool:
    match = _PAGE_NUMBER.match(line.text)
    if match is None:
        return False
    number, total = match.groups()
    return total is None or int(number) <= int(total)


def _small_and_apart(lines: Sequence[Line], index: int, body: float) -> bool:
    """Say whether an edge line is in a smaller type than the body and set apart from it."""
    line = lines[index]
    if line.size > 0.9 * body:
        return False
    neighbour = lines[index + 1] if index == 0 else lines[index - 1]
    gap = neighbour.top - line.bottom if index == 0 else line.top - neighbour.bottom
    return gap > 1.5 * body


def drop_furniture(pages: Sequence[tuple[Page, list[Line]]]) -> list[list[Line]]:
    """Remove running headers and footers and page numbers from each page's lines."""
    body = median(line.size for _, lines in pages for line in lines)
    seen: dict[str, Counter[int]] = defaultdict(Counter)
    for page, lines in pages:
        keys = {(_key(line), round(line.top / 6)) for line in lines if _in_zone(line, page.height)}
        for key, slot in keys:
            seen[key][slot] += 1
    needed = max(2, (len(pages) + 1) // 2)

    def repeated(line: Line) -> bool:
        slots = seen.get(_key(line))
        if not slots or len(pages) < 2:
            return False
        slot = round(line.top / 6)
        return sum(slots[s] for s in (slot - 1, slot, slot + 1)) >= needed

    out: list[list[Line]] = []
    for page, lines in pages:
        last = len(lines) - 1
        kept = []
        for index, line in enumerate(lines):
            if _in_zone(line, page.height):
                edge = index < _EDGE_LINES or index > last - _EDGE_LINES
                if repeated(line) or (edge and _page_number(line)):
                    continue
                if last > 0 and index in (0, last) and _small_and_apart(lines, index, body):
                    continue
            kept.append(line)
        out.append(kept)
    return out
