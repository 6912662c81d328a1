"""Actions: "ACTION:" lines, "Action Arising:" lists, rows with an owner column, and the
"Summary of actions" that repeats them (counted once)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable

from oversight.documents.document import BlockKind
from oversight.extract.due import Due, find_due
from oversight.extract.items import Items, item_label
from oversight.extract.lines import Line
from oversight.extract.owners import OwnerFinder, split_owners
from oversight.extract.sentences import split_sentences
from oversight.extract.similarity import token_f1, words
from oversight.extract.tables import action_table_columns, read_table
from oversight.extract.updates import is_update_line, update_section_lines
from oversight.records.types import Action, SourceSpan

_LABEL = re.compile(
    r"^(?:-\s*)?(?:\*\*)?(?P<label>ACTIONS?|Actions?)(?:\s+(?:Point|Arising|Agreed|Required|"
    r"Raised|Log|Arising\s+from\s+the\s+meeting))?(?:\s*(?:No\.?\s*)?(?P<ref>\d{1,3}(?:[/.]\d{1,4})*"
    r"|[A-Z]{1,3}\d{1,3}))?\s*(?:\((?P<owner>[^)]{1,30})\))?\s*(?::|–|-|—)\s*(?P<text>.*)$"
)
_SUMMARY = re.compile(
    r"^(?:summary\s+of\s+(?:the\s+)?actions?|actions?\s+summary|(?:new\s+)?actions?\s+arising\s+"
    r"from\s+(?:this|the)\s+meeting|the\s+actions\s+(?:from|agreed\s+at)\s+the\s+meeting)",
    re.I,
)
# An owner tag closing a paragraph: "… broken down by district. (Action: PCC)".
_TAG = re.compile(
    r"(?:\(\s*|[.;]\s+|\s[–—-]\s*)(?:ACTIONS?|Actions?)\s*(?::|–|—|-)\s*"
    r"(?P<owner>[A-Z][\w/&,.' -]{0,40}?)\s*\)?\.?\s*$"
)
_REFERENCE = re.compile(r"^(?P<ref>\d{1,3}/\d{2,4}|[A-Z]{1,3}\d{1,3})\b")


def _is_list(line: Line) -> bool:
    return line.kind is BlockKind.LIST_ITEM or line.body.startswith(("- ", "• "))


def _strip_bullet(text: str) -> tuple[str, int]:
    stripped = text.lstrip("-•*· ").strip()
    return stripped, text.find(stripped) if stripped else 0


def extract_actions(
    lines: list[Line],
    items: Items,
    *,
    start: int,
    meeting_date: dt.date | None,
    next_meeting: dt.date | None,
    known_owners: Iterable[str],
    aliases: dict[str, str],
) -> list[Action]:
    """Find the actions agreed at the meeting."""
    finder = OwnerFinder(known=known_owners, aliases=aliases)
    found: list[tuple[Action, bool]] = []

    def add(
        text: str,
        line: Line,
        offset: int,
        owners: list[str],
        reference: str | None,
        summary: bool,
        due_text: str | None = None,
    ) -> None:
        text = text.strip()
        if len(text) < 8:
            return
        if not owners:
            owners = finder.owners(text)
        due = find_due(text, meeting_date=meeting_date, next_meeting=next_meeting)
        if due_text:
            cell_due = find_due(
                f"by {due_text}", meeting_date=meeting_date, next_meeting=next_meeting
            ) or find_due(
                f"at the {due_text}", meeting_date=meeting_date, next_meeting=next_meeting
            )
            due = Due(text=due_text, date=cell_due.date if cell_due else None)
        found.append(
            (
                Action(
                    text=text,
                    owners=owners,
                    item=item_label(items.item_at(line.index)),
                    due=due.text if due else None,
                    due_date=due.date if due else None,
                    reference=reference,
                    span=SourceSpan(line.body_start + offset, line.body_start + offset + len(text)),
                ),
                summary,
            )
        )

    in_summary = False
    update_lines = update_section_lines(lines, items)
    position = start
    while position < len(lines):
        line = lines[position]
        body = line.body.strip()
        table = action_table_columns(line)
        if table is not None:
            position = _read_table(lines, position + 1, table, add)
            continue
        if is_update_line(line, position in update_lines):
            position += 1
            continue
        if _SUMMARY.match(body):
            in_summary = True
            position += 1
            continue
        if in_summary and (line.number is not None or position in items.title_lines):
            in_summary = False
        m = _LABEL.match(body)
        owner_col = line.owner_column
        column_owners = (
            split_owners(owner_col)
            if owner_col
            and owner_col.lower().rstrip(":")
            not in {"action", "actions", "owner", "lead", "who", "by whom", "responsible"}
            else []
        )
        tag = _TAG.search(body) if m is None and "ction" in body[-60:] else None
        if tag is not None:
            sentences = split_sentences(body[: tag.start()].rstrip(" (–—-"))
            if sentences:
                offset, text = sentences[-1]
                add(text, line, offset, split_owners(tag.group("owner")), None, in_summary)
        elif m and m.group("text").strip():
            text = m.group("text")
            owners = column_owners or (split_owners(m.group("owner")) if m.group("owner") else [])
            add(text, line, line.body.find(text), owners, m.group("ref"), in_summary)
        elif m or (in_summary and not _is_list(line)):
            # A label alone: the list (or the paragraph) that follows holds the actions.
            follow = position + 1
            took = False
            while follow < len(lines) and _is_list(lines[follow]):
                text, offset = _strip_bullet(lines[follow].body)
                ref = _REFERENCE.match(text)
                add(text, lines[follow], offset, [], ref.group("ref") if ref else None, in_summary)
                follow += 1
                took = True
            if not took and m and follow < len(lines) and not lines[follow].number:
                nxt = lines[follow]
                text, offset = _strip_bullet(nxt.body)
                add(
                    text,
                    nxt,
                    offset,
                    split_owners(nxt.owner_column) if nxt.owner_column else [],
                    None,
                    in_summary,
                )
                follow += 1
            position = follow
            continue
        elif in_summary and _is_list(line):
            text, offset = _strip_bullet(line.body)
            add(text, line, offset, [], None, True)
        elif column_owners and len(body) > 15 and position not in items.title_lines:
            add(body, line, 0, column_owners, None, in_summary)
        position += 1
    return _without_repeats(found)


AddAction = Callable[[str, Line, int, list[str], "str | None", bool, "str | None"], None]


def _read_table(lines: list[Line], position: int, columns: dict[str, int], add: AddAction) -> int:
    """Read the new actions of an action log table; return the first line after it. An
    action log at the end repeats the actions raised in the minutes, so its rows count as a
    summary; rows that report progress on earlier actions are updates, not actions."""
    rows, end = read_table(lines, position, columns)
    for row in rows:
        if row.reports_progress:
            continue
        owners = split_owners(row.owner) if row.owner not in {"", "–", "-"} else []
        add(
            row.text,
            row.line,
            row.text_offset,
            owners,
            row.ref or None,
            True,
            None if row.due in {"", "–", "-"} else row.due,
        )
    return end


def _repeats(action: Action, summary: Action) -> bool:
    """Say whether a summary line (or action log row) repeats an action: much the same words,
    the same reference, or a shortened form whose words all come from the action."""
    if token_f1(action.text, summary.text) >= 0.7:
        return True
    if action.reference and action.reference == summary.reference:
        return True
    short = words(summary.text)
    if len(short) < 4:
        return False
    long = set(words(action.text))
    return sum(w in long for w in short) >= 0.85 * len(short)


def _without_repeats(found: list[tuple[Action, bool]]) -> list[Action]:
    """Drop actions that a summary repeats; keep summary actions raised nowhere else."""
    main = [a for a, summary in found if not summary]
    extra: list[Action] = []
    for action, summary in found:
        if not summary:
            continue
        match = next((a for a in main if _repeats(a, action)), None)
        if match is None:
            extra.append(action)
            continue
        if not match.owners and action.owners:
            match.owners = action.owners
        if match.due_date is None and action.due_date is not None:
            match.due, match.due_date = action.due, action.due_date
    unique: list[Action] = []
    for action in main + extra:
        same = next(
            (
                u
                for u in unique
                if token_f1(u.text, action.text) >= 0.9
                or (u.reference and u.reference == action.reference)
            ),
            None,
        )
        if same is None:
            unique.append(action)
            continue
        same.owners = same.owners or action.owners
        if same.due_date is None and action.due_date is not None:
            same.due, same.due_date = action.due, action.due_date
    return unique
