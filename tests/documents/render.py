"""Render minutes in the line convention into .docx, .pdf and .html fixtures for parity tests.

A `Document` read from a text file is turned back into structure (headings, paragraphs,
bullet lists, and tables whose rows hold multi-paragraph cells and an owner column) and
written out as a Word document with real tables and numbered paragraphs, as a web page with
navigation, header, footer and a cookie banner around its `<main>`, and as a PDF laid out
from an HTML table layout by WeasyPrint, with a running header and "Page n of m" footers.
Reading a rendering back must give the lines of the text it came from.
"""

from __future__ import annotations

import html
import re
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from oversight.documents.document import BlockKind, Document

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_NUMBER = re.compile(r"^(\d{1,3})(\.?)(?:(\d{1,3})(\.?))?$")


@dataclass(slots=True)
class Para:
    """A paragraph of the rendering: its text, whether it is a bullet, whether bold."""

    text: str
    item: bool = False
    bold: bool = False


@dataclass(slots=True)
class Table:
    """Rows of cells of paragraphs."""

    rows: list[list[list[Para]]] = field(default_factory=list)

    @property
    def columns(self) -> int:
        """The widest row's cell count."""
        return max(len(row) for row in self.rows)


@dataclass(frozen=True, slots=True)
class Heading:
    """A heading line."""

    text: str


Part = Heading | Para | Table


def _para(text: str, *, bold: bool = False) -> Para:
    return Para(text[2:], True) if text.startswith("- ") else Para(text, bold=bold)


def structure(document: Document) -> list[Part]:
    """Rebuild headings, paragraphs and tables from a document's lines and kinds."""
    parts: list[Part] = []
    table: Table | None = None
    open_row: list[list[Para]] | None = None
    for block in document.blocks:
        text = block.text
        if block.kind is BlockKind.TABLE_ROW:
            cells = [[_para(c)] if c else [] for c in text.split("\t")]
            if table is None:
                table = Table()
                parts.append(table)
            table.rows.append(cells)
            open_row = cells
            continue
        depth = len(text) - len(text.lstrip("\t"))
        if depth and open_row is None:
            # The text reader joined this row's first line onto the paragraph before it.
            table, open_row = Table(), []
            table.rows.append(open_row)
            parts.append(table)
        if depth and open_row is not None:
            pieces = text.split("\t")
            while len(open_row) <= depth:
                open_row.append([])
            open_row[depth].append(_para(pieces[depth], bold=block.kind is BlockKind.HEADING))
            for offset, owner in enumerate(pieces[depth + 1 :], start=depth + 1):
                while len(open_row) <= offset:
                    open_row.append([])
                if owner:
                    open_row[offset].append(_para(owner))
            continue
        table = open_row = None
        if block.kind is BlockKind.HEADING:
            parts.append(Heading(text))
        else:
            parts.append(_para(text.strip("\t")))
    return parts


# (level, major, minor, lvlText, suffix): how Word would number "2.1<tab>Title".
Number = tuple[int, int, int, str, str]
_NUMBERED_PARA = re.compile(r"^(?:(\d{1,3})\.(?:(\d{1,3})(\.?))?|\((\d{1,2})\)) (\S.*)$")


def numbered(table: Table) -> Number | None:
    """For a one-row, two-cell table like "2.1 | Title", the Word numbering it stands for."""
    if len(table.rows) != 1 or len(table.rows[0]) != 2:
        return None
    number, body = table.rows[0]
    if len(number) != 1 or len(body) != 1 or body[0].item or number[0].item:
        return None
    match = _NUMBER.match(number[0].text)
    if match is None:
        return None
    major, dot, minor, dot2 = match.groups()
    if minor is None:
        return 0, int(major), 0, f"%1{dot}", "tab"
    if dot != ".":
        return None
    return 1, int(major), int(minor), f"%1.%2{dot2}", "tab"


def numbered_paragraph(para: Para) -> tuple[Number, str] | None:
    """For a paragraph like "47. Public questions" or "(1) That ...", its numbering and text."""
    match = _NUMBERED_PARA.match(para.text)
    if match is None or para.item or para.bold:
        return None
    major, minor, dot, bracketed, text = match.groups()
    if bracketed is not None:
        return (0, int(bracketed), 0, "(%1)", "space"), text
    if minor is None:
        return (0, int(major), 0, "%1.", "space"), text
    return (1, int(major), int(minor), f"%1.%2{dot}", "space"), text


# Word


