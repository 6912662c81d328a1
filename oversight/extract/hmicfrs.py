"""HMICFRS reports and recommendations: the inspection item of the agenda (its sub-items and
"Recommendation N:" parts), and inspection findings mentioned elsewhere in the minutes."""

from __future__ import annotations

import datetime as dt
import re

from oversight.extract.due import find_due
from oversight.extract.items import Items
from oversight.extract.lines import Line
from oversight.extract.sentences import split_sentences
from oversight.records.types import AgendaItem, Recommendation, SourceSpan

_INSPECTORATE = re.compile(r"\bHMI(?:C(?:FRS)?)?\b|\bInspectorate\b|\bPEEL\b")
_SECTION = re.compile(r"\bHMI(?:C(?:FRS)?)?\b|\binspections?\b|\bPEEL\b", re.I)
_REPORT_WORDS = re.compile(
    r"\b(?:inspections?|reports?|recommendations?|raised|PEEL|findings?|areas?\s+for\s+improvement|"
    r"AFIs?|causes?\s+of\s+concern|inspected|graded|rating)\b",
    re.I,
)
_RECOMMENDATION = re.compile(
    r"^(?:-\s*)?(?P<label>(?:Recommendation|Area\s+for\s+improvement|AFI|Cause\s+of\s+concern)"
    r"\s*(?:No\.?\s*)?\d{0,2}[a-z]?)\s*[:.\-–]\s*(?P<text>.*)$",
    re.I,
)
_QUOTED = re.compile(r"[“\"‘']([^”\"’']{8,200})[”\"’']")
# A leading lookahead names the first letters a match can start with (see oversight.extract.due).
_DEADLINE = re.compile(
    r"(?=[bifn])\b(?:by|before|in|from|no\s+later\s+than)\s+(?:the\s+)?(?:end\s+of\s+)?"
    r"(?:\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?)?(?:(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
    r"[a-z]*\.?(?:\s+(?:19|20)?\d\d)?|spring|summer|autumn|winter)(?:\s+(?:19|20)\d\d)?"
    r"(?:\s+deadline)?",
    re.I,
)


def _deadline(text: str, meeting_date: dt.date | None) -> tuple[str | None, dt.date | None]:
    m = _DEADLINE.search(text)
    if not m:
        return None, None
    phrase = re.sub(
        r"^(?:by|before|in|from|no\s+later\s+than)\s+(?:the\s+)?", "", m.group(0), flags=re.I
    )
    due = find_due(m.group(0), meeting_date=meeting_date)
    return phrase.strip(), due.date if due else None


def _is_child(item: AgendaItem, parent: AgendaItem) -> bool:
    return bool(item.number and parent.number and item.number.startswith(parent.number + " "))


def extract_hmicfrs(
    lines: list[Line], items: Items, *, meeting_date: dt.date | None
) -> list[Recommendation]:
    """Find HMICFRS reports and recommendations discussed."""
    found: list[Recommendation] = []
    groups: dict[int, list[tuple[Line, str]]] = {}
    for position, line in enumerate(lines):
        index = items.line_item.get(position)
        if index is None or position in items.title_lines:
            continue
        groups.setdefault(index, []).append((line, line.body.strip()))
    sections = [i for i, item in enumerate(items.items) if _SECTION.search(item.title)]
    covered: set[int] = set()
    for index in sections:
        if index in covered:
            continue
        parent = items.items[index]
        children = [
            j for j in range(index + 1, len(items.items)) if _is_child(items.items[j], parent)
        ]
        covered.update([index, *children])
        for j in children or [index]:
            found.extend(_entries(items.items[j], groups.get(j, []), parent, meeting_date))
    for index, group in groups.items():
        if index in covered:
            continue
        merged: dict[str, Recommendation] = {}
        for line, body in group:
            if "HMI" not in body and "Inspectorate" not in body and "PEEL" not in body:
                continue  # no sentence of it names the inspectorate
            for offset, sentence in split_sentences(body):
                if not (_INSPECTORATE.search(sentence) and _REPORT_WORDS.search(sentence)):
                    continue
                report = _report_name(sentence)
                span = SourceSpan(
                    line.body_start + offset, line.body_start + offset + len(sentence)
                )
                if report == _GENERIC and merged:
                    report = next(iter(merged))
                if report in merged:
                    entry = merged[report]
                    entry.text = f"{entry.text} {sentence}"
                    continue
                deadline, date = _deadline(sentence, meeting_date)
                merged[report] = Recommendation(
                    report=report, text=sentence, deadline=deadline, deadline_date=date, span=span
                )
        found.extend(merged.values())
    return found


def _report_name(sentence: str) -> str:
    quoted = _QUOTED.search(sentence)
    if quoted:
        return quoted.group(1).strip()
    peel = re.search(r"\bPEEL\b[\w\s]{0,30}?(?:inspection|report|assessment)", sentence, re.I)
    if peel:
        return f"HMICFRS {peel.group(0)}"
    return _GENERIC


_GENERIC = "HMICFRS inspection"


def _entries(
    item: AgendaItem,
    group: list[tuple[Line, str]],
    parent: AgendaItem,
    meeting_date: dt.date | None,
) -> list[Recommendation]:
    if not group:
        return []
    intro: list[str] = []
    current: Recommendation | None = None
    entries: list[Recommendation] = []
    report = parent.title if item is parent else item.title
    labelled = any(_RECOMMENDATION.match(body) for _, body in group)
    for line, body in group:
        quoted = _QUOTED.search(body)
        label = _RECOMMENDATION.match(body)
        if label:
            if current is None and quoted is None and intro:
                q = _QUOTED.search(" ".join(intro))
                if q:
                    report = q.group(1).strip()
            current = Recommendation(
                report=report,
                text=label.group("text").strip(),
                recommendation=label.group("label").strip(),
                span=line.body_span(),
            )
            entries.append(current)
            continue
        if current is not None:
            current.text = f"{current.text} {body}".strip()
            continue
        if quoted and not labelled and re.search(r"recommendation", body, re.I):
            report_rec = quoted.group(1).strip()
            intro.append(body)
            entries.append(
                Recommendation(
                    report=report, text=body, recommendation=report_rec, span=line.body_span()
                )
            )
            current = entries[-1]
            continue
        intro.append(body)
    if not entries:
        text = " ".join(intro)
        entries.append(Recommendation(report=report, text=text, span=group[0][0].body_span()))
    for entry in entries:
        entry.deadline, entry.deadline_date = _deadline(
            (entry.recommendation or "") + " " + entry.text, meeting_date
        )
    return entries
