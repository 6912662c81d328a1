"""Read a PDF with pypdfium2: characters with their positions, laid out as the minutes were.

Each page's characters (with their boxes and whether their font is bold) and its thin
horizontal lines (table borders) are taken from PDFium; `pdf_geometry` makes words and
lines and drops running headers and footers, and `pdf_layout` rebuilds paragraphs and
tables. A PDF without text gives `NoTextLayerError`; encrypted, damaged, truncated and
oversized PDFs are refused with a one-line `DocumentError`, and reading stops at the page,
character and time limits.
"""

from __future__ import annotations

import ctypes
import math
import operator
import re
import time
from collections.abc import Callable
from functools import lru_cache
from typing import TYPE_CHECKING, Any, NamedTuple

from oversight.documents.document import Document, DocumentError, build_document
from oversight.documents.layout import lay_out
from oversight.documents.limits import DEFAULT_LIMITS, Limits
from oversight.documents.pdf_geometry import Line, Page, Rule, Word, drop_furniture, lines_of
from oversight.documents.pdf_layout import Builder

if TYPE_CHECKING:
    import pypdfium2

# Path objects past this count on a page (a chart, a map) are not searched for table rules.
_MAX_PATHS = 5000
# Characters turned further than this (radians) are watermarks or margin notes.
_MAX_ANGLE = 0.05
_BOLD_NAMES = ("bold", "black", "heavy", "semibold", "demi")
# A gap wider than this share of the text height splits two runs of letters into words.
_WORD_GAP = 0.25


class NoTextLayerError(DocumentError):
    """The PDF has pages but no text on them: scanned images, a case for OCR."""

    def __init__(self) -> None:
        super().__init__("no text layer (scanned?)")


def _open(data: bytes) -> pypdfium2.PdfDocument:
    import pypdfium2

    if b"%%EOF" not in data[-65536:] and b"%%EOF" not in data:
        raise DocumentError("the PDF is truncated (it has no end-of-file marker)")
    try:
        return pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError as exc:
        message = str(exc).lower()
        if "password" in message:
            raise DocumentError("the PDF is encrypted and needs a password") from None
        if "security" in message:
            raise DocumentError("the PDF uses an unsupported security handler") from None
        raise DocumentError("the PDF is damaged or not a PDF (PDFium cannot parse it)") from None


def _rules(page: Any, height: float) -> list[Rule]:
    import pypdfium2
    import pypdfium2.raw as pdfium_c

    # The raw calls rather than page.get_objects(): the helper objects it makes for every
    # path cost more than reading the bounds.
    handle = page.raw
    total = pdfium_c.FPDFPage_CountObjects(handle)
    if total < 0:
        raise pypdfium2.PdfiumError("Failed to get number of pageobjects.")
    rules: list[Rule] = []
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    bounds = ctypes.c_float(), ctypes.c_float(), ctypes.c_float(), ctypes.c_float()
    count = 0
    for index in range(total):
        path = pdfium_c.FPDFPage_GetObject(handle, index)
        if not path:
            raise pypdfium2.PdfiumError("Failed to get pageobject.")
        if pdfium_c.FPDFPageObj_GetType(path) != pdfium_c.FPDF_PAGEOBJ_PATH:
            continue
        if count >= _MAX_PATHS:
            return []
        count += 1
        if not pdfium_c.FPDFPageObj_GetBounds(path, *bounds):
            raise pypdfium2.PdfiumError("Failed to locate pageobject.")
        left, bottom, right, top = (value.value for value in bounds)
        width, tall = right - left, top - bottom
        if tall <= 2.5 and width >= 3:
            rules.append(Rule(left, right, height - (top + bottom) / 2))
        elif (
            width >= 10
            and pdfium_c.FPDFPath_GetDrawMode(path, fill, stroke)
            and stroke.value
            and 0 < pdfium_c.FPDFPath_CountSegments(path) <= 6
        ):
            # A stroked rectangle: a cell drawn as a box has rules at its top and bottom.
            rules.append(Rule(left, right, height - top))
            rules.append(Rule(left, right, height - bottom))
    return rules


