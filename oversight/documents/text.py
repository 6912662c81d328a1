"""Read plain text, Markdown, and text that mixes both with stray HTML, as in converted minutes.

Converted minutes arrive as tab-separated table rows whose cells hold `<p>` paragraphs and
`<li>` bullets, Markdown emphasis and headings, HTML entities, page footers, and sentences cut
in two by a page break. This module turns all of that into the line convention of
`oversight.documents.document`.
"""

from __future__ import annotations

import html
import re

from oversight.documents.document import BlockKind, Document, build_document
from oversight.documents.encoding import decode_text

_BLOCK_TAG = re.compile(
    r"<\s*(/?)\s*(p|li|ul|ol|br|div|h[1-6]|tr|table|tbody|thead|section|article|blockquote)\b[^>]*>",
    re.I,
)
_ANY_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]*\b[^<>]*>")
_MD_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_MD_RULE = re.compile(r"^[\s\-=_*|:\t]*$")
_BULLET = re.compile(r"^\s*(?:[-*+•·▪●◦‣]|&bull;|\uf0b7|\uf0a7)\s+")
_BOLD = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_ITALIC = re.compile(r"(?<![\w*])([*_])(?=\S)(.+?)(?<=\S)\1(?![\w*])")
# "Page 3 of 7", "Page 50", and the same misread by a converter ("Fage 50").
_PAGE_FOOTER = re.compile(r"^\W*(?:[A-Za-z]age|PAGE)\s+\d+(?:\s*(?:of|/)\s*\d+)?\W*$")
_SPACES = re.compile(r"[ \u00a0\u2000-\u200b\u202f\u205f\u3000]+")
_ODD_SPACE = re.compile(r"[\u00a0\u2000-\u200b\u202f\u205f\u3000]")
# The last character (before a final newline, as "$" allows) of a sentence cut in two.
_JOIN_END_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz,-–")
_JOIN_START = re.compile(r"^[a-z(]")
# "(b) asks the Commissioner …" after "(a) supports …; and" starts the next part of a list.
_ENUMERATOR = re.compile(r"^\((?:[a-z]|[ivx]{1,4}|\d{1,2})\)\s")


_BOLD_TAGS = re.compile(r"(?:<b>|<strong>)+.*?(?:</b>|</strong>)+:?", re.I | re.S)
_BOLD_STARS = re.compile(r"\*\*[^*].*\*\*:?", re.S)
_MARKUP_CHARS = re.compile(r"[<*_&]")
_SPECIAL = re.compile(r"[\t<*_&#|]")


def _squeeze(text: str) -> str:
    """Collapse runs of spaces to one and strip; most lines have none to collapse."""
    if "  " not in text and not _ODD_SPACE.search(text):
        return text.strip()
    return _SPACES.sub(" ", text).strip()


def _ends_cut(text: str) -> bool:
    """Say whether a line ends as a sentence cut in two does (mid-word or at a comma)."""
    if text.endswith("\n"):
        text = text[:-1]
    return text[-1:] in _JOIN_END_CHARS


def _inline(text: str) -> tuple[str, bool]:
    """Strip inline markup from one paragraph; say whether it was wholly bold."""
    if not _MARKUP_CHARS.search(text):
        return _squeeze(text), False
    stripped = text.strip()
    bold = bool(
        (stripped[:1] == "<" and _BOLD_TAGS.fullmatch(stripped))
        or (stripped[:2] == "**" and _BOLD_STARS.fullmatch(stripped))
    )
    # Each pattern needs its marker character; most paragraphs carry one kind of markup.
    if "<" in text:
        text = _ANY_TAG.sub("", text)
    if "*" in text or "_" in text:
        text = _BOLD.sub(r"\2", text)
        text = _ITALIC.sub(r"\2", text)
    text = html.unescape(text)
    text = _squeeze(text)
    return text, bold


def _paragraphs(cell: str) -> list[tuple[str, bool, bool]]:
    """Split one table cell at block tags into (text, is_list_item, is_bold) paragraphs."""
    out: list[tuple[str, bool, bool]] = []
    if "<" not in cell:
        text, bold = _inline(cell)
        if not text:
            return []
        bullet = _BULLET.match(text)
        if bullet:
            text = text[bullet.end() :].strip()
            return [(text, True, bold)] if text else []
        return [(text, False, bold)]
    pos = 0
    in_item = False
    pieces: list[tuple[str, bool]] = []
    for match in _BLOCK_TAG.finditer(cell):
        pieces.append((cell[pos : match.start()], in_item))
        closing, tag = match.group(1), match.group(2).lower()
        if tag == "li":
            in_item = not closing
        pos = match.end()
    pieces.append((cell[pos:], in_item))
    for raw, item in pieces:
        text, bold = _inline(raw)
        if not text:
            continue
        bullet = _BULLET.match(text)
        if bullet:
            text, item = text[bullet.end() :].strip(), True
        if text:
            out.append((text, item, bold))
    return out


