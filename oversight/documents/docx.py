"""Read a Word document (.docx): paragraphs and tables in document order.

The zip is checked for bombs, then only the parts the reader needs are read from it (see
`oversight.documents.docx_package`); python-docx is not used here, and remains a dependency
only of the test renderer and of the reference timings. The body's XML children are walked
in order: paragraphs (with the list numbers Word keeps outside the text rebuilt from the
numbering definitions), tables as rows of cells (a merged cell keeps its columns, a nested
table's rows become paragraphs of its cell) and content controls, whose contents are read
in place. Heading styles and outline levels give headings; wholly bold paragraphs are
marked bold, which the layout treats as the text reader treats `**bold**`. The styles and
list definitions read from a part are kept for the next document that carries the very
same part, as documents made from one template do.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, NamedTuple

from oversight.documents.document import Document, DocumentError, build_document
from oversight.documents.docx_package import WHAT, read_kept, read_word_parts
from oversight.documents.layout import Heading, Para, Piece, Row, lay_out, paragraph_row, paras
from oversight.documents.limits import DEFAULT_LIMITS, Limits
from oversight.documents.numbering import (
    VAL,
    Definitions,
    Label,
    Numbering,
    W,
    child,
    grandchild,
    settings,
    to_int,
)
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
_P, _R, _TBL = W + "p", W + "r", W + "tbl"
_PPR, _RPR, _TRPR, _TCPR = W + "pPr", W + "rPr", W + "trPr", W + "tcPr"
_GRID_SPAN, _V_MERGE = W + "gridSpan", W + "vMerge"
_NAME, _BASED_ON = W + "name", W + "basedOn"
_PSTYLE, _RSTYLE, _NUMPR, _OUTLINE = W + "pStyle", W + "rStyle", W + "numPr", W + "outlineLvl"
_BOLD, _NUM_ID, _ILVL = W + "b", W + "numId", W + "ilvl"
_TEXT, _TAB, _BREAKS, _HYPHEN = W + "t", W + "tab", (W + "br", W + "cr"), W + "noBreakHyphen"
_HEADING_NAME = re.compile(r"^(?:heading\s*[1-9]|title)$", re.I)
_FALSE = ("0", "false", "off")


def _on(element: etree._Element | None) -> bool | None:
    if element is None:
        return None
    return element.get(VAL) not in _FALSE


class _Paragraph(NamedTuple):
    text: str
    label: Label | None
    heading: bool
    bold: bool


class _Style(NamedTuple):
    heading: bool = False
    bold: bool = False
    num: tuple[str, int | None] | None = None


class _StyleDef(NamedTuple):
    """What one style element says by itself, before its `basedOn` chain is followed."""

    heading: bool
    bold: bool | None
    num: tuple[str, int | None] | None
    based_on: str | None


def _numbering_of(numpr: etree._Element | None) -> tuple[str, int | None] | None:
    num_id = None if numpr is None else child(numpr, _NUM_ID)
    if numpr is None or num_id is None:
        return None
    ilvl = child(numpr, _ILVL)
    return (num_id.get(VAL) or "", None if ilvl is None else to_int(ilvl.get(VAL), 0))


def _style_def(style: etree._Element) -> _StyleDef:
    """Read a style in one pass, taking the first of each setting as `find` would."""
    name = based = outline = numpr = bold = None
    for part in style:
        tag = part.tag
        if tag == _NAME:
            name = part if name is None else name
        elif tag == _BASED_ON:
            based = part if based is None else based
        elif tag == _PPR and (outline is None or numpr is None):
            for setting in part:
                if setting.tag == _OUTLINE:
                    outline = setting if outline is None else outline
                elif setting.tag == _NUMPR:
                    numpr = setting if numpr is None else numpr
        elif tag == _RPR and bold is None:
            bold = child(part, _BOLD)
    heading = bool(
        (name is not None and _HEADING_NAME.match(name.get(VAL) or ""))
        or (outline is not None and 0 <= to_int(outline.get(VAL), 9) <= 8)
    )
    return _StyleDef(
        heading=heading,
        bold=_on(bold),
        num=_numbering_of(numpr),
        based_on=None if based is None else based.get(VAL),
    )


class _Styles:
    """Paragraph and character styles, resolved through their `basedOn` chains.

    Resolution is memoised; it depends on the styles alone, so one instance may serve
    every document stored with the same styles part.
    """

    def __init__(self, styles: etree._Element | None) -> None:
        self._defs: dict[str, _StyleDef] = {}
        self._cache: dict[str, _Style] = {}
        self.default = ""
        if styles is None:
            return
        for style in styles.iterchildren(W + "style"):
            style_id = style.get(W + "styleId") or ""
            self._defs[style_id] = _style_def(style)
            if style.get(W + "type") == "paragraph" and style.get(W + "default") in ("1", "true"):
                self.default = style_id

    def get(self, style_id: str | None) -> _Style:
        style_id = style_id if style_id is not None else self.default
        found = self._cache.get(style_id)
        if found is None:
            found = self._cache[style_id] = self._resolve(style_id)
        return found

    def _resolve(self, style_id: str) -> _Style:
        heading = bold = None
        num: tuple[str, int | None] | None = None
        seen: set[str] = set()
        current: str | None = style_id
        while current is not None and current in self._defs and current not in seen:
            seen.add(current)
            style = self._defs[current]
            if heading is None and style.heading:
                heading = True
            if bold is None:
                bold = style.bold
            if num is None:
                num = style.num
            current = style.based_on
        return _Style(bool(heading), bool(bold), num)


# What was read from the styles and numbering parts of the last few documents, a box per
# part's stored bytes (see `read_kept`).
@functools.lru_cache(maxsize=16)
def _styles_box(key: tuple[object, ...]) -> list[_Styles]:
    return []


@functools.lru_cache(maxsize=16)
def _definitions_box(key: tuple[object, ...]) -> list[Definitions]:
    return []


def _children(element: etree._Element, tag: str) -> Iterator[etree._Element]:
    """Yield the children with a tag, looking through content controls and custom XML."""
    wanted = W + tag
    stack = list(reversed(element))
    while stack:
        found = stack.pop()
        found_tag = found.tag
        if found_tag == wanted:
            yield found
        elif found_tag in _TRANSPARENT:
            stack.extend(reversed(found))


def _paragraph_properties(
    paragraph: etree._Element,
) -> tuple[etree._Element | None, etree._Element | None, etree._Element | None]:
    """The style reference, numbering and outline level a paragraph's own pPr sets."""
    style = numbering = outline = None
    properties = child(paragraph, _PPR)
    for setting in () if properties is None else properties:
        tag = setting.tag
        if tag == _PSTYLE and style is None:
            style = setting
        elif tag == _NUMPR and numbering is None:
            numbering = setting
        elif tag == _OUTLINE and outline is None:
            outline = setting
    return style, numbering, outline


