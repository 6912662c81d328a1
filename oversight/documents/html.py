"""Read a web page: its main content, laid out in the document line convention.

The page is parsed with lxml (no network, no huge trees), its main content found by
structure (see `oversight.documents.html_main`), and walked once, iteratively, so that a
page nested a hundred thousand levels deep costs no recursion: tables become rows of
tab-joined cells, headings HEADING lines, `<li>` list items, `<p>` and `<br>` new lines.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NamedTuple

from oversight.documents.document import Document, DocumentError, build_document
from oversight.documents.encoding import decode_text
from oversight.documents.html_main import is_boilerplate, main_content
from oversight.documents.layout import Heading, Para, Piece, Row, lay_out, paras
from oversight.documents.limits import DEFAULT_LIMITS, Limits, megabytes

if TYPE_CHECKING:
    from lxml import etree

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]+)""", re.I)
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*>")
# Tags that only wrap other content; dropped to flatten a page nested past the parser's
# depth limit (256), so that the text inside survives.
_WRAPPERS = re.compile(
    r"</?(?:div|span|font|section|article|center|small|big|u|i|em|a|abbr|label|nobr)\b[^>]*>",
    re.I,
)
# fmt: off
_BLOCKS = frozenset((
    "p", "div", "section", "article", "main", "blockquote", "pre", "address", "ul", "ol", "dl",
    "dt", "dd", "hr", "figure", "figcaption", "header", "footer", "details", "summary",
    "center", "fieldset", "legend", "caption", "h1", "h2", "h3", "h4", "h5", "h6",
))
# fmt: on
_HEADINGS = frozenset(["h1", "h2", "h3", "h4", "h5", "h6"])
_BOLD_STYLE = re.compile(r"font-weight\s*:\s*(?:bold|[6-9]00)", re.I)
# Spans past these are taken for hostile or broken markup.
_MAX_SPAN = 100


def _decode(data: bytes) -> tuple[str, str]:
    """Decode a page by its BOM, then its <meta charset>, then as the text reader would."""
    for bom, name in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le")):
        if data.startswith(bom):
            return data[len(bom) :].decode(name, errors="replace"), name
    if data.startswith(codecs.BOM_UTF16_BE):
        return data[2:].decode("utf-16-be", errors="replace"), "utf-16-be"
    declared = _META_CHARSET.search(data[:4096])
    if declared:
        try:
            name = codecs.lookup(declared.group(1).decode("ascii")).name
        except LookupError:
            name = ""
        # As browsers do: Latin-1 and ASCII labels mean Windows-1252, and a UTF-16 label on
        # bytes without a BOM cannot be right.
        if name in ("latin-1", "iso8859-1", "ascii"):
            name = "cp1252"
        if name and not name.startswith(("utf-16", "utf-32")):
            return data.decode(name, errors="replace"), name
    return decode_text(data)


def _parse(text: str) -> etree._Element:
    from lxml import etree

    text = _XML_DECLARATION.sub("", _CONTROLS.sub("", text), count=1)
    for attempt in range(2):
        parser = etree.HTMLParser(
            recover=True,
            huge_tree=False,
            no_network=True,
            remove_comments=True,
            remove_pis=True,
            collect_ids=False,
        )
        try:
            root = etree.fromstring(text, parser)
        except (etree.LxmlError, ValueError, UnicodeError):
            raise DocumentError("the page could not be parsed as HTML") from None
        too_deep = any("Excessive depth" in e.message for e in parser.error_log)
        if not too_deep:
            break
        if attempt:
            raise DocumentError("the HTML page is nested too deeply to read")
        text = _WRAPPERS.sub(" ", text)
    if root is None:
        raise DocumentError("the page has no content")
    return root


def _span(value: str | None) -> int:
    try:
        return min(max(int(value or 1), 1), _MAX_SPAN)
    except ValueError:
        return 1


@dataclass(slots=True)
class _Table:
    rows: list[list[list[Para]]] = field(default_factory=list)
    row: list[list[Para]] | None = None
    cell: list[Para] | None = None
    covered: set[int] = field(default_factory=set)
    spans: dict[int, int] = field(default_factory=dict)
    new_spans: dict[int, int] = field(default_factory=dict)

    def start_row(self) -> None:
        self.finish_row()
        self.row = []
        self.covered = {column for column, left in self.spans.items() if left > 0}

    def start_cell(self, colspan: int, rowspan: int) -> list[Para]:
        if self.row is None:
            self.start_row()
        assert self.row is not None
        while len(self.row) in self.covered:
            self.row.append([])
        column = len(self.row)
        self.cell = []
        self.row.append(self.cell)
        self.row.extend([] for _ in range(colspan - 1))
        if rowspan > 1:
            for spanned in range(column, column + colspan):
                self.new_spans[spanned] = rowspan - 1
        return self.cell

    def finish_row(self) -> None:
        self.cell = None
        if self.row is None:
            return
        if self.row:
            self.rows.append(self.row)
        self.row = None
        self.spans = {c: n - 1 for c, n in self.spans.items() if n > 1}
        self.spans.update(self.new_spans)
        self.new_spans = {}


class _Flags(NamedTuple):
    """What an element switched on for its content, to switch off again at its end."""

    bold: bool
    item: bool
    heading: bool
    pre: bool


