"""The format-neutral document every reader produces and the extractor reads.

`Document.text` is the normalised text, one block per line, in one convention whatever the
format was:
- a table row is one line with its cells joined by a tab, of kind TABLE_ROW; a further
  paragraph of the same cell continues on the next line, of kind PARAGRAPH (or LIST_ITEM),
  indented with one tab per column before it; cells after that cell (an owner column) end
  the row's last line;
- a list item is a line that starts with "- ";
- inline markup (bold, italic, links, tags, entities) is gone; headings are plain lines
  whose block kind says they are headings;
- running page headers, footers and page numbers are removed.
Each `Block` records where its line sits in `Document.text`; `raw_text` keeps the text as it
was read, before normalisation, so that nothing a user imports is lost.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class BlockKind(StrEnum):
    """What a line of the normalised text was in its source."""

    PARAGRAPH = "paragraph"
    HEADING = "heading"
    LIST_ITEM = "list_item"
    TABLE_ROW = "table_row"


@dataclass(frozen=True, slots=True)
class Block:
    """One line of `Document.text`: [start, end) are its offsets there, without the newline."""

    text: str
    start: int
    end: int
    kind: BlockKind = BlockKind.PARAGRAPH
    page: int | None = None


@dataclass(frozen=True, slots=True)
class Document:
    """A read document: normalised text with its blocks, and the raw text as read."""

    source: str
    format: str
    text: str
    blocks: tuple[Block, ...]
    raw_text: str
    encoding: str | None = None
    pages: int | None = None


class DocumentError(Exception):
    """A file could not be read as a document; the message names the problem in one line."""


def build_document(
    *,
    source: str,
    format: str,
    lines: list[tuple[str, BlockKind, int | None]],
    raw_text: str,
    encoding: str | None = None,
    pages: int | None = None,
) -> Document:
    """Join (line, kind, page) triples into a Document with block offsets."""
    blocks: list[Block] = []
    parts: list[str] = []
    offset = 0
    for text, kind, page in lines:
        line = text.replace("\n", " ").replace("\r", " ") if "\n" in text or "\r" in text else text
        blocks.append(Block(line, offset, offset + len(line), kind, page))
        parts.append(line)
        offset += len(line) + 1
    return Document(
        source=source,
        format=format,
        text="\n".join(parts),
        blocks=tuple(blocks),
        raw_text=raw_text,
        encoding=encoding,
        pages=pages,
    )
