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
import gc
import operator
import time
from array import array
from collections.abc import Iterator
from contextlib import contextmanager
from itertools import compress, repeat
from typing import TYPE_CHECKING, Any

from oversight.documents.document import Document, DocumentError, build_document
from oversight.documents.layout import lay_out
from oversight.documents.limits import DEFAULT_LIMITS, Limits
from oversight.documents.pdf_geometry import Line, Page, Rule, drop_furniture, lines_of
from oversight.documents.pdf_layout import Builder
from oversight.documents.pdf_text import Overtime, calls, handle_pointer, page_words

if TYPE_CHECKING:
    import pypdfium2

# Path objects past this count on a page (a chart, a map) are not searched for table rules.
_MAX_PATHS = 5000


class NoTextLayerError(DocumentError):
    """The PDF has pages but no text on them: scanned images, a case for OCR."""

    def __init__(self, pages: int | None = None) -> None:
        super().__init__("no text layer (scanned?)")
        self.pages = pages


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

    total = pdfium_c.FPDFPage_CountObjects(page.raw)
    if total < 0:
        raise pypdfium2.PdfiumError("Failed to get number of pageobjects.")
    pdfium = calls()
    objects = list(map(pdfium.page_object, repeat(handle_pointer(page.raw)), range(total)))
    kinds = list(map(pdfium.object_type, objects))
    # The paths; every object in turn if PDFium failed to give one (to fail where it did).
    paths = map(operator.eq, kinds, repeat(pdfium_c.FPDF_PAGEOBJ_PATH))
    wanted = compress(range(total), paths) if all(objects) else range(total)
    rules: list[Rule] = []
    # Slots PDFium writes into: the bounds (left, bottom, right, top), the fill mode and
    # whether the path is stroked.
    slots = array("f", bytes(16))
    bounds = _slots(slots, 4)
    modes = array("i", bytes(8))
    fill, stroke = _slots(modes, 2)
    count = 0
    for index in wanted:
        path = objects[index]
        if not path:
            raise pypdfium2.PdfiumError("Failed to get pageobject.")
        if kinds[index] != pdfium_c.FPDF_PAGEOBJ_PATH:
            continue
        if count >= _MAX_PATHS:
            return []
        count += 1
        if not pdfium.object_bounds(path, *bounds):
            raise pypdfium2.PdfiumError("Failed to locate pageobject.")
        left, bottom, right, top = slots
        width, tall = right - left, top - bottom
        if tall <= 2.5 and width >= 3:
            rules.append(Rule(left, right, height - (top + bottom) / 2))
        elif (
            width >= 10
            and pdfium.draw_mode(path, fill, stroke)
            and modes[1]
            and 0 < pdfium.count_segments(path) <= 6
        ):
            # A stroked rectangle: a cell drawn as a box has rules at its top and bottom.
            rules.append(Rule(left, right, height - top))
            rules.append(Rule(left, right, height - bottom))
    return rules


def _slots(values: array[Any], count: int) -> list[Any]:
    """Pointers to the first `count` items of an array of 4-byte numbers."""
    start = ctypes.c_char.from_buffer(values)
    return [ctypes.byref(start, 4 * index) for index in range(count)]


def _pages(document: pypdfium2.PdfDocument, limits: Limits) -> tuple[list[Page], list[str]]:
    deadline = time.monotonic() + limits.max_seconds
    pages: list[Page] = []
    raw: list[str] = []
    total = 0
    for number in range(len(document)):
        if time.monotonic() > deadline:
            raise Overtime
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
                words, text = page_words(textpage, height, deadline, number)
                raw.append(text)
            finally:
                textpage.close()
            pages.append(Page(number, width, height, words, _rules(page, height) if words else []))
        finally:
            page.close()
    return pages, raw


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cycle collector: a PDF's words and lines, made by the hundred
    thousand, hold no cycles, and a collection every few hundred of them is spent for
    nothing. The collector runs again as it did before (one is due soon after)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def read_pdf(data: bytes, *, source: str, limits: Limits = DEFAULT_LIMITS) -> Document:
    """Read the bytes of a PDF into a Document."""
    with _collector_paused():
        return _read(data, source, limits)


def _read(data: bytes, source: str, limits: Limits) -> Document:
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
        except Overtime:
            raise DocumentError(
                f"reading the PDF took longer than {limits.max_seconds:.0f} s"
            ) from None
        except pypdfium2.PdfiumError:
            raise DocumentError("the PDF is damaged (PDFium cannot read a page)") from None
    finally:
        document.close()
    if not any(page.words for page in pages):
        raise NoTextLayerError(count)
    lines: list[Line] = []
    kept = drop_furniture([(page, lines_of(page.words, page=page.number)) for page in pages])
    for page_lines in kept:
        lines.extend(page_lines)
    builder = Builder(lines, {page.number: page.rules for page in pages})
    laid_out = lay_out(builder.pieces())
    if not laid_out:
        raise NoTextLayerError(count)
    return build_document(
        source=source, format="pdf", lines=laid_out, raw_text="\f".join(raw), pages=count
    )
