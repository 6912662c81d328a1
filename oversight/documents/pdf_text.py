"""The words of a PDF page, made from the boxes PDFium gives its characters.

A run of characters between separators is one word unless a gap wider than a word gap, a
step back or a change of baseline splits it. Each character's box is asked of PDFium once,
through functions declared to take plain pointers; the tests a run must pass to be one
word are made for all the runs of a page at once with numpy, and a run that fails them is
split character by character. Font and angle belong to the text object a character is
drawn by, so they are asked once per object, and boldness once per font.
"""

from __future__ import annotations

import ctypes
import math
import operator
import re
import time
from array import array
from bisect import bisect_left
from collections.abc import Callable
from functools import lru_cache
from itertools import accumulate, chain, compress, repeat
from typing import Any, NamedTuple

from oversight.documents.pdf_geometry import WORD_GAP, CharBoxes, Word, split_run

# Characters turned further than this (radians) are watermarks or margin notes.
_MAX_ANGLE = 0.05
_BOLD_NAMES = ("bold", "black", "heavy", "semibold", "demi")
# A run of characters between separators (control characters, spaces, a BOM); PDFium's
# line-end hyphen mark (0x02) belongs to its word.
_RUN = re.compile(r"[^\x00\x01\x03-\x20\ufeff\s]+")
# How many characters of a page pass between two looks at the clock.
_CLOCK_EVERY = 20000
# Word(...) without its Python-level constructor: a page makes hundreds.
_make = tuple.__new__


class Overtime(Exception):
    """Reading ran past its time limit."""


class Handle(ctypes.c_void_p):
    """A PDFium handle returned as itself (a subclass of a simple type is not made an int),
    to be passed back to PDFium as it is."""


class Calls(NamedTuple):
    """PDFium functions called per character or per page object.

    They are declared without argument types (but for font_of, called once per text
    object), take pointers made by `pointer` (an int argument is a C int) or handles as
    returned, and keep the GIL: pypdfium2's typed bindings convert and check every
    argument and release the GIL on every call, which costs more than the call itself when
    a page has thousands of characters."""

    char_box: Callable[[Any, int, Any], int]
    text_object: Callable[[Any, int], int | None]
    char_angle: Callable[[Any, int], float]
    font_of: Callable[[int], int | None]
    page_object: Callable[[Any, int], Handle]
    object_type: Callable[[Handle], int]
    object_bounds: Callable[[Handle, Any, Any, Any, Any], int]
    draw_mode: Callable[[Handle, Any, Any], int]
    count_segments: Callable[[Handle], int]


@lru_cache(maxsize=1)
def calls() -> Calls:
    """The PDFium functions, declared once."""
    import pypdfium2.raw as pdfium_c

    def plain(function: Any, restype: Any, *argtypes: Any) -> Any:
        address = ctypes.cast(function, ctypes.c_void_p).value or 0
        return ctypes.PYFUNCTYPE(restype, *argtypes)(address)

    integer, address = ctypes.c_int, ctypes.c_void_p
    return Calls(
        char_box=plain(pdfium_c.FPDFText_GetLooseCharBox, integer),
        text_object=plain(pdfium_c.FPDFText_GetTextObject, address),
        char_angle=plain(pdfium_c.FPDFText_GetCharAngle, ctypes.c_float),
        font_of=plain(pdfium_c.FPDFTextObj_GetFont, address, address),
        page_object=plain(pdfium_c.FPDFPage_GetObject, Handle),
        object_type=plain(pdfium_c.FPDFPageObj_GetType, integer),
        object_bounds=plain(pdfium_c.FPDFPageObj_GetBounds, integer),
        draw_mode=plain(pdfium_c.FPDFPath_GetDrawMode, integer),
        count_segments=plain(pdfium_c.FPDFPath_CountSegments, integer),
    )


def pointer(address: int) -> Any:
    """An argument that passes `address` as a pointer."""
    return ctypes.byref(ctypes.c_char.from_address(address))


def handle_pointer(handle: Any) -> Any:
    """An argument that passes a pypdfium2 raw handle as a pointer."""
    return pointer(ctypes.cast(handle, ctypes.c_void_p).value or 0)