def _markdown_table_row(line: str) -> str | None:
    stripped = line.strip()
    if stripped.startswith("|") and stripped.endswith("|") and stripped.count("|") >= 3:
        return "\t".join(c.strip() for c in stripped[1:-1].split("|"))
    return None


def _is_footer(cells: list[str]) -> bool:
    filled = [c for c in cells if c and c not in {"-", "–"}]
    return len(filled) == 1 and bool(_PAGE_FOOTER.match(filled[0]))


Line = tuple[str, BlockKind]


def _row_lines(cells: list[list[tuple[str, bool, bool]]]) -> list[Line]:
    """Lay out one table row whose cells may hold several paragraphs."""
    filled = [i for i, c in enumerate(cells) if c]
    if not filled:
        return []
    main = max(filled, key=lambda i: (len(cells[i]), i == filled[0]))
    lines: list[list[str]] = []
    first: list[str] = []
    for i, cell in enumerate(cells):
        if i < main:
            first.append(" ".join(p[0] for p in cell))
        elif i == main:
            first.append(_para_text(cell[0]))
            break
    lines.append(first)
    for para in cells[main][1:]:
        lines.append([""] * main + [_para_text(para)])
    for cell in cells[main + 1 :]:
        lines[-1].append(" ".join(_para_text(p) for p in cell))
    while len(lines[-1]) > 1 and not lines[-1][-1]:
        lines[-1].pop()
    out: list[Line] = []
    multi_cell = len(cells) > 1
    for position, parts in enumerate(lines):
        text = "\t".join(parts)
        only = [p for p in parts if p]
        kind = BlockKind.PARAGRAPH
        if multi_cell and len(parts) > 1 and position == 0:
            kind = BlockKind.TABLE_ROW
        elif only and only[0].startswith("- "):
            kind = BlockKind.LIST_ITEM
        elif len(only) == 1 and _is_bold_para(cells, only[0]):
            kind = BlockKind.HEADING
        out.append((text, kind))
    return out


def _para_text(para: tuple[str, bool, bool]) -> str:
    return f"- {para[0]}" if para[1] else para[0]


def _is_bold_para(cells: list[list[tuple[str, bool, bool]]], text: str) -> bool:
    return any(p[2] and not p[1] and p[0] == text for cell in cells for p in cell)


def normalise_lines(text: str) -> list[Line]:
    """Turn mixed text into (line, kind) pairs in the document line convention."""
    out: list[Line] = []
    for raw in text.split("\n"):
        if not raw.strip() or _MD_RULE.match(raw):
            continue
        if not _SPECIAL.search(raw):
            # Plain prose, the common case: no cells, tags, emphasis or headings.
            plain = _squeeze(raw)
            bullet = _BULLET.match(plain)
            if bullet:
                item = plain[bullet.end() :].strip()
                if item:
                    out.append((f"- {item}", BlockKind.LIST_ITEM))
                continue
            # A footer says "Page" (or "…age" misread); prose rarely holds "age" at all.
            if not (("age" in plain or "AGE" in plain) and _is_footer([plain])):
                out.append((plain, BlockKind.PARAGRAPH))
            continue
        heading = _MD_HEADING.match(raw)
        if heading:
            title, _ = _inline(heading.group(2))
            if title:
                out.append((title, BlockKind.HEADING))
            continue
        table = _markdown_table_row(raw)
        source = table if table is not None else raw.rstrip()
        cells = [_paragraphs(c) for c in source.split("\t")]
        if _is_footer([" ".join(p[0] for p in c) for c in cells]):
            continue
        out.extend(_row_lines(cells))
    return _join_broken(out)


def _join_broken(lines: list[Line]) -> list[Line]:
    """Rejoin sentences that a page break or a converter cut across two lines."""
    joined: list[Line] = []
    for text, kind in lines:
        if joined:
            prev_text, prev_kind = joined[-1]
            head = prev_text.rstrip("\t ")
            tail = text.lstrip("\t ")
            if (
                prev_kind is not BlockKind.HEADING
                and _ends_cut(head)
                and _JOIN_START.match(tail)
                and not _ENUMERATOR.match(tail)
            ):
                joined[-1] = (f"{head} {tail}", prev_kind)
                continue
        joined.append((text, kind))
    return joined


def read_text(data: bytes, *, source: str) -> Document:
    """Read the bytes of a text or Markdown file."""
    text, encoding = decode_text(data)
    lines: list[tuple[str, BlockKind, int | None]] = [
        (line, kind, None) for line, kind in normalise_lines(text)
    ]
    return build_document(
        source=source, format="text", lines=lines, raw_text=text, encoding=encoding
    )