def _font_is_bold(textpage: Any, index: int, name: ctypes.Array[ctypes.c_char]) -> bool:
    import pypdfium2.raw as pdfium_c

    flags = ctypes.c_int()
    pdfium_c.FPDFText_GetFontInfo(textpage, index, name, len(name), flags)
    font = name.value.decode("latin-1").lower()
    weight = pdfium_c.FPDFText_GetFontWeight(textpage, index)
    return weight >= 600 or any(mark in font for mark in _BOLD_NAMES)


# A run of characters between separators (control characters, spaces, a BOM); PDFium's
# line-end hyphen mark (0x02) belongs to its word.
_RUN = re.compile(r"[^\x00\x01\x03-\x20\ufeff\s]+")
# How many characters of a page pass between two looks at the clock.
_CLOCK_EVERY = 20000


class _Calls(NamedTuple):
    """PDFium functions called once per character, declared to take plain addresses.

    pypdfium2's bindings check and convert typed pointers on every call, which costs more
    than the call itself; a page has thousands of characters."""

    char_box: Callable[[int, int, int], int]
    text_object: Callable[[int, int], int | None]


@lru_cache(maxsize=1)
def _calls() -> _Calls:
    import pypdfium2.raw as pdfium_c

    def plain(function: Any, restype: Any, *argtypes: Any) -> Any:
        address = ctypes.cast(function, ctypes.c_void_p).value or 0
        return ctypes.CFUNCTYPE(restype, *argtypes)(address)

    address, integer = ctypes.c_void_p, ctypes.c_int
    return _Calls(
        char_box=plain(pdfium_c.FPDFText_GetLooseCharBox, integer, address, integer, address),
        text_object=plain(pdfium_c.FPDFText_GetTextObject, address, address, integer),
    )


class _Boxes(NamedTuple):
    """The loose box of every character of a page (top and bottom measured upwards), and
    whether PDFium gave one."""

    found: list[int]
    lefts: list[float]
    tops: list[float]
    rights: list[float]
    bottoms: list[float]


def _boxes(handle: int, count: int) -> _Boxes:
    """Ask PDFium for every character's box, each into its own slot of one array."""
    char_box = _calls().char_box
    values = (ctypes.c_float * (4 * count))()
    base = ctypes.addressof(values)
    found = [char_box(handle, index, base + 16 * index) for index in range(count)]
    floats = values[:]
    return _Boxes(found, floats[0::4], floats[1::4], floats[2::4], floats[3::4])