def _add_num(
    word: Any, *, patterns: list[str], suffix: str, level: int, major: int, minor: int
) -> str:
    """Add a two-level list starting at major (and minor) and return its numId."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    numbering = word.part.numbering_part.element
    abstracts = numbering.findall(f"{{{_W}}}abstractNum")
    abstract_id = max((int(a.get(f"{{{_W}}}abstractNumId")) for a in abstracts), default=0) + 1
    levels = "".join(
        f"<w:lvl w:ilvl='{ilvl}'><w:start w:val='1'/><w:numFmt w:val='decimal'/>"
        f"<w:suff w:val='{suffix}'/><w:lvlText w:val='{pattern}'/><w:lvlJc w:val='left'/></w:lvl>"
        for ilvl, pattern in enumerate(patterns)
    )
    abstract = parse_xml(
        f"<w:abstractNum {nsdecls('w')} w:abstractNumId='{abstract_id}'>"
        f"<w:multiLevelType w:val='multilevel'/>{levels}</w:abstractNum>"
    )
    first_num = numbering.find(f"{{{_W}}}num")
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    nums = numbering.findall(f"{{{_W}}}num")
    num_id = max((int(n.get(f"{{{_W}}}numId")) for n in nums), default=0) + 1
    starts = [major] if level == 0 else [major, minor]
    overrides = "".join(
        f"<w:lvlOverride w:ilvl='{ilvl}'><w:startOverride w:val='{value}'/></w:lvlOverride>"
        for ilvl, value in enumerate(starts)
    )
    numbering.append(
        parse_xml(
            f"<w:num {nsdecls('w')} w:numId='{num_id}'>"
            f"<w:abstractNumId w:val='{abstract_id}'/>{overrides}</w:num>"
        )
    )
    return str(num_id)


def _set_num(paragraph: Any, num_id: str, level: int) -> None:
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    ppr = paragraph._p.get_or_add_pPr()
    numpr = f"<w:ilvl w:val='{level}'/><w:numId w:val='{num_id}'/>"
    ppr.append(parse_xml(f"<w:numPr {nsdecls('w')}>{numpr}</w:numPr>"))


@dataclass(slots=True)
class _List:
    num_id: str
    patterns: list[str]
    suffix: str
    major: int
    minor: int
    major_used: bool


class _Lists:
    """Numbered paragraphs: one list runs on while its numbers follow, as in Word."""

    def __init__(self, word: Any) -> None:
        self.word = word
        self.current: _List | None = None

    def num_for(self, number: Number) -> str:
        """Return the numId under which a paragraph numbered like this continues or starts."""
        level, major, minor, pattern, suffix = number
        current = self.current
        if current is not None and (current.patterns[level], current.suffix) == (pattern, suffix):
            if level == 0 and current.major_used and major == current.major + 1:
                current.major, current.minor = major, 0
                return current.num_id
            if level == 1 and major == current.major and minor == current.minor + 1:
                current.minor = minor
                return current.num_id
        patterns = ["%1.", "%1.%2"]
        patterns[level] = pattern
        num_id = _add_num(
            self.word, patterns=patterns, suffix=suffix, level=level, major=major, minor=minor
        )
        self.current = _List(num_id, patterns, suffix, major, minor, level == 0)
        return num_id


def render_docx(document: Document, path: Path) -> Path:
    """Write the document as .docx: real tables, bullets, headings, numbered paragraphs."""
    import docx

    word = docx.Document()
    lists = _Lists(word)
    for part in structure(document):
        if isinstance(part, Heading):
            word.add_heading(part.text, level=2)
        elif isinstance(part, Para) and (found := numbered_paragraph(part)) is not None:
            label, text = found
            _set_num(word.add_paragraph(text), lists.num_for(label), label[0])
        elif isinstance(part, Para):
            word.add_paragraph(part.text, style="List Bullet" if part.item else None)
        elif (number := numbered(part)) is not None:
            paragraph = word.add_paragraph(part.rows[0][1][0].text)
            _set_num(paragraph, lists.num_for(number), number[0])
        else:
            _docx_table(word, part)
    word.save(str(path))
    return path


def _docx_table(word: Any, table: Table) -> None:
    columns = table.columns
    grid = word.add_table(rows=0, cols=columns)
    grid.style = "Table Grid"
    for cells in table.rows:
        row = grid.add_row().cells
        for index in range(columns):
            paras = cells[index] if index < len(cells) else []
            cell = row[index]
            for number, para in enumerate(paras):
                paragraph = cell.paragraphs[0] if number == 0 else cell.add_paragraph()
                paragraph.add_run(para.text).bold = para.bold or None
                if para.item:
                    paragraph.style = word.styles["List Bullet"]


# HTML and PDF

_PDF_STYLE = """
@page { size: A4; margin: 2.2cm 2cm;
  @top-center { content: "OFFICIAL - Minutes of the meeting"; font: 8pt DejaVu Sans; }
  @bottom-center { content: "Page " counter(page) " of " counter(pages); font: 8pt DejaVu Sans; }
}
body { font-family: "DejaVu Sans"; font-size: 10pt; line-height: 1.2; hyphens: auto; }
h2 { font-size: 14pt; margin: 10pt 0 6pt 0; }
p { margin: 0 0 6pt 0; }
ul { margin: 0 0 6pt 0; padding-left: 18pt; }
li { margin: 0 0 3pt 0; }
table { border-collapse: collapse; width: 100%; margin: 0 0 8pt 0; }
td { border: 0.5pt solid black; vertical-align: top; padding: 3pt 5.4pt; }
td:first-child { hyphens: manual; }
td ul, td p:last-child { margin-bottom: 0; }
"""
_PAGE_STYLE = "body { font-family: sans-serif; } td { vertical-align: top; }"


def _paras_html(paras: list[Para]) -> str:
    out: list[str] = []
    items: list[str] = []
    for para in paras:
        if para.item:
            items.append(f"<li>{html.escape(para.text)}</li>")
            continue
        if items:
            out.append(f"<ul>{''.join(items)}</ul>")
            items = []
        text = html.escape(para.text)
        out.append(f"<p><b>{text}</b></p>" if para.bold else f"<p>{text}</p>")
    if items:
        out.append(f"<ul>{''.join(items)}</ul>")
    return "".join(out)


def content_html(document: Document) -> str:
    """Return the document's content as HTML: headings, paragraphs, lists and tables."""
    out: list[str] = []
    for part in structure(document):
        if isinstance(part, Heading):
            out.append(f"<h2>{html.escape(part.text)}</h2>")
        elif isinstance(part, Para):
            out.append(_paras_html([part]))
        else:
            rows = []
            for cells in part.rows:
                padded = cells + [[] for _ in range(part.columns - len(cells))]
                rows.append(
                    "<tr>" + "".join(f"<td>{_paras_html(c)}</td>" for c in padded) + "</tr>"
                )
            out.append(f"<table>{''.join(rows)}</table>")
    return "\n".join(out).replace("</ul>\n<ul>", "")