# Tags that end the paragraph gathered so far, at their start and at their end.
_BREAK_AT_START = _BLOCKS | {"li", "br", "table", "tr", "td", "th"}
_BREAK_AT_END = _BLOCKS | {"li", "table", "tr", "td", "th"}
# An element with none of these (most of them: <td>, <p>, <span>) changes no flag.
_FLAG_TAGS = _HEADINGS | {"li", "pre", "textarea", "b", "strong"}
_NO_FLAGS = _Flags(False, False, False, False)


class _Collector:
    """Walk the main content once and gather pieces for the layout."""

    def __init__(self) -> None:
        self.pieces: list[Piece] = []
        self.buffer: list[str] = []
        self.bold_text = False
        self.plain_text = False
        self.bold = 0
        self.item = 0
        self.heading = 0
        self.pre = 0
        self.tables: list[_Table] = []

    def add_text(self, text: str | None) -> None:
        if not text:
            return
        if self.pre:
            first, *rest = text.split("\n")
            self._append(first)
            for line in rest:
                self.flush()
                self._append(line)
        else:
            self._append(text)

    def _append(self, text: str) -> None:
        self.buffer.append(text)
        if text.strip():
            if self.bold:
                self.bold_text = True
            else:
                self.plain_text = True

    def flush(self) -> None:
        if not self.buffer:
            # Every block boundary flushes; most find nothing gathered since the last.
            self.bold_text = self.plain_text = False
            return
        # split() and strip() know the same whitespace as \s: this is \s+ squeezed, faster.
        raw = " ".join("".join(self.buffer).split())
        bold = self.bold_text and not self.plain_text
        self.buffer.clear()
        self.bold_text = self.plain_text = False
        if not raw:
            return
        table = self.tables[-1] if self.tables else None
        if table is not None:
            cell = table.cell if table.cell is not None else table.start_cell(1, 1)
            cell.extend(paras(raw, item=self.item > 0, bold=bold or self.heading > 0))
        elif self.heading:
            self.pieces.append(Heading(raw))
        else:
            self.pieces.append(Row([paras(raw, item=self.item > 0, bold=bold)]))

    def start(self, element: etree._Element) -> _Flags:
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag in _BREAK_AT_START:
            self.flush()
        if tag == "table":
            self.tables.append(_Table())
        elif tag == "tr" and self.tables:
            self.tables[-1].start_row()
        elif tag in ("td", "th") and self.tables:
            self.tables[-1].start_cell(_span(element.get("colspan")), _span(element.get("rowspan")))
        style = element.get("style")
        if tag not in _FLAG_TAGS and not style:
            return _NO_FLAGS
        flags = _Flags(
            bold=tag in ("b", "strong") or bool(style and _BOLD_STYLE.search(style)),
            item=tag == "li",
            heading=tag in _HEADINGS,
            pre=tag in ("pre", "textarea"),
        )
        self.bold += flags.bold
        self.item += flags.item
        self.heading += flags.heading
        self.pre += flags.pre
        return flags

    def end(self, element: etree._Element, flags: _Flags) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag in _BREAK_AT_END:
            self.flush()
        if flags is not _NO_FLAGS:
            self.bold -= flags.bold
            self.item -= flags.item
            self.heading -= flags.heading
            self.pre -= flags.pre
        if tag in ("td", "th") and self.tables:
            self.tables[-1].cell = None
        elif tag == "tr" and self.tables:
            self.tables[-1].finish_row()
        elif tag == "table" and self.tables:
            self.finish_table(self.tables.pop())

    def finish_table(self, table: _Table) -> None:
        """Emit a finished table's rows, or fold a nested table into its outer cell."""
        table.finish_row()
        outer = self.tables[-1] if self.tables else None
        if outer is None:
            self.pieces.extend(Row(cells) for cells in table.rows)
            return
        # A table inside a cell: each of its rows becomes one paragraph of that cell.
        cell = outer.cell if outer.cell is not None else outer.start_cell(1, 1)
        for cells in table.rows:
            text = " ".join(" ".join(p.text for p in c) for c in cells if c)
            cell.extend(paras(text))


def _collect(main: etree._Element) -> list[Piece]:
    from lxml import etree

    collector = _Collector()
    stack: list[_Flags | None] = []
    walker = etree.iterwalk(main, events=("start", "end"))
    for event, element in walker:
        if event == "start":
            if element is not main and is_boilerplate(element, chrome=False):
                walker.skip_subtree()
                stack.append(None)
                continue
            stack.append(collector.start(element))
            collector.add_text(element.text)
        else:
            flags = stack.pop()
            if flags is not None:
                collector.end(element, flags)
            if element is not main:
                collector.add_text(element.tail)
    collector.flush()
    while collector.tables:
        collector.finish_table(collector.tables.pop())
    return collector.pieces


def read_html(data: bytes, *, source: str, limits: Limits = DEFAULT_LIMITS) -> Document:
    """Read the bytes of a web page into a Document of its main content."""
    if len(data) > limits.max_html_bytes:
        raise DocumentError(
            f"the HTML page is {megabytes(len(data))}, more than the limit of "
            f"{megabytes(limits.max_html_bytes)}"
        )
    text, encoding = _decode(data)
    root = _parse(text)
    lines = lay_out(_collect(main_content(root)))
    if not lines:
        raise DocumentError("the page has no readable text")
    return build_document(
        source=source, format="html", lines=lines, raw_text=text, encoding=encoding
    )