def _split_run(
    boxes: _Boxes, text: str, start: int, end: int, height: float, bold: bool, page: int
) -> list[Word]:
    """Split a run of characters into words at gaps, character by character."""
    words: list[Word] = []
    letters: list[str] = []
    x0 = x1 = top = bottom = last_left = last_right = last_bottom = 0.0
    for index in range(start, end):
        if not boxes.found[index]:
            continue
        left, right = boxes.lefts[index], boxes.rights[index]
        upper, lower = height - boxes.tops[index], height - boxes.bottoms[index]
        if right <= left and lower <= upper:
            continue
        if letters:
            size = max(last_bottom - top, 1.0)
            if (
                left - last_right > _WORD_GAP * size
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
        letters.append(text[index])
        last_left, last_right, last_bottom = left, right, lower
    if letters:
        words.append(Word("".join(letters), x0, x1, top, bottom, bold, page))
    return words


def _words(textpage: Any, height: float, deadline: float, page: int) -> tuple[list[Word], str]:
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
    address = ctypes.cast(handle, ctypes.c_void_p).value or 0
    boxes = _boxes(address, count)
    found, lefts, tops, rights, bottoms = boxes
    text_object = _calls().text_object
    get_angle = pdfium_c.FPDFText_GetCharAngle
    name = ctypes.create_string_buffer(128)
    words: list[Word] = []
    # Font and angle belong to the text object a character is drawn by, and a line of
    # minutes is a handful of objects: ask PDFium once per object, not once per word.
    last_object: int | None = None
    bold = skip = False
    next_clock = 0
    for run in _RUN.finditer(text):
        start, end = run.span()
        if start >= next_clock:
            next_clock = start + _CLOCK_EVERY
            if time.monotonic() > deadline:
                raise _Overtime
        drawn_by = text_object(address, start)
        if drawn_by is None or drawn_by != last_object:
            angle = get_angle(handle, start)
            skip = _MAX_ANGLE < angle < 2 * math.pi - _MAX_ANGLE
            bold = _font_is_bold(handle, start, name)
            last_object = drawn_by
        if skip:
            continue
        upper, lower = height - tops[start], height - bottoms[start]
        size = end - start
        if size == 1:
            if found[start] and lower > upper:
                words.append(
                    Word(text[start], lefts[start], rights[start], upper, lower, bold, page)
                )
                continue
        elif lower > upper and 0 not in found[start:end]:
            # One baseline and height, no box left of the one before, no gap wider than a
            # word gap: one word, as _split_run would make it, found with C-level calls.
            run_tops, run_bottoms = tops[start:end], bottoms[start:end]
            if run_tops.count(run_tops[0]) == size and run_bottoms.count(run_bottoms[0]) == size:
                run_lefts, run_rights = lefts[start:end], rights[start:end]
                if (
                    max(map(operator.sub, run_lefts[1:], run_rights))
                    <= _WORD_GAP * max(lower - upper, 1.0)
                    and min(map(operator.sub, run_rights[1:], run_lefts)) >= 0
                ):
                    left, right = min(run_lefts), max(run_rights)
                    words.append(Word(text[start:end], left, right, upper, lower, bold, page))
                    continue
        words.extend(_split_run(boxes, text, start, end, height, bold, page))
    return words, raw


class _Overtime(Exception):
    pass


def _pages(document: pypdfium2.PdfDocument, limits: Limits) -> tuple[list[Page], list[str]]:
    deadline = time.monotonic() + limits.max_seconds
    pages: list[Page] = []
    raw: list[str] = []
    total = 0
    for number in range(len(document)):
        if time.monotonic() > deadline:
            raise _Overtime
        page = document[number]
        try:
            width, height = page.get_size()
            textpage = page.get_textpage()
            try:
                count = textpage.count_chars()
                total += max(count, 0)
                if total > limits.max_pdf_chars:
                    raise DocumentError(
                        f"the PDF has more than {limits.max_pdf_chars:,} characters of text"
                    )
                words, text = _words(textpage, height, deadline, number)
                raw.append(text)
            finally:
                textpage.close()
            pages.append(Page(number, width, height, words, _rules(page, height) if words else []))
        finally:
            page.close()
    return pages, raw


def read_pdf(data: bytes, *, source: str, limits: Limits = DEFAULT_LIMITS) -> Document:
    """Read the bytes of a PDF into a Document."""
    import pypdfium2

    document = _open(data)
    try:
        count = len(document)
        if count == 0:
            raise DocumentError("the PDF has no pages")
        if count > limits.max_pdf_pages:
            raise DocumentError(
                f"the PDF has {count:,} pages, more than the limit of {limits.max_pdf_pages:,}"
            )
        try:
            pages, raw = _pages(document, limits)
        except _Overtime:
            raise DocumentError(
                f"reading the PDF took longer than {limits.max_seconds:.0f} s"
            ) from None
        except pypdfium2.PdfiumError:
            raise DocumentError("the PDF is damaged (PDFium cannot read a page)") from None
    finally:
        document.close()
    if not any(page.words for page in pages):
        raise NoTextLayerError
    lines: list[Line] = []
    kept = drop_furniture([(page, lines_of(page.words, page=page.number)) for page in pages])
    for page_lines in kept:
        lines.extend(page_lines)
    builder = Builder(lines, {page.number: page.rules for page in pages})
    laid_out = lay_out(builder.pieces())
    if not laid_out:
        raise NoTextLayerError
    return build_document(
        source=source, format="pdf", lines=laid_out, raw_text="\f".join(raw), pages=count
    )