class _Fonts:
    """Whether the text at a character is bold, asked of PDFium once per font of a page.

    The name PDFium gives is written into one buffer, which keeps the last name that fitted:
    a name too long for it, or a character without a text object, leaves the one before."""

    def __init__(self, handle: Any) -> None:
        self.handle = handle
        self.buffer = ctypes.create_string_buffer(128)
        self.shown = ""
        # For each font: the name written (None if none was), its weight, and whether it is
        # bold when its name was written.
        self.known: dict[int, tuple[str | None, int, bool]] = {}

    def bold(self, drawn_by: int | None, index: int) -> bool:
        """Say whether the character at `index`, drawn by the text object `drawn_by`, is bold."""
        font = calls().font_of(drawn_by) if drawn_by is not None else None
        known = self.known.get(font) if font is not None else None
        if known is None:
            written, weight = self._ask(index)
            shown = self.shown if written is None else written
            bold = weight >= 600 or any(mark in shown for mark in _BOLD_NAMES)
            known = written, weight, bold
            if font is not None:
                self.known[font] = known
        written, weight, bold = known
        if written is not None:
            self.shown = written
            return bold
        return weight >= 600 or any(mark in self.shown for mark in _BOLD_NAMES)

    def _ask(self, index: int) -> tuple[str | None, int]:
        """The font name PDFium writes for a character (None if it writes none), its weight."""
        import pypdfium2.raw as pdfium_c

        flags = ctypes.c_int()
        size = len(self.buffer)
        length = pdfium_c.FPDFText_GetFontInfo(self.handle, index, self.buffer, size, flags)
        written = self.buffer.value.decode("latin-1").lower() if 0 < length <= size else None
        return written, pdfium_c.FPDFText_GetFontWeight(self.handle, index)


def _boxes(textpage: Any, starts: list[int], ends: list[int]) -> tuple[list[int], array[float]]:
    """Ask PDFium for the box of every character of some runs, each into its own slot:
    whether it gave one, and the four sides (left, top, right, bottom) of each."""
    size = sum(ends) - sum(starts)
    values = array("f", bytes(16 * size))
    start = ctypes.c_char.from_buffer(values)
    slots = map(ctypes.byref, repeat(start), range(0, 16 * size, 16))
    indices = chain.from_iterable(map(range, starts, ends))
    return list(map(calls().char_box, repeat(textpage), indices, slots)), values


def page_words(textpage: Any, height: float, deadline: float, page: int) -> tuple[list[Word], str]:
    """Return a page's words with their boxes, and its text as PDFium gives it."""
    import pypdfium2.raw as pdfium_c

    handle = textpage.raw
    count = max(pdfium_c.FPDFText_CountChars(handle), 0)
    text = raw = textpage.get_text_range(0, count)
    if len(text) != count:  # characters outside the BMP: ask one by one
        codes = (pdfium_c.FPDFText_GetUnicode(handle, i) for i in range(count))
        text = "".join(" " if 0xD800 <= c < 0xE000 or c > 0x10FFFF else chr(c) for c in codes)
    # PDFium marks a hyphen it found at a line's end as U+FFFE in text (0x02 per character).
    text = text.replace("\ufffe", "\x02")
    textpage_pointer = handle_pointer(handle)
    starts, ends, texts = _runs(text)
    reader = _Reader(textpage_pointer, height, page, _Fonts(handle))
    words: list[Word] = []
    position = 0
    while position < len(starts):
        # The clock is read at the first run and then every _CLOCK_EVERY characters.
        if time.monotonic() > deadline:
            raise Overtime
        stop = bisect_left(starts, starts[position] + _CLOCK_EVERY, position)
        reader.read(starts[position:stop], ends[position:stop], texts[position:stop], words)
        position = stop
    return words, raw


def _runs(text: str) -> tuple[list[int], list[int], list[str]]:
    """Where each run of a page's text starts and ends, and its text.

    PDFium separates words with spaces and lines with CR LF. Every other separator is
    unprintable (as is PDFium's hyphen mark, which belongs to its word): when the text is
    printable but for spaces, line ends and hyphen marks, the runs are what lies between
    single spaces once CR and LF are spaces too."""
    flat = text.replace("\r", " ").replace("\n", " ")
    if not flat.replace(" ", "").replace("\x02", "-").isprintable():
        runs = list(_RUN.finditer(text))
        return (
            list(map(re.Match.start, runs)),
            list(map(re.Match.end, runs)),
            list(map(re.Match.group, runs)),
        )
    pieces = flat.split(" ")
    lengths = list(map(len, pieces))
    places = accumulate(map(operator.add, lengths, repeat(1)), initial=0)
    starts = list(compress(places, lengths))
    sizes = list(filter(None, lengths))
    return starts, list(map(operator.add, starts, sizes)), list(filter(None, pieces))


class _Stretch(NamedTuple):
    """Some runs of a page: where each starts and ends in the page's text, its text, and its
    characters' boxes in the order of the runs (whether PDFium gave each, and its sides)."""

    starts: list[int]
    ends: list[int]
    texts: list[str]
    found: list[int]
    values: array[float]


