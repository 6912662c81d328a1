"""Action logs laid out as tables: a header row naming the columns (Action, Owner, Due, Ref)
and one row per action."""

from __future__ import annotations

import re

from oversight.extract.lines import Line

_HEADS = {
    "text": re.compile(r"^(?:actions?|action\s+required|description|what)$", re.I),
    "owner": re.compile(r"^(?:owners?|lead|by\s+whom|who|responsible|action\s+owner)$", re.I),
    "due": re.compile(r"^(?:due(?:\s+date)?|deadline|by\s+when|when|target\s+date|date)$", re.I),
    "ref": re.compile(r"^(?:action\s+)?(?:no\.?|ref\.?|number|minute|item|#)$", re.I),
}


def action_table_columns(line: Line) -> dict[str, int] | None:
    """The column positions of an action log's header row, if the line is one."""
    cells = [c.strip().rstrip(":") for c in line.text.split("\t")]
    if len(cells) < 2:
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
    return columns if "text" in columns and ("owner" in columns or "due" in columns) else None