def render_html(document: Document, path: Path) -> Path:
    """Write the document as a web page with site furniture around its <main>."""
    page = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Minutes</title>
<style>{_PAGE_STYLE}</style><script>window.analytics = "Skip this text";</script></head>
<body>
<div id="cookie-consent" class="banner">We use cookies to improve this site.
<button>Accept all cookies</button></div>
<header><a href="/">Office of the Commissioner</a>
<nav><ul><li><a href="/">Home</a></li><li><a href="/minutes">Meetings and minutes</a></li>
<li><a href="/contact">Contact us</a></li></ul></nav></header>
<main id="content">
{content_html(document)}
</main>
<aside><h2>Related pages</h2><ul><li><a href="/a">Annual report</a></li></ul></aside>
<footer><p>Copyright Office of the Commissioner</p><form><input name="q"></form></footer>
</body></html>"""
    path.write_text(page, encoding="utf-8")
    return path


def render_pdf(document: Document, path: Path, *, borders: bool = True) -> Path:
    """Write the document as a PDF laid out from HTML tables by WeasyPrint."""
    with warnings.catch_warnings():
        # WeasyPrint warns when the optional HarfBuzz subsetter (Debian libharfbuzz-subset0)
        # is missing; fonts are embedded whole instead, which is all a fixture needs.
        warnings.filterwarnings("ignore", "HarfBuzz-Subset", DeprecationWarning)
        import weasyprint  # type: ignore[import-untyped]

    style = _PDF_STYLE if borders else _PDF_STYLE + "td { border: none; }"
    page = (
        f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        f"<style>{style}</style></head><body>{content_html(document)}</body></html>"
    )
    weasyprint.HTML(string=page).write_pdf(str(path))
    return path


def render_borderless_pdf(document: Document, path: Path) -> Path:
    """Write the document as a PDF whose tables have no borders: only the text's positions."""
    return render_pdf(document, path, borders=False)


RENDERERS = {
    "docx": render_docx,
    "html": render_html,
    "pdf": render_pdf,
    "borderless.pdf": render_borderless_pdf,
}
