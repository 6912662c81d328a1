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
from oversight.documents.pdf_geometry import (
    Char,
    Line,
    Page,
    Rule,
    drop_furniture,
    lines_of,
    words_of,
)
from oversight.documents.pdf_layout import Builder

if TYPE_CHECKING:
    import pypdfium2

# Path objects past this count on a page (a chart, a map) are not searched for table rules.
_MAX_PATHS = 5000
# Characters turned further than this (radians) are watermarks or margin notes.
_MAX_ANGLE = 0.05
_BOLD_NAMES = ("bold", "black", "heavy", "semibold", "demi")


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


def _chars(textpage: Any, height: float, deadline: float) -> list[Char]:
    import pypdfium2.raw as pdfium_c

    count = pdfium_c.FPDFText_CountChars(textpage)
    box = pdfium_c.FS_RECTF()
    name = ctypes.create_string_buffer(128)
    flags = ctypes.c_int()
    chars: list[Char] = []
    bold = skip = False
    boundary = True
    for index in range(max(count, 0)):
        if index % 20000 == 0 and time.monotonic() > deadline:
            raise _Overtime
        code = pdfium_c.FPDFText_GetUnicode(textpage, index)
        text = chr(code) if 0 < code < 0x110000 and not 0xD800 <= code < 0xE000 else " "
        if text.isspace() or text == "\x00":
            boundary = True
            chars.append(Char(" ", 0, 0, 0, 0))
            continue
        if boundary:
            boundary = False
            angle = pdfium_c.FPDFText_GetCharAngle(textpage, index)
            skip = _MAX_ANGLE < angle < 2 * math.pi - _MAX_ANGLE
            pdfium_c.FPDFText_GetFontInfo(textpage, index, name, len(name), flags)
            font = name.value.decode("latin-1").lower()
            weight = pdfium_c.FPDFText_GetFontWeight(textpage, index)
            bold = weight >= 600 or any(mark in font for mark in _BOLD_NAMES)
        if skip or not pdfium_c.FPDFText_GetLooseCharBox(textpage, index, box):
            continue
        if box.right - box.left <= 0 and box.top - box.bottom <= 0:
            continue
        chars.append(Char(text, box.left, box.right, height - box.top, height - box.bottom, bold))
    return chars


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
                raw.append(textpage.get_text_range())
                chars = _chars(textpage, height, deadline)
            finally:
                textpage.close()
            words = words_of(chars, page=number)
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
