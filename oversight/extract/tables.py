"""Action logs laid out as tables: a header row naming the columns (Action, Owner, Due, Ref,
Status, Update) and one row per action. A log often carries earlier actions beside the new
ones; a row whose status or update reports progress ("Complete", "Ongoing – update at next
meeting", "Shared on 2 July. Closed.") is an update on an earlier action, not a new one."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from oversight.extract.lines import Line

_HEADS = {
    "text": re.compile(r"^(?:actions?(?:\s+(?:required|agreed))?|description|what)$", re.I),
    "owner": re.compile(
        r"^(?:owners?|(?:lead|responsible)(?:\s+officer)?|by\s+whom|who|action\s+owner)$", re.I
    ),
    "due": re.compile(
        r"^(?:due(?:\s+date)?|date\s+due|deadline|by\s+when|when|target(?:\s+date)?|date|"
        r"timescales?)$",
        re.I,
    ),
    "ref": re.compile(r"^(?:action\s+)?(?:no\.?|ref\.?|number|minute|item|#)$", re.I),
    "status": re.compile(r"^(?:status|rag(?:\s+status)?|complete[d]?\??|open\s*/\s*closed)$", re.I),
    "update": re.compile(
        r"^(?:(?:latest\s+|progress\s+)?updates?|progress|comments?|outcome|position)$", re.I
    ),
}
# Any of the heads at once: a row with one cell that is none of them is no header row.
_ANY_HEAD = re.compile("|".join(f"(?:{p.pattern})" for p in _HEADS.values()), re.I)


def action_table_columns(line: Line) -> dict[str, int] | None:
    """The column positions of an action log's header row, if the line is one."""
    if "\t" not in line.text:
        return None
    columns = _columns(line.text)
    return None if columns is None else dict(columns)


@lru_cache(maxsize=2048)
def _columns(text: str) -> tuple[tuple[str, int], ...] | None:
    # Items and actions both ask of every row; the answer depends on the text alone.
    cells = [c.strip().rstrip(":") for c in text.split("\t")]
    if any(cell and not _ANY_HEAD.match(cell) for cell in cells):
        return None
    columns: dict[str, int] = {}
    for index, cell in enumerate(cells):
        for role, pattern in _HEADS.items():
            if pattern.match(cell):
                columns.setdefault(role, index)
                break
        else:
            if cell:
                return None
    if "text" in columns and ("owner" in columns or "due" in columns):
        return tuple(columns.items())
    return None


# A status that says nothing has happened yet: the row is a new action.
_NOT_STARTED = re.compile(r"^(?:new|open|not\s+started|agreed|raised|[-–—]|n/?a|tbc)?\.?$", re.I)


@dataclass(frozen=True, slots=True)
class TableRow:
    """One row of an action log, by column role; `text_offset` is where the action's text
    starts in the line's body."""

    line: Line
    text: str
    text_offset: int
    owner: str
    due: str
    ref: str
    status: str
    update: str

    @property
    def reports_progress(self) -> bool:
        """Say whether the row reports on an earlier action rather than raising one."""
        return not _NOT_STARTED.match(self.status) or not _NOT_STARTED.match(self.update)

    @property
    def progress(self) -> str:
        """What the row says of the action's progress: status and update together."""
        parts = [p for p in (self.status, self.update) if not _NOT_STARTED.match(p)]
        return " – ".join(parts)


def read_table(
    lines: list[Line], position: int, columns: dict[str, int]
) -> tuple[list[TableRow], int]:
    """Read the rows of an action log from `position`; return them and the first line after."""
    rows: list[TableRow] = []
    while position < len(lines):
        line = lines[position]
        cells = line.text.split("\t")
        if len(cells) < 2:
            break
        cell = {
            role: cells[index].strip() if index < len(cells) else ""
            for role, index in columns.items()
        }
        text = cell.get("text", "")
        if text:
            offset = line.text.find(text) - (line.body_start - line.start)
            rows.append(
                TableRow(
                    line=line,
                    text=text,
                    text_offset=max(offset, 0),
                    owner=cell.get("owner", ""),
                    due=cell.get("due", ""),
                    ref=cell.get("ref", ""),
                    status=cell.get("status", ""),
                    update=cell.get("update", ""),
                )
            )
        position += 1
    return rows, position
