"""Updates given on earlier actions: "Update:" paragraphs, and what is said under an
"Outstanding matters" / "Review of action tracker" item, with action numbers where given
("the following actions were agreed as completed: 17/2022, 18/2022")."""

from __future__ import annotations

import re

from oversight.extract.items import Items
from oversight.extract.lines import Line
from oversight.records.types import ActionUpdate, SourceSpan

_SECTION = re.compile(
    r"outstanding\s+(?:matters|actions|items)|matters\s+arising|action\s+(?:tracker|log|sheet)|"
    r"actions?\s+(?:from|of)\s+(?:the\s+)?(?:previous|last)|previous\s+actions|"
    r"review\s+of\s+(?:the\s+)?actions|brought\s+forward|progress\s+on\s+actions|rolling\s+actions",
    re.I,
)
_UPDATE = re.compile(r"^(?:-\s*)?(?:Update|Progress|Response|Status)\s*(?:\([^)]*\))?\s*[:\-–]\s*(?P<text>.*)$", re.I)
_REF = re.compile(r"\b(?:Action\s+(?:No\.?\s*)?)?(?P<ref>\d{1,3}/\d{2,4})\b")
_REF_LIST = re.compile(
    r"(?:actions?|items?)\b[^:]{0,80}?(?:completed|closed|discharged|complete|done)[^:]{0,20}:\s*"
    r"(?P<refs>\d{1,3}/\d{2,4}(?:\s*(?:,|and|&)\s*\d{1,3}/\d{2,4})*)",
    re.I,
)
_EMPTY = re.compile(r"^(?:N/?A|None|Nil|No\s+(?:outstanding\s+)?(?:matters|actions|items))\.?$", re.I)


def _section_lines(lines: list[Line], items: Items) -> set[int]:
    positions: set[int] = set()
    for position in items.line_item:
        item = items.item_at(position)
        if item is not None and _SECTION.search(item.title):
            positions.add(position)
    return positions


def extract_updates(lines: list[Line], items: Items) -> list[ActionUpdate]:
    """Find the updates reported on earlier actions."""
    updates: list[ActionUpdate] = []
    section = _section_lines(lines, items)
    labelled_sections = {
        items.line_item.get(p) for p, line in enumerate(lines) if p in section and _UPDATE.match(line.body)
    }
    context: list[str] = []
    for position, line in enumerate(lines):
        body = line.body.strip()
        if not body:
            continue
        label = _UPDATE.match(body)
        if position in items.title_lines:
            context = []
            title = items.item_at(position)
            if title is not None and _SECTION.search(title.title) and title.title != body:
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
                        span=SourceSpan(target.body_start + offset,
                                        target.body_start + offset + len(text)),
                    )
                )
            context = []
            continue
        if in_section and items.line_item.get(position) not in labelled_sections:
            if _EMPTY.match(body):
                continue
            ref_list = _REF_LIST.search(body)
            if ref_list:
                for ref in re.findall(r"\d{1,3}/\d{2,4}", ref_list.group("refs")):
                    updates.append(ActionUpdate(refers_to=f"Action {ref}", update=body,
                                                reference=ref, span=line.body_span()))
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
