"""Decisions: "Decision:" lines and council-style "RESOLVED: That …" with their lettered
parts."""

from __future__ import annotations

import re

from oversight.extract.items import Items, item_label
from oversight.extract.lines import Line
from oversight.records.types import Decision, SourceSpan

_LABEL = re.compile(
    r"^(?:-\s*)?(?:(?:It\s+was\s+)?(?:RESOLVED|Resolved|DECISIONS?|Decisions?|AGREED|Agreed|"
    r"DECIDED|Decided)(?:\s+(?:unanimously|that))?\s*(?::|–|-|—)?\s*)(?P<text>.*)$"
)
_PART = re.compile(r"^(?:-\s*)?(?:\(?[a-z0-9ivx]{1,4}[.)]|[-•])\s+(?P<text>.+)$")
# "(a) supports the precept; and" – the joining word belongs to the list, not the decision.
_LIST_JOIN = re.compile(r"(?<=[;,])\s*(?:and|or)\s*$")
_STARTS = re.compile(
    r"^(?:RESOLVED|Resolved|DECISION|Decision|DECIDED|Decided)\b|^It\s+was\s+resolved", re.I
)
# The letters _STARTS can open with, in every form re.I matches (dotless and dotted i too):
# most lines open with none of them and need not be matched.
_STARTS_FIRST = frozenset("RrDdIi\u0131\u0130")


def extract_decisions(lines: list[Line], items: Items) -> list[Decision]:
    """Find the decisions the meeting took."""
    decisions: list[Decision] = []
    position = 0
    while position < len(lines):
        line = lines[position]
        body = line.body.strip()
        lead = body.lstrip("- ")
        if (
            lead[:1] not in _STARTS_FIRST
            or not _STARTS.match(lead)
            or position in items.title_lines
        ):
            position += 1
            continue
        m = _LABEL.match(body)
        text = m.group("text").strip() if m else ""
        item = item_label(items.item_at(position))
        follow = position + 1
        parts: list[tuple[str, Line]] = []
        while follow < len(lines):
            part = _PART.match(lines[follow].body.strip())
            if not part or lines[follow].number is not None or follow in items.title_lines:
                break
            parts.append((_LIST_JOIN.sub("", part.group("text").strip()), lines[follow]))
            follow += 1
        if text and not (parts and text.endswith(":")):
            offset = line.body.find(text)
            decisions.append(
                Decision(text=text, item=item, span=line.body_span(offset, offset + len(text)))
            )
        for part_text, part_line in parts:
            offset = part_line.body.find(part_text)
            decisions.append(
                Decision(
                    text=part_text,
                    item=item,
                    span=SourceSpan(
                        part_line.body_start + offset,
                        part_line.body_start + offset + len(part_text),
                    ),
                )
            )
        position = follow
    return decisions
