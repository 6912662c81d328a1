"""Words, lines and tables of PDF pages, without the running furniture.

Coordinates here run down the page from its top, in points. A run of characters is split
into words at gaps wider than a word gap (`split_run`). Words sharing a baseline band
become a line; lines that recur at the same place near the top or bottom of most pages
(running headers, footers), page numbers there, and a lone line in small type set apart at
a page's very top or bottom are dropped. A table shows itself as a run of lines that share
gutters, vertical strips free of text; `find_regions` finds those runs (see `pdf_layout`).
"""

from __future__ import annotations

import itertools
import operator
import re
from array import array
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
# A gap wider than this share of the text height splits two runs of letters into words.
WORD_GAP = 0.25
# How many lines at a page's top and bottom may be a page number.
_EDGE_LINES = 2
# A gap wider than this share of the text height separates cells.
_CELL_GAP = 0.5
# Narrowest gutter, as a share of the text height, that still separates two columns.
_GUTTER = 0.4
_BULLETS = frozenset("•●▪■◦‣·\uf0b7\uf0a7\uf076\uf0d8")
# A vertical strip free of text between two columns: its left and right edges.
Gutter = tuple[float, float]


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
_TEXT, _X0, _TOP, _BOTTOM = itemgetter(0), itemgetter(1), itemgetter(3), itemgetter(4)


@dataclass(slots=True)
class Rule:
    """A thin horizontal line drawn on a page (a table border, an underline)."""

    x0: float
    x1: float
    y: float


class Line:
    """Words that share a baseline, left to right, with the median top, bottom and height
    of their boxes."""

    __slots__ = ("bottom", "page", "size", "top", "words", "x0", "x1")
    words: list[Word]
    page: int
    top: float
    bottom: float
    size: float
    # The left edge of the first word and the right edge of the last.
    x0: float
    x1: float

    def __init__(self, words: list[Word], page: int) -> None:
        words.sort(key=_X0)
        self.words = words
        self.page = page
        self.x0, self.x1 = words[0].x0, words[-1].x1
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


class CharBoxes(NamedTuple):
    """The loose boxes of a stretch of characters (top and bottom measured upwards), and
    whether PDFium gave one, in the order the characters were asked."""

    found: list[int]
    lefts: list[float]
    tops: array[float]
    rights: list[float]
    bottoms: array[float]
    # The four sides of each character as PDFium wrote them (left, top, right, bottom).
    values: array[float]


def split_run(
    boxes: CharBoxes, run: str, first: int, height: float, bold: bool, page: int
) -> list[Word]:
    """Split a run of characters (its boxes from `first` on) into words at gaps."""
    words: list[Word] = []
    letters: list[str] = []
    x0 = x1 = top = bottom = last_left = last_right = last_bottom = 0.0
    for offset, letter in enumerate(run):
        index = first + offset
        if not boxes.found[index]:
            continue
        left, right = boxes.lefts[index], boxes.rights[index]
        upper, lower = height - boxes.tops[index], height - boxes.bottoms[index]
        if right <= left and lower <= upper:
            continue
        if letters:
            size = max(last_bottom - top, 1.0)
            if (
                left - last_right > WORD_GAP * size
                or right < last_left
                or abs(lower - last_bottom) > 0.5 * size
            ):
                words.append(Word("".join(letters), x0, x1, top, bottom, bold, page))
                letters = []
        if not letters:
            x0, x1, top, bottom = left, right, upper, lower
        else:
            x0 = left if left < x0 else x0
            x1 = right if right > x1 else x1
            top = upper if upper < top else top
            bottom = lower if lower > bottom else bottom
        letters.append(letter)
        last_left, last_right, last_bottom = left, right, lower
    if letters:
        words.append(Word("".join(letters), x0, x1, top, bottom, bold, page))
    return words


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


# Tables


def is_bullet(text: str) -> bool:
    """Say whether a word is a bullet (every bullet is one character long)."""
    return text in _BULLETS


def _gaps(line: Line) -> list[Gutter]:
    """Return the gaps in a line wide enough to separate cells."""
    words = line.words
    widths = [b.x0 - a.x1 for a, b in itertools.pairwise(words)]
    if not widths:
        return []
    # Justified text stretches its spaces alike; a cell gap is wide against the line's
    # narrowest space.
    narrowest = min(widths)
    typical = narrowest if len(widths) >= 2 and narrowest <= 0.6 * line.size else 0.0
    threshold = max(_CELL_GAP * line.size, 2.0 * typical)
    if max(widths) <= threshold:
        return []
    gaps = []
    for index, width in enumerate(widths):
        if width > threshold and not (index == 0 and is_bullet(words[0].text)):
            gaps.append((words[index].x1, words[index + 1].x0))
    return gaps


def _narrow(gutters: list[Gutter], line: Line) -> list[Gutter] | None:
    """Narrow the gutters by a line's words; None if the line closes one of them."""
    out: list[Gutter] = []
    least = _GUTTER * line.size
    for left, right in gutters:
        pieces = [(left, right)]
        for word in line.words:
            if word.x1 <= left or word.x0 >= right:
                continue
            pieces = [
                piece
                for a, b in pieces
                for piece in ((a, min(b, word.x0)), (max(a, word.x1), b))
                if piece[1] - piece[0] > 0
            ]
        widest = max(pieces, key=lambda p: p[1] - p[0], default=None)
        if widest is None or widest[1] - widest[0] < least:
            return None
        out.append(widest)
    return out


@dataclass(slots=True)
class Region:
    """A run of lines that is a table: [start, end) and the gutters between its columns."""

    start: int
    end: int
    gutters: list[Gutter]


def _grow(lines: Sequence[Line], start: int, floor: int) -> Region:
    """Grow a table region from a line with cell gaps, forwards and then backwards."""
    gutters = _gaps(lines[start])
    left, right = lines[start].x0, lines[start].x1
    end = start + 1
    while end < len(lines):
        line = lines[end]
        narrowed = _narrow(gutters, line)
        if narrowed is None:
            break
        # Gaps beyond the region's extent open new columns (an owner column, a label column).
        for a, b in _gaps(line):
            outside = (max(a, right), b) if b > right else (a, min(b, left))
            if outside[1] - outside[0] >= _GUTTER * line.size * 2 and (b > right or a < left):
                narrowed.append(outside)
        gutters = sorted(narrowed)
        left, right = min(left, line.x0), max(right, line.x1)
        end += 1
    # Lines just above the first one with a cell gap (a row with one cell filled) belong to
    # the table if they keep clear of all its gutters.
    first = start
    while first - 1 >= floor and lines[first - 1].x0 >= left - 2:
        if not _clear(gutters, lines[first - 1]):
            break
        first -= 1
    return Region(first, end, gutters)


def _clear(gutters: list[Gutter], line: Line) -> bool:
    """Say whether no word of a line reaches into a gutter (beyond a point's tolerance)."""
    return all(
        word.x1 <= left + 1 or word.x0 >= right - 1
        for left, right in gutters
        for word in line.words
    )


def find_regions(lines: Sequence[Line]) -> list[Region]:
    """Find the runs of lines that are tables."""
    regions: list[Region] = []
    index = 0
    while index < len(lines):
        if _gaps(lines[index]):
            region = _grow(lines, index, regions[-1].end if regions else 0)
            regions.append(region)
            index = region.end
        else:
            index += 1
    return regions
