"""The lines of a document as the extractors see them: cells, numbering, owner column.

A line is one block of `Document.text`. Table rows keep their cells; a leading cell that
holds an item number ("2.1", "3.", "Ref 03/21/06/2023") is split off as the line's number;
a short trailing cell of role letters ("DCC", "PCC / CC") is split off as the owner column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from oversight.documents.document import BlockKind, Document
from oversight.records.types import SourceSpan

ITEM_NUMBER = re.compile(
    r"^(?:(?:Item|Minute|No\.?)\s+)?(?P<num>\d{1,2}(?:\.\d{1,2}){0,3}[a-z]?|[A-Z]\d{0,2}"
    r"|Ref\.?\s*[\w/.-]+|\d{1,3}/\d{2,4}(?:/\d{1,2}/\d{2,4})?)\.?\)?$"
)
_OWNER_TOKEN = r"(?:[A-Z]/\s?)?[A-Z][A-Za-z&]{0,6}(?:\s[A-Z][A-Za-z]{0,6}){0,2}"
OWNER_COLUMN = re.compile(rf"^{_OWNER_TOKEN}(?:\s*(?:/|,|&|\band\b)\s*{_OWNER_TOKEN})*$")
_COLUMN_HEADS = {"action", "actions", "owner", "lead", "by whom", "who", "responsible"}


@dataclass(slots=True)
class Line:
    """One line of the document with its cells split into number, body and owner column."""

    index: int
    text: str
    start: int
    kind: BlockKind
    number: str | None
    body: str
    body_start: int
    owner_column: str | None
    indent: int
    continuation: bool
    cells: list[str]

    @property
    def end(self) -> int:
        """Offset just past the line in the document text."""
        return self.start + len(self.text)

    def span(self) -> SourceSpan:
        """The line's span in the document text."""
        return SourceSpan(self.start, self.end)

    def body_span(self, start: int = 0, end: int | None = None) -> SourceSpan:
        """The span of part of the body, in document offsets."""
        stop = len(self.body) if end is None else end
        return SourceSpan(self.body_start + start, self.body_start + stop)


def _is_owner_cell(cell: str) -> bool:
    text = cell.strip()
    if not text or len(text) > 40:
        return False
    if text.lower().rstrip(":") in _COLUMN_HEADS:
        return True
    return bool(OWNER_COLUMN.match(text)) and any(ch.isupper() for ch in text[:2])


def split_lines(document: Document) -> list[Line]:
    """Split a document's blocks into lines with number, body and owner column."""
    lines: list[Line] = []
    for index, block in enumerate(document.blocks):
        text = block.text
        if "\t" not in text:
            # One cell, the common case: no number, owner column or indent to split off.
            body = text.strip()
            lead = len(text) - len(text.lstrip()) if body else 0
            lines.append(
                Line(
                    index=index,
                    text=text,
                    start=block.start,
                    kind=block.kind,
                    number=None,
                    body=body,
                    body_start=block.start + lead,
                    owner_column=None,
                    indent=0,
                    continuation=False,
                    cells=[body],
                )
            )
            continue
        raw_cells = text.split("\t")
        offsets: list[int] = []
        pos = block.start
        for cell in raw_cells:
            offsets.append(pos)
            pos += len(cell) + 1
        cells = [
            (c.strip(), o + (len(c) - len(c.lstrip())))
            for c, o in zip(raw_cells, offsets, strict=True)
        ]
        indent = 0
        while indent < len(cells) - 1 and not cells[indent][0]:
            indent += 1
        filled = [(c, o) for c, o in cells if c]
        number: str | None = None
        owner: str | None = None
        if len(cells) > 1 and filled:
            head = cells[0][0]
            m = ITEM_NUMBER.match(head) if head else None
            if m and len(filled) > 1:
                number = m.group("num")
                filled = filled[1:]
            if len(filled) > 1 and _is_owner_cell(filled[-1][0]):
                owner = filled[-1][0]
                filled = filled[:-1]
        body = " ".join(c for c, _ in filled)
        body_start = filled[0][1] if filled else block.start
        lines.append(
            Line(
                index=index,
                text=block.text,
                start=block.start,
                kind=block.kind,
                number=number,
                body=body,
                body_start=body_start,
                owner_column=owner,
                indent=indent,
                continuation=indent > 0 and number is None and block.kind != BlockKind.TABLE_ROW,
                cells=[c for c, _ in cells],
            )
        )
    return lines
