"""Updates given on earlier actions: "Update:" paragraphs, what is said under an
"Outstanding matters" / "Review of action tracker" item, with action numbers where given
("the following actions were agreed as completed: 17/2022, 18/2022"), and the status or
update column of an action log table."""

from __future__ import annotations

import re

from oversight.extract.cues import folded, has_any
from oversight.extract.items import Items
from oversight.extract.lines import Line
from oversight.extract.tables import action_table_columns, read_table
from oversight.records.types import ActionUpdate, SourceSpan

_SECTION = re.compile(
    r"outstanding\s+(?:matters|actions|items)|matters\s+arising|action\s+(?:tracker|log|sheet)|"
    r"actions?\s+(?:from|of)\s+(?:the\s+)?(?:previous|last)|previous\s+actions|"
    r"review\s+of\s+(?:the\s+)?actions|brought\s+forward|progress\s+on\s+actions|rolling\s+actions",
    re.I,
)
_SECTION_WORDS = ("outstanding", "matters", "action", "brought")
_UPDATE = re.compile(
    r"^(?:-\s*)?(?P<word>Update|Progress|Response|Status)\s*(?:\([^)]*\))?\s*[:\-–]\s*(?P<text>.*)$",
    re.I,
)
# Labels that report on an action only under an outstanding-matters item; elsewhere a
# "Response:" answers a question put at the meeting.
_SECTION_ONLY_LABELS = ("response", "status")
_REF = re.compile(
    r"\b(?:Action\s+(?:No\.?\s*)?)?(?P<ref>\d{1,3}/\d{2,4}|[A-Z]{2,5}/\d{2}/\d{1,3})\b"
)
# "Action 05/2023 – DR to confirm … Update: …", "JAC/24/09 – …", "Action 12/2023 (BL to …) – …"
_REF_LINE = re.compile(
    r"^(?:-\s*)?(?:Action\s+(?:No\.?\s*)?)?(?P<ref>\d{1,3}/\d{2,4}|[A-Z]{2,5}/\d{2}/\d{1,3})\s*"
    r"(?:\((?P<what>[^)]{3,200})\))?\s*[–:—-]\s*(?P<rest>.+)$"
)
# "Action 12 – AM to provide the data – Complete.": an action numbered without a year.
_NUMBERED_LINE = re.compile(
    r"^(?:-\s*)?Action\s+(?:No\.?\s*)?(?P<ref>\d{1,3}[a-z]?)\s*(?:\((?P<what>[^)]{3,200})\))?"
    r"\s*[–:—-]\s*(?P<rest>.+)$"
)
# The status after the last dash of such a line: "… – Ongoing, visit booked for 3 February."
_STATUS_TAIL = re.compile(
    r"\s[–—-]\s*(?=(?:Closed|Open|Complete[d]?|Ongoing|On\s+track|In\s+progress|Discharged|"
    r"Superseded|Deferred|Done|Delayed)\b)(?!.*\s[–—-]\s)"
)
_STATUS = re.compile(
    r"\b(?:Closed|Open|Complete[d]?|Ongoing|Discharged|Superseded|Deferred)\.?\s*$"
)
_UPDATE_IN = re.compile(r"\bUpdate\s*:\s*")
_NOT_UPDATE = re.compile(r"^(?:RESOLVED|Resolved|DECISION|Decision|AGREED)\b|:\s*$")
# What an "outstanding matters" or "minutes and action log" item says besides updates: the
# previous minutes approved, or where the updates are to be found.
_NOT_UPDATE_SENTENCE = re.compile(
    r"\bminutes\b[^.]{0,80}\b(?:were|was|be)\s+(?:agreed|approved|accepted|confirmed|signed)"
    r"|\b(?:recorded|set\s+out|shown|listed|given)\s+in\s+the\s+(?:action\s+(?:log|tracker)|"
    r"appendix|annex|table)\b",
    re.I,
)
# "ACC to share the dashboard (September meeting): the dashboard was shared …"
_ACTION_COLON = re.compile(r"^(?P<what>[^:]{8,200}?)\)?:\s+(?P<rest>[a-z].+)$")
_REF_LIST = re.compile(
    r"(?:actions?|items?)\b[^:]{0,80}?(?:completed|closed|discharged|complete|done)[^:]{0,20}:\s*"
    r"(?P<refs>\d{1,3}/\d{2,4}(?:\s*(?:,|and|&)\s*\d{1,3}/\d{2,4})*)",
    re.I,
)
_EMPTY = re.compile(r"^(?:N/?A|None|Nil)\.?$", re.I)


def _is_section(title: str) -> bool:
    # Each of _SECTION's forms holds one of these words; few titles hold any.
    return has_any(folded(title), _SECTION_WORDS) and bool(_SECTION.search(title))


def _section_lines(lines: list[Line], items: Items) -> set[int]:
    # Asked once per item, not once per line under it.
    sections = [_is_section(item.title) for item in items.items]
    return {position for position, index in items.line_item.items() if sections[index]}


