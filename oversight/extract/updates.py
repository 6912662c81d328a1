"""Updates given on earlier actions: "Update:" paragraphs, and what is said under an
"Outstanding matters" / "Review of action tracker" item, with action numbers where given
("the following actions were agreed as completed: 17/2022, 18/2022")."""

from __future__ import annotations

import re

from oversight.extract.cues import folded, has_any
from oversight.extract.items import Items
from oversight.extract.lines import Line
from oversight.records.types import ActionUpdate, SourceSpan

_SECTION = re.compile(
    r"outstanding\s+(?:matters|actions|items)|matters\s+arising|action\s+(?:tracker|log|sheet)|"
    r"actions?\s+(?:from|of)\s+(?:the\s+)?(?:previous|last)|previous\s+actions|"
    r"review\s+of\s+(?:the\s+)?actions|brought\s+forward|progress\s+on\s+actions|rolling\s+actions",
    re.I,
)
_SECTION_WORDS = ("outstanding", "matters", "action", "brought")
_UPDATE = re.compile(
    r"^(?:-\s*)?(?:Update|Progress|Response|Status)\s*(?:\([^)]*\))?\s*[:\-–]\s*(?P<text>.*)$", re.I
)
_REF = re.compile(
    r"\b(?:Action\s+(?:No\.?\s*)?)?(?P<ref>\d{1,3}/\d{2,4}|[A-Z]{2,5}/\d{2}/\d{1,3})\b"
)
# "Action 05/2023 – DR to confirm … Update: …", "JAC/24/09 – …", "Action 12/2023 (BL to …) – …"
_REF_LINE = re.compile(
    r"^(?:-\s*)?(?:Action\s+(?:No\.?\s*)?)?(?P<ref>\d{1,3}/\d{2,4}|[A-Z]{2,5}/\d{2}/\d{1,3})\s*"
    r"(?:\((?P<what>[^)]{3,200})\))?\s*[–:—-]\s*(?P<rest>.+)$"
)
_STATUS = re.compile(
    r"\b(?:Closed|Open|Complete[d]?|Ongoing|Discharged|Superseded|Deferred)\.?\s*$"
)
_UPDATE_IN = re.compile(r"\bUpdate\s*:\s*")
_NOT_UPDATE = re.compile(r"^(?:RESOLVED|Resolved|DECISION|Decision|AGREED)\b|:\s*$")
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
    context: list[str] = []
    for position, line in enumerate(lines):
        body = line.body.strip()
        if not body:
            continue
        ref_update = ref_line_update(line)
        if ref_update is not None and (
            position in section or _UPDATE_IN.search(body) or _STATUS.search(body)
        ):
            updates.append(ref_update)
            continue
        label = _UPDATE.match(body)
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


def ref_line_update(line: Line) -> ActionUpdate | None:
    """Read "Action 05/2023 – text. Update: progress" as an update on action 05/2023."""
    # Every reference _REF_LINE knows holds a "/"; most lines hold none.
    m = _REF_LINE.match(line.body.strip()) if "/" in line.body else None
    if not m:
        return None
    rest = m.group("rest")
    split = _UPDATE_IN.search(rest)
    if split:
        refers_to = rest[: split.start()].strip()
        update = rest[split.end() :].strip()
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


def is_update_line(line: Line, in_section: bool) -> bool:
    """Say whether a line reports on an earlier action rather than raising a new one."""
    body = line.body.strip()
    if "/" not in body or _REF_LINE.match(body) is None:
        return False
    return in_section or bool(_UPDATE_IN.search(body)) or bool(_STATUS.search(body))


def update_section_lines(lines: list[Line], items: Items) -> set[int]:
    """The lines under an "Outstanding matters" or action-tracker item."""
    return _section_lines(lines, items)
