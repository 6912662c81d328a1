"""Action logs laid out as tables: a header row naming the columns (Action, Owner, Due, Ref)
and one row per action."""

from __future__ import annotations

import re
from functools import lru_cache

from oversight.extract.lines import Line

_HEADS = {
    "text": re.compile(r"^(?:actions?|action\s+required|description|what)$", re.I),
    "owner": re.compile(r"^(?:owners?|lead|by\s+whom|who|responsible|action\s+owner)$", re.I),
    "due": re.compile(r"^(?:due(?:\s+date)?|deadline|by\s+when|when|target\s+date|date)$", re.I),
    "ref": re.compile(r"^(?:action\s+)?(?:no\.?|ref\.?|number|minute|item|#)$", re.I),
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