def extract_updates(lines: list[Line], items: Items) -> list[ActionUpdate]:
    """Find the updates reported on earlier actions."""
    updates: list[ActionUpdate] = []
    section = _section_lines(lines, items)
    labelled_sections = {
        items.line_item.get(p)
        for p, line in enumerate(lines)
        if p in section and _UPDATE.match(line.body)
    }
    table_lines: set[int] = set()
    updates.extend(_table_updates(lines, table_lines))
    context: list[str] = []
    for position, line in enumerate(lines):
        body = line.body.strip()
        if not body or position in table_lines:
            continue
        ref_update = ref_line_update(line, position in section)
        if ref_update is not None and (
            position in section or _UPDATE_IN.search(body) or _STATUS.search(body)
        ):
            updates.append(ref_update)
            continue
        label = _UPDATE.match(body)
        if (
            label is not None
            and label.group("word").lower() in _SECTION_ONLY_LABELS
            and position not in section
        ):
            label = None
        if position in items.title_lines:
            context = []
            title = items.item_at(position)
            if title is not None and _is_section(title.title) and title.title != body:
                context = [title.title]
            continue
        in_section = position in section
        if label:
            text = label.group("text").strip()
            offset = line.body.find(text) if text else 0
            target = line
            if not text and position + 1 < len(lines):
                target = lines[position + 1]
                text = target.body.strip().lstrip("-•* ")
                offset = target.body.find(text)
            if text:
                ref = _REF.search(" ".join(context[-2:]) + " " + text)
                updates.append(
                    ActionUpdate(
                        refers_to=" ".join(context[-3:]).strip() or "earlier action",
                        update=text,
                        reference=ref.group("ref") if ref else None,
                        span=SourceSpan(
                            target.body_start + offset, target.body_start + offset + len(text)
                        ),
                    )
                )
            context = []
            continue
        if in_section and items.line_item.get(position) not in labelled_sections:
            if _EMPTY.match(body) or _NOT_UPDATE.search(body):
                continue
            if _NOT_UPDATE_SENTENCE.search(body):
                continue
            colon = _ACTION_COLON.match(body)
            if colon:
                offset = line.body.find(colon.group("rest"))
                updates.append(
                    ActionUpdate(
                        refers_to=colon.group("what"),
                        update=colon.group("rest"),
                        span=line.body_span(offset, offset + len(colon.group("rest"))),
                    )
                )
                continue
            ref_list = _REF_LIST.search(body)
            if ref_list:
                for ref in re.findall(r"\d{1,3}/\d{2,4}", ref_list.group("refs")):
                    updates.append(
                        ActionUpdate(
                            refers_to=f"Action {ref}",
                            update=body,
                            reference=ref,
                            span=line.body_span(),
                        )
                    )
                continue
            item = items.item_at(position)
            ref = _REF.search(body)
            updates.append(
                ActionUpdate(
                    refers_to=(f"Action {ref.group('ref')}" if ref else None)
                    or (item.title if item else "earlier actions"),
                    update=body,
                    reference=ref.group("ref") if ref else None,
                    span=line.body_span(),
                )
            )
            continue
        if in_section:
            context.append(body.rstrip(":"))
    return updates


def _table_updates(lines: list[Line], table_lines: set[int]) -> list[ActionUpdate]:
    """Updates given in the status or update column of action log tables; the positions of
    every table line go into `table_lines`."""
    found: list[ActionUpdate] = []
    position = 0
    while position < len(lines):
        columns = action_table_columns(lines[position])
        if columns is None:
            position += 1
            continue
        rows, end = read_table(lines, position + 1, columns)
        table_lines.update(range(position, end))
        for row in rows:
            if not row.reports_progress:
                continue
            progress = row.progress
            offset = row.line.body.find(progress)
            span = (
                row.line.body_span(offset, offset + len(progress))
                if offset >= 0
                else row.line.body_span()
            )
            found.append(
                ActionUpdate(
                    refers_to=f"{row.ref} {row.text}".strip(),
                    update=progress,
                    reference=row.ref or None,
                    span=span,
                )
            )
        position = end
    return found


def _ref_match(body: str) -> re.Match[str] | None:
    # Every reference _REF_LINE knows holds a "/"; most lines hold none.
    if "/" in body:
        m = _REF_LINE.match(body)
        if m:
            return m
    return _NUMBERED_LINE.match(body) if body[:7].lower().startswith(("action", "- act")) else None


def ref_line_update(line: Line, in_section: bool = True) -> ActionUpdate | None:
    """Read "Action 05/2023 – text. Update: progress" as an update on action 05/2023, and
    "Action 12 – text – Complete." under an outstanding-matters item as one on action 12."""
    body = line.body.strip()
    m = _ref_match(body)
    if not m or (m.re is _NUMBERED_LINE and not (in_section and _reports(body, numbered=True))):
        return None
    rest = m.group("rest")
    split = _UPDATE_IN.search(rest)
    tail = _STATUS_TAIL.search(rest) if m.re is _NUMBERED_LINE else None
    if split:
        refers_to = rest[: split.start()].strip()
        update = rest[split.end() :].strip()
    elif tail:
        refers_to = rest[: tail.start()].strip()
        update = rest[tail.end() :].strip()
    else:
        refers_to = (m.group("what") or "").strip() or f"Action {m.group('ref')}"
        update = rest.strip()
    if not update:
        return None
    offset = line.body.find(update)
    return ActionUpdate(
        refers_to=refers_to,
        update=update,
        reference=m.group("ref"),
        span=line.body_span(offset, offset + len(update)),
    )


def _reports(body: str, *, numbered: bool = False) -> bool:
    if _UPDATE_IN.search(body) or _STATUS.search(body):
        return True
    return numbered and bool(_STATUS_TAIL.search(body))


def is_update_line(line: Line, in_section: bool) -> bool:
    """Say whether a line reports on an earlier action rather than raising a new one."""
    body = line.body.strip()
    m = _ref_match(body)
    if m is None:
        return False
    if m.re is _NUMBERED_LINE:
        return in_section and _reports(body, numbered=True)
    return in_section or _reports(body)


def update_section_lines(lines: list[Line], items: Items) -> set[int]:
    """The lines under an "Outstanding matters" or action-tracker item."""
    return _section_lines(lines, items)