class _Reader:
    """Reads a page's runs, carrying the text object, font and angle from one stretch of
    them to the next."""

    def __init__(self, textpage: Any, height: float, page: int, fonts: _Fonts) -> None:
        self.textpage = textpage
        self.height = height
        self.page = page
        self.fonts = fonts
        self.last_object: int | None = None
        self.bold = self.skip = False

    def read(self, starts: list[int], ends: list[int], texts: list[str], words: list[Word]) -> None:
        """Add the words of some runs of the page to `words`."""
        stretch = _Stretch(starts, ends, texts, *_boxes(self.textpage, starts, ends))
        bolds, skips = self._styles(starts)
        words.extend(_words(stretch, self.height, bolds, skips, self.page))

    def _styles(self, starts: list[int]) -> tuple[list[bool], list[bool]]:
        """Whether each run is bold and whether it is turned (to be skipped)."""
        textpage, pdfium = self.textpage, calls()
        objects = list(map(pdfium.text_object, repeat(textpage), starts))
        previous = [self.last_object, *objects[:-1]]
        if None in objects:
            changed = [o is None or o != p for o, p in zip(objects, previous, strict=True)]
        else:
            changed = list(map(operator.ne, objects, previous))
        # Runs drawn by another text object than the run before: a font and an angle each.
        changes = list(compress(range(len(starts)), changed))
        bolds, skips = [self.bold], [self.skip]
        for index in changes:
            start = starts[index]
            angle = pdfium.char_angle(textpage, start)
            skips.append(_MAX_ANGLE < angle < 2 * math.pi - _MAX_ANGLE)
            bolds.append(self.fonts.bold(objects[index], start))
        self.last_object, self.bold, self.skip = objects[-1], bolds[-1], skips[-1]
        # How many runs keep each style: the one carried in, up to the first change; then
        # each change's, up to the next.
        lengths = list(map(operator.sub, [*changes, len(starts)], [0, *changes]))
        return _spread(bolds, lengths), _spread(skips, lengths)


def _spread(values: list[bool], lengths: list[int]) -> list[bool]:
    """Each value repeated as many times as its length says."""
    return list(chain.from_iterable(map(repeat, values, lengths)))


def _words(
    stretch: _Stretch, height: float, bolds: list[bool], skips: list[bool], page: int
) -> list[Word]:
    """The words of some runs: each run that is one word made into it at once, with
    operations on whole arrays; each other run split character by character.

    A run is one word when all its characters have a finite box, on one baseline with one
    height, none left of the one before and no gap between two wider than a word gap (the
    tests split_run makes). A run with a box side at zero, where -0.0 and 0.0 are equal but
    not the same float, is split character by character too."""
    import numpy as np

    # Sides that are infinite or not numbers make runs of their own, without warnings.
    with np.errstate(all="ignore"):
        sides = np.frombuffer(stretch.values, dtype=np.float32).reshape(-1, 4)
        # Each side of every character in a row of its own, as Python's floats (doubles).
        lefts, tops, rights, bottoms = np.array(sides.T, dtype=np.float64)
        starts = np.array(stretch.starts, dtype=np.int64)
        lengths = np.array(stretch.ends, dtype=np.int64) - starts
        ats = np.cumsum(lengths) - lengths
        # Where each run's characters are, and which pairs of neighbours lie within one run.
        follows = np.ones(len(lefts), dtype=bool)
        follows[ats] = False
        # Per character: a side that is not finite or is zero, or no box at all (looked for
        # character by character only when the stretch has one).
        if np.isfinite(sides).all() and sides.all():
            bad = np.zeros(len(lefts), dtype=bool)
        else:
            bad = ~np.all(np.isfinite(sides) & (sides != 0), axis=1)
        if stretch.found.count(1) != len(stretch.found):
            bad |= np.array(stretch.found) != 1
        uppers, lowers = height - tops, height - bottoms
        sizes = np.maximum(lowers - uppers, 1.0)
        # A character that starts no run breaks it when it is off the baseline or height of the
        # one before, steps back, or leaves a gap wider than a word gap.
        breaks = np.zeros(len(lefts), dtype=bool)
        breaks[1:] = (
            (tops[1:] != tops[:-1])
            | (bottoms[1:] != bottoms[:-1])
            | (rights[1:] < lefts[:-1])
            | (lefts[1:] - rights[:-1] > WORD_GAP * sizes[1:])
        )
        bad |= breaks & follows
        firsts_upper, firsts_lower = uppers[ats], lowers[ats]
        whole = ~np.logical_or.reduceat(bad, ats) & (firsts_lower > firsts_upper)
        x0s = np.minimum.reduceat(lefts, ats).tolist()
        x1s = np.maximum.reduceat(rights, ats).tolist()
    fields = zip(
        stretch.texts,
        x0s,
        x1s,
        firsts_upper.tolist(),
        firsts_lower.tolist(),
        bolds,
        repeat(page),
    )
    if whole.all() and not any(skips):
        return list(map(_make, repeat(Word), fields))
    words: list[Word] = []
    char_boxes = _listed(stretch.values, stretch.found)
    for field, one, skip, at in zip(fields, whole.tolist(), skips, ats.tolist(), strict=True):
        if skip:
            continue
        if one:
            words.append(_make(Word, field))
        else:
            words.extend(split_run(char_boxes, field[0], at, height, field[5], page))
    return words


def _listed(values: array[float], found: list[int]) -> CharBoxes:
    """The boxes of a stretch of characters as split_run reads them."""
    return CharBoxes(
        found, values[0::4].tolist(), values[1::4], values[2::4].tolist(), values[3::4], values
    )
