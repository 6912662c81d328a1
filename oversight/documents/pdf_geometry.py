"""Words and lines of PDF pages, without the running furniture.

Coordinates here run down the page from its top, in points. Words sharing a baseline band
become a line; lines that recur at the same place near the top or bottom of most pages
(running headers, footers), page numbers there, and a lone line in small type set apart at
a page's very top or bottom are dropped.
"""

from __future__ import annotations

import itertools
import operator
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import repeat
from operator import itemgetter
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


# A page has thousands of words; C-level getters for the fields asked of each of them
# (a word's fields by their place in the tuple).
_TEXT, _X0, _X1, _TOP, _BOTTOM, _BOLD = (itemgetter(place) for place in range(6))


@dataclass(slots=True)
class Rule:
    """A thin horizontal line drawn on a page (a table border, an underline)."""

    x0: float
    x1: float
    y: float


class Line:
    """Words that share a baseline, left to right, with the median top, bottom and height
    of their boxes."""

    __slots__ = ("bottom", "page", "size", "top", "words")

    def __init__(self, words: list[Word], page: int) -> None:
        words.sort(key=_X0)
        self.words = words
        self.page = page
        tops, bottoms = list(map(_TOP, words)), list(map(_BOTTOM, words))
        top, bottom, count = tops[0], bottoms[0], len(words)
        if (
            top
            and bottom
            and top == top
            and bottom == bottom
            and tops.count(top) == count
            and bottoms.count(bottom) == count
        ):
            # Words level with one another (the usual line): the medians are their values
            # (both non-zero numbers, so the same float whichever word they come from).
            self.top, self.bottom, self.size = top, bottom, bottom - top
        else:
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
        return " ".join(map(_TEXT, self.words))


@dataclass(slots=True)
class Page:
    """What one page holds: its size, its words and its horizontal rules."""

    number: int
    width: float
    height: float
    words: list[Word] = field(default_factory=list)
    rules: list[Rule] = field(default_factory=list)


def lines_of(words: Sequence[Word], *, page: int) -> list[Line]:
    """Group a page's words into lines, top to bottom.

    Words are taken in the order of their centres (half-way between top and bottom); a line
    starts with a word and takes the words after it whose centre lies within its top and
    bottom."""
    if not words:
        return []
    tops, bottoms = list(map(_TOP, words)), list(map(_BOTTOM, words))
    centres = list(map(operator.truediv, map(operator.add, tops, bottoms), repeat(2)))
    order = sorted(range(len(words)), key=centres.__getitem__)
    starts = [0]
    first = order[0]
    top, bottom = tops[first], bottoms[first]
    for position, index in enumerate(order[1:], start=1):
        if not top <= centres[index] <= bottom:
            starts.append(position)
            top, bottom = tops[index], bottoms[index]
    starts.append(len(order))
    ordered = list(map(words.__getitem__, order))
    return [Line(ordered[start:end], page) for start, end in itertools.pairwise(starts)]


def _key(line: Line) -> str:
    return re.sub(r"\d+", "#", " ".join(line.text.lower().split()))


def _in_zone(line: Line, height: float) -> bool:
    return bool(line.bottom < height * _FURNITURE_ZONE or line.top > height * (1 - _FURNITURE_ZONE))


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
    return bool(gap > 1.5 * body)


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
