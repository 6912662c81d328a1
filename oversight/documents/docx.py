"""Read a Word document (.docx): paragraphs and tables in document order.

The zip is checked for bombs before python-docx opens it. The body's XML children are then
walked in order: paragraphs (with the list numbers Word keeps outside the text rebuilt from
the numbering definitions), tables as rows of cells (a merged cell keeps its columns, a
nested table's rows become paragraphs of its cell) and content controls, whose contents
are read in place. Heading styles and outline levels give headings; wholly bold
paragraphs are marked bold, which the layout treats as the text reader treats `**bold**`.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from oversight.documents.document import Document, DocumentError, build_document
from oversight.documents.layout import Heading, Para, Piece, Row, lay_out, paragraph_row, paras
from oversight.documents.limits import DEFAULT_LIMITS, Limits
from oversight.documents.numbering import Label, Numbering, W, to_int
from oversight.documents.zipguard import open_zip

if TYPE_CHECKING:
    from lxml import etree

_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
# Containers whose children are read as if they stood in their place.
_TRANSPARENT = frozenset(
    W + tag
    for tag in ("sdt", "sdtContent", "customXml", "smartTag", "hyperlink", "ins", "fldSimple")
) | {W + "moveTo", _MC + "AlternateContent", _MC + "Choice"}
# Deleted text, field instructions, drawings and text boxes are not part of the text.
_SKIP = frozenset(
    W + tag
    for tag in (
        "del", "moveFrom", "pPr", "rPr", "instrText", "delText", "drawing", "pict",
        "object", "txbxContent", "footnoteReference", "endnoteReference", "commentReference",
    )
) | {_MC + "Fallback"}  # fmt: skip
_HEADING_NAME = re.compile(r"^(?:heading\s*[1-9]|title)$", re.I)
_FALSE = ("0", "false", "off")


def _on(element: etree._Element | None) -> bool | None:
    if element is None:
        return None
    return element.get(W + "val") not in _FALSE


@dataclass(frozen=True, slots=True)
class _Paragraph:
    text: str
    label: Label | None
    heading: bool
    bold: bool


@dataclass(frozen=True, slots=True)
class _Style:
    heading: bool = False
    bold: bool = False
    num: tuple[str, int | None] | None = None


class _Styles:
    """Paragraph and character styles, resolved through their `basedOn` chains."""

    def __init__(self, styles: etree._Element | None) -> None:
        self._raw: dict[str, etree._Element] = {}
        self._cache: dict[str, _Style] = {}
        self.default = ""
        if styles is None:
            return
        for style in styles.findall(W + "style"):
            style_id = style.get(W + "styleId") or ""
            self._raw[style_id] = style
            if style.get(W + "type") == "paragraph" and style.get(W + "default") in ("1", "true"):
                self.default = style_id

    def get(self, style_id: str | None) -> _Style:
        style_id = style_id if style_id is not None else self.default
        if style_id not in self._cache:
            self._cache[style_id] = self._resolve(style_id)
        return self._cache[style_id]

    def _resolve(self, style_id: str) -> _Style:
        heading = bold = None
        num: tuple[str, int | None] | None = None
        seen: set[str] = set()
        current: str | None = style_id
        while current is not None and current in self._raw and current not in seen:
            seen.add(current)
            style = self._raw[current]
            name = style.find(W + "name")
            outline = style.find(f"{W}pPr/{W}outlineLvl")
            if heading is None and (
                (name is not None and _HEADING_NAME.match(name.get(W + "val") or ""))
                or (outline is not None and 0 <= to_int(outline.get(W + "val"), 9) <= 8)
            ):
                heading = True
            if bold is None:
                bold = _on(style.find(f"{W}rPr/{W}b"))
            numpr = style.find(f"{W}pPr/{W}numPr")
            if num is None and numpr is not None:
                num_id = numpr.find(W + "numId")
                ilvl = numpr.find(W + "ilvl")
                if num_id is not None:
                    level = None if ilvl is None else to_int(ilvl.get(W + "val"), 0)
                    num = (num_id.get(W + "val") or "", level)
            based = style.find(W + "basedOn")
            current = None if based is None else based.get(W + "val")
        return _Style(bool(heading), bool(bold), num)


def _children(element: etree._Element, tag: str) -> Iterator[etree._Element]:
    """Yield the children with a tag, looking through content controls and custom XML."""
    stack = list(reversed(element))
    while stack:
        child = stack.pop()
        if child.tag == W + tag:
            yield child
        elif child.tag in _TRANSPARENT:
            stack.extend(reversed(child))


class _Reader:
    """Walk one document body into pieces for the layout."""

    def __init__(self, styles: _Styles, numbering: Numbering) -> None:
        self.styles = styles
        self.numbering = numbering
        self.raw: list[str] = []

    def _text(self, paragraph: etree._Element, style: _Style) -> tuple[str, bool]:
        """Return the paragraph's text (tabs and line breaks kept) and whether all bold."""
        parts: list[str] = []
        bold_chars = plain_chars = 0
        stack = list(reversed(paragraph))
        while stack:
            element = stack.pop()
            tag = element.tag
            if tag in _SKIP or not isinstance(tag, str):
                continue
            if tag != W + "r":
                stack.extend(reversed(element))
                continue
            run_style = element.find(f"{W}rPr/{W}rStyle")
            bold = _on(element.find(f"{W}rPr/{W}b"))
            if bold is None and run_style is not None:
                bold = self.styles.get(run_style.get(W + "val")).bold or None
            bold = style.bold if bold is None else bold
            for child in element:
                ctag = child.tag
                if ctag == W + "t":
                    text = child.text or ""
                    visible = len(text.strip())
                    bold_chars += visible if bold else 0
                    plain_chars += 0 if bold else visible
                    parts.append(text)
                elif ctag == W + "tab":
                    parts.append("\t")
                elif ctag in (W + "br", W + "cr"):
                    parts.append("\n")
                elif ctag == W + "noBreakHyphen":
                    parts.append("-")
        return "".join(parts), bold_chars > 0 and plain_chars == 0

    def _paragraph(self, paragraph: etree._Element) -> _Paragraph:
        ppr = paragraph.find(W + "pPr")
        style_ref = None if ppr is None else ppr.find(W + "pStyle")
        style = self.styles.get(None if style_ref is None else style_ref.get(W + "val"))
        num = style.num
        numpr = None if ppr is None else ppr.find(W + "numPr")
        if numpr is not None:
            num_id = numpr.find(W + "numId")
            ilvl = numpr.find(W + "ilvl")
            if num_id is not None:
                num = (num_id.get(W + "val") or "", None)
            if ilvl is not None and num is not None:
                num = (num[0], to_int(ilvl.get(W + "val"), 0))
        outline = None if ppr is None else ppr.find(W + "outlineLvl")
        heading = style.heading or (
            outline is not None and 0 <= to_int(outline.get(W + "val"), 9) <= 8
        )
        text, bold = self._text(paragraph, style)
        self.raw.append(text)
        label = None
        if num is not None and text.strip():
            label = self.numbering.label(num[0], num[1] or 0)
        return _Paragraph(text, label, heading, bold)

    def top_paragraph(self, element: etree._Element) -> Iterator[Piece]:
        paragraph = self._paragraph(element)
        text, label = paragraph.text, paragraph.label
        if label is not None and label.text:
            joiner = {"tab": " " if paragraph.heading else "\t", "space": " "}.get(label.suffix, "")
            text = f"{label.text}{joiner}{text}"
        item = label is not None and label.bullet
        for part in text.split("\n"):
            if paragraph.heading:
                yield Heading(part.replace("\t", " "))
            else:
                yield paragraph_row(part, item=item, bold=paragraph.bold)

    def cell_paragraph(self, element: etree._Element) -> list[Para]:
        paragraph = self._paragraph(element)
        text, label = paragraph.text, paragraph.label
        if label is not None and label.text:
            text = f"{label.text}{'' if label.suffix == 'nothing' else ' '}{text}"
        item = label is not None and label.bullet
        bold = paragraph.bold or paragraph.heading
        out: list[Para] = []
        for part in text.replace("\t", " ").split("\n"):
            out.extend(paras(part, item=item, bold=bold))
        return out

    def table_rows(self, table: etree._Element) -> list[list[list[Para]]]:
        rows: list[list[list[Para]]] = []
        for tr in _children(table, "tr"):
            cells: list[list[Para]] = []
            before = tr.find(f"{W}trPr/{W}gridBefore")
            if before is not None:
                cells.extend([] for _ in range(min(to_int(before.get(W + "val")), 63)))
            for tc in _children(tr, "tc"):
                span = tc.find(f"{W}tcPr/{W}gridSpan")
                merge = tc.find(f"{W}tcPr/{W}vMerge")
                continued = merge is not None and merge.get(W + "val") != "restart"
                cells.append([] if continued else self.cell(tc))
                extra = 0 if span is None else to_int(span.get(W + "val"), 1) - 1
                cells.extend([] for _ in range(min(max(extra, 0), 63)))
            rows.append(cells)
        return rows

    def cell(self, tc: etree._Element) -> list[Para]:
        out: list[Para] = []
        stack = list(reversed(tc))
        while stack:
            element = stack.pop()
            if element.tag == W + "p":
                out.extend(self.cell_paragraph(element))
            elif element.tag == W + "tbl":
                for cells in self.table_rows(element):
                    text = " ".join(" ".join(p.text for p in cell) for cell in cells if cell)
                    out.extend(paras(text))
            elif element.tag in _TRANSPARENT:
                stack.extend(reversed(element))
        return out

    def body(self, body: etree._Element) -> Iterator[Piece]:
        stack = list(reversed(body))
        while stack:
            element = stack.pop()
            if element.tag == W + "p":
                yield from self.top_paragraph(element)
            elif element.tag == W + "tbl":
                yield from (Row(cells) for cells in self.table_rows(element))
            elif element.tag in _TRANSPARENT:
                stack.extend(reversed(element))


def _part_element(document_part: object, relationship: str) -> etree._Element | None:
    try:
        part = document_part.part_related_by(relationship)  # type: ignore[attr-defined]
    except KeyError:
        return None
    element = getattr(part, "element", None)
    return element


def read_docx(
    data: bytes, *, source: str, limits: Limits = DEFAULT_LIMITS, format: str = "docx"
) -> Document:
    """Read the bytes of a .docx file into a Document."""
    open_zip(data, limits=limits, what="the Word file").close()
    import docx
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    try:
        word = docx.Document(io.BytesIO(data))
        body = word.element.body
        styles = _part_element(word.part, RT.STYLES)
        numbering = _part_element(word.part, RT.NUMBERING)
    except Exception as exc:  # python-docx raises many kinds on damaged files
        raise DocumentError(f"the Word file is damaged ({type(exc).__name__})") from None
    if body is None:
        raise DocumentError("the Word file has no body")
    reader = _Reader(_Styles(styles), Numbering(numbering))
    pieces = list(reader.body(body))
    lines = lay_out(pieces)
    if not lines:
        raise DocumentError("the Word file has no text")
    raw = "\n".join(reader.raw)
    return build_document(source=source, format=format, lines=lines, raw_text=raw)
