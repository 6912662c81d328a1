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
import time
from typing import TYPE_CHECKING, Any

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
    import pypdfium2.raw as pdfium_c

    rules: list[Rule] = []
    paths = page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_PATH], max_depth=1)
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    for count, path in enumerate(paths):
        if count >= _MAX_PATHS:
            return []
        left, bottom, right, top = path.get_bounds()
        width, tall = right - left, top - bottom
        if tall <= 2.5 and width >= 3:
            rules.append(Rule(left, right, height - (top + bottom) / 2))
        elif (
            width >= 10
            and pdfium_c.FPDFPath_GetDrawMode(path.raw, fill, stroke)
            and stroke.value
            and 0 < pdfium_c.FPDFPath_CountSegments(path.raw) <= 6
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
    get_box, get_angle = pdfium_c.FPDFText_GetLooseCharBox, pdfium_c.FPDFText_GetCharAngle
    box = pdfium_c.FS_RECTF()
    name = ctypes.create_string_buffer(128)
    words: list[Word] = []
    letters: list[str] = []
    x0 = x1 = top = bottom = last_left = last_right = last_bottom = 0.0
    bold = skip = False
    boundary = True
    for index, char in enumerate(text):
        if index % 20000 == 0 and time.monotonic() > deadline:
            raise _Overtime
        if (char <= " " and char != "\x02") or char.isspace() or char == "\ufeff":
            boundary = True
            if letters:
                words.append(Word("".join(letters), x0, x1, top, bottom, bold, page))
                letters = []
            continue
        if boundary:
            boundary = False
            angle = get_angle(handle, index)
            skip = _MAX_ANGLE < angle < 2 * math.pi - _MAX_ANGLE
            bold = _font_is_bold(handle, index, name)
        if skip or not get_box(handle, index, box):
            continue
        left, right, upper, lower = box.left, box.right, height - box.top, height - box.bottom
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
        letters.append(char)
        last_left, last_right, last_bottom = left, right, lower
    if letters:
        words.append(Word("".join(letters), x0, x1, top, bottom, bold, page))
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