class _Reader:
    """Walk one document body into pieces for the layout."""

    def __init__(self, styles: _Styles, numbering: Numbering) -> None:
        self.styles = styles
        self.numbering = numbering
        self.raw: list[str] = []

    def _run_bold(self, run: etree._Element) -> bool | None:
        """Whether a run is bold by its own formatting or its character style, if it says."""
        found = settings(run, _RPR, _BOLD, _RSTYLE)
        bold = _on(found.get(_BOLD))
        run_style = found.get(_RSTYLE)
        if bold is None and run_style is not None:
            bold = self.styles.get(run_style.get(VAL)).bold or None
        return bold

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
            if tag != _R:
                stack.extend(reversed(element))
                continue
            visible = 0
            formatted = False
            for content in element:
                ctag = content.tag
                if ctag == _TEXT:
                    text = content.text or ""
                    visible += len(text.strip())
                    parts.append(text)
                elif ctag == _TAB:
                    parts.append("\t")
                elif ctag in _BREAKS:
                    parts.append("\n")
                elif ctag == _HYPHEN:
                    parts.append("-")
                elif ctag == _RPR:
                    formatted = True
            bold = self._run_bold(element) if formatted else None
            if style.bold if bold is None else bold:
                bold_chars += visible
            else:
                plain_chars += visible
        return "".join(parts), bold_chars > 0 and plain_chars == 0

    def _paragraph(self, paragraph: etree._Element) -> _Paragraph:
        style_ref, numpr, outline = _paragraph_properties(paragraph)
        style = self.styles.get(None if style_ref is None else style_ref.get(VAL))
        num = style.num
        if numpr is not None:
            num_id = child(numpr, _NUM_ID)
            ilvl = child(numpr, _ILVL)
            if num_id is not None:
                num = (num_id.get(VAL) or "", None)
            if ilvl is not None and num is not None:
                num = (num[0], to_int(ilvl.get(VAL), 0))
        heading = style.heading or (outline is not None and 0 <= to_int(outline.get(VAL), 9) <= 8)
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
            before = grandchild(tr, _TRPR, W + "gridBefore")
            if before is not None:
                cells.extend([] for _ in range(min(to_int(before.get(VAL)), 63)))
            for tc in _children(tr, "tc"):
                found = settings(tc, _TCPR, _GRID_SPAN, _V_MERGE)
                span, merge = found.get(_GRID_SPAN), found.get(_V_MERGE)
                continued = merge is not None and merge.get(VAL) != "restart"
                cells.append([] if continued else self.cell(tc))
                extra = 0 if span is None else to_int(span.get(VAL), 1) - 1
                cells.extend([] for _ in range(min(max(extra, 0), 63)))
            rows.append(cells)
        return rows

    def cell(self, tc: etree._Element) -> list[Para]:
        out: list[Para] = []
        stack = list(reversed(tc))
        while stack:
            element = stack.pop()
            tag = element.tag
            if tag == _P:
                out.extend(self.cell_paragraph(element))
            elif tag == _TBL:
                for cells in self.table_rows(element):
                    text = " ".join(" ".join(p.text for p in cell) for cell in cells if cell)
                    out.extend(paras(text))
            elif tag in _TRANSPARENT:
                stack.extend(reversed(element))
        return out

    def body(self, body: etree._Element) -> Iterator[Piece]:
        stack = list(reversed(body))
        while stack:
            element = stack.pop()
            tag = element.tag
            if tag == _P:
                yield from self.top_paragraph(element)
            elif tag == _TBL:
                yield from (Row(cells) for cells in self.table_rows(element))
            elif tag in _TRANSPARENT:
                stack.extend(reversed(element))


def read_docx(
    data: bytes, *, source: str, limits: Limits = DEFAULT_LIMITS, format: str = "docx"
) -> Document:
    """Read the bytes of a .docx file into a Document."""
    with open_zip(data, limits=limits, what=WHAT) as archive:
        parts = read_word_parts(archive, data)
        styles = read_kept(parts.styles, _Styles, _styles_box)
        definitions = read_kept(parts.numbering, Definitions, _definitions_box)
    if parts.body is None:
        raise DocumentError("the Word file has no body")
    reader = _Reader(styles, Numbering(definitions))
    pieces = list(reader.body(parts.body))
    lines = lay_out(pieces)
    if not lines:
        raise DocumentError("the Word file has no text")
    raw = "\n".join(reader.raw)
    return build_document(source=source, format=format, lines=lines, raw_text=raw)
