"""Build the meeting page and the page of one fact from a meeting's stored record.

Each fact is numbered from 1 within its kind, in the order of the minutes; that number,
its anchor (`action-3`) and its URL (`/meetings/7/actions/3`) are what a citation points at.
"""

from __future__ import annotations

import datetime as dt
from typing import TypedDict

from pydantic import BaseModel

from oversight.records import Meeting, SourceSpan
from oversight.services.browse import MeetingRecord
from oversight.services.item_tracker import MeetingTracking
from oversight.web.schemas import (
    ANCHOR_PREFIX,
    FACT_KINDS,
    ActionPublic,
    AgendaItemPublic,
    DecisionPublic,
    FactPublic,
    FigurePublic,
    MeetingLinkPublic,
    MeetingPublic,
    NextMeetingPublic,
    PersonPublic,
    PromisePublic,
    RecommendationPublic,
    item_url,
    meeting_url,
    span_pair,
)
from oversight.web.source_text import HighlightPublic, SourceTextPublic
from oversight.web.tracking_schemas import tracked_url

# How much text either side of a fact's span its own page shows.
EXCERPT_CONTEXT_CHARS = 200


class DetailPublic(BaseModel):
    """One labelled value of a fact (owner, due date, target, ...)."""

    label: str
    value: str


class EarlierItemPublic(BaseModel):
    """Something this meeting said of an action, promise or recommendation raised before."""

    key: str
    kind: str
    effect: str
    text: str
    url: str
    span: list[int] | None


class MeetingPage(BaseModel):
    """The meeting page: the structured record beside the original text, and what the
    meeting said of items raised at earlier meetings (the first 50 of `earlier_total`)."""

    meeting: MeetingPublic
    source: SourceTextPublic
    earlier: list[EarlierItemPublic] = []
    earlier_total: int = 0


class ItemPage(BaseModel):
    """One fact of a meeting on a page of its own, with its passage and citation."""

    meeting: MeetingLinkPublic
    kind: str
    number: int
    anchor: str
    heading: str
    text: str
    details: list[DetailPublic]
    excerpt_before: str
    excerpt: str
    excerpt_after: str
    citation: str
    url: str
    tracked_url: str | None = None


class _FactFields(TypedDict):
    number: int
    anchor: str
    url: str
    span: list[int] | None
    citation: str
    tracked_key: str | None
    tracked_url: str | None


def long_date(day: dt.date | None) -> str:
    """Write a date as minutes do: 5 March 2024."""
    return "undated" if day is None else f"{day.day} {day:%B %Y}"


def citation(meeting: Meeting, source: str, label: str, url: str) -> str:
    """Return the citation of a fact: title, date, item, URL."""
    return f"{meeting.title or source}, {long_date(meeting.date)}, {label}, {url}"


# The letter of a fact's kind in the keys of tracked items (20250410-A03 is action 3).
_TRACKED_LETTER = {"actions": "A", "promises": "P", "recommendations": "R"}


def _tracked(tracking: MeetingTracking | None, kind: str, n: int) -> tuple[str, str, str] | None:
    """Return (key, kind, status) of the item following the n-th fact of a kind, if any."""
    letter = _TRACKED_LETTER.get(kind)
    if tracking is None or letter is None:
        return None
    raised = tracking.raised.get((letter, n))
    if raised is not None:
        return raised.item.key, raised.item.kind.value, raised.status
    suffix = f"-{letter}{n:02d}"
    for key, item_kind, event in tracking.earlier:
        if event.fact_key is not None and event.fact_key.endswith(suffix):
            return key, item_kind, ""
    return None


def _fact(
    record: MeetingRecord,
    base: str,
    kind: str,
    n: int,
    span: SourceSpan | None,
    tracking: MeetingTracking | None = None,
) -> _FactFields:
    url = item_url(record.stored.id, kind, n)
    label = f"{FACT_KINDS[kind].lower()} {n}"
    tracked = _tracked(tracking, kind, n)
    return _FactFields(
        number=n,
        anchor=f"{ANCHOR_PREFIX[kind]}-{n}",
        url=url,
        span=span_pair(span),
        citation=citation(record.stored.meeting, record.stored.document.source, label, base + url),
        tracked_key=None if tracked is None else tracked[0],
        tracked_url=None if tracked is None else tracked_url(tracked[1], tracked[0]),
    )


def _status(tracking: MeetingTracking | None, n: int, stored: str) -> str:
    tracked = _tracked(tracking, "actions", n)
    return tracked[2] if tracked is not None and tracked[2] else stored


def meeting_public(
    record: MeetingRecord, base: str, tracking: MeetingTracking | None = None
) -> MeetingPublic:
    """Describe a meeting's full record; `base` is the site's address for citations, and
    `tracking` ties its actions, promises and recommendations to their tracked items."""
    stored, m = record.stored, record.stored.meeting
    statuses = dict(zip(stored.action_ids, stored.action_statuses, strict=False))
    nxt = m.next_meeting
    return MeetingPublic(
        id=stored.id,
        title=m.title,
        body=m.body,
        kind=record.kind,
        date=m.date,
        date_note=m.date_note,
        start_time=m.start_time,
        venue=m.venue,
        chair=m.chair,
        minute_taker=m.minute_taker,
        state=record.state.value,
        source=stored.document.source,
        url=meeting_url(stored.id),
        attendees=[
            PersonPublic(name=p.name, role=p.role, abbreviation=p.abbreviation) for p in m.attendees
        ],
        apologies=[
            PersonPublic(name=p.name, role=p.role, abbreviation=p.abbreviation) for p in m.apologies
        ],
        items=[AgendaItemPublic(number=i.number, title=i.title, level=i.level) for i in m.items],
        actions=[
            ActionPublic(
                **_fact(record, base, "actions", n, a.span, tracking),
                id=action_id,
                text=a.text,
                owners=list(a.owners),
                item=a.item,
                due=a.due,
                due_date=a.due_date,
                reference=a.reference,
                status=_status(tracking, n, statuses.get(action_id, "open")),
            )
            for n, (a, action_id) in enumerate(zip(m.actions, stored.action_ids, strict=False), 1)
        ],
        decisions=[
            DecisionPublic(**_fact(record, base, "decisions", n, d.span), text=d.text, item=d.item)
            for n, d in enumerate(m.decisions, 1)
        ],
        figures=[
            FigurePublic(
                **_fact(record, base, "figures", n, f.span),
                measure=f.measure,
                value=f.value,
                unit=f.unit,
                target=f.target,
                area=f.area,
                period=f.period,
            )
            for n, f in enumerate(m.figures, 1)
        ],
        promises=[
            PromisePublic(
                **_fact(record, base, "promises", n, c.span, tracking),
                text=c.text,
                who=c.who,
                by=c.by,
                by_date=c.by_date,
            )
            for n, c in enumerate(m.commitments, 1)
        ],
        recommendations=[
            RecommendationPublic(
                **_fact(record, base, "recommendations", n, r.span, tracking),
                report=r.report,
                recommendation=r.recommendation,
                text=r.text,
                deadline=r.deadline,
                deadline_date=r.deadline_date,
            )
            for n, r in enumerate(m.hmicfrs, 1)
        ],
        next_meeting=None
        if nxt is None
        else NextMeetingPublic(date=nxt.date, time=nxt.time, kind=nxt.kind, venue=nxt.venue),
    )


def facts_of(meeting: MeetingPublic, kind: str) -> list[FactPublic]:
    """Return a meeting's facts of one kind (a key of FACT_KINDS)."""
    facts: dict[str, list[FactPublic]] = {
        "actions": list(meeting.actions),
        "decisions": list(meeting.decisions),
        "figures": list(meeting.figures),
        "promises": list(meeting.promises),
        "recommendations": list(meeting.recommendations),
    }
    return facts[kind]


def meeting_page(
    record: MeetingRecord,
    base: str,
    found: tuple[int, int] | None = None,
    tracking: MeetingTracking | None = None,
) -> MeetingPage:
    """Build the meeting page; `found` marks a passage a search result pointed at."""
    meeting = meeting_public(record, base, tracking)
    highlights = [
        HighlightPublic(
            anchor=fact.anchor,
            kind=ANCHOR_PREFIX[kind],
            label=f"{FACT_KINDS[kind]} {fact.number}",
            start=fact.span[0],
            end=fact.span[1],
        )
        for kind in FACT_KINDS
        for fact in facts_of(meeting, kind)
        if fact.span is not None
    ]
    if found is not None and 0 <= found[0] < found[1] <= len(record.text):
        highlights.append(
            HighlightPublic(
                anchor="found", kind="found", label="Search result", start=found[0], end=found[1]
            )
        )
    earlier = [] if tracking is None else tracking.earlier
    return MeetingPage(
        meeting=meeting,
        source=SourceTextPublic(text=record.text, highlights=highlights),
        earlier=[
            EarlierItemPublic(
                key=key,
                kind=kind,
                effect=event.effect.value,
                text=event.text,
                url=tracked_url(kind, key),
                span=span_pair(event.span),
            )
            for key, kind, event in earlier
        ],
        earlier_total=0 if tracking is None else tracking.earlier_total,
    )


def _details(fact: FactPublic) -> list[DetailPublic]:
    pairs: list[tuple[str, object]] = []
    if isinstance(fact, ActionPublic):
        pairs = [
            ("Owners", ", ".join(fact.owners)),
            ("Due", fact.due),
            ("Due date", fact.due_date),
            ("Item", fact.item),
            ("Reference", fact.reference),
            ("Status", fact.status),
        ]
    elif isinstance(fact, DecisionPublic):
        pairs = [("Item", fact.item)]
    elif isinstance(fact, FigurePublic):
        pairs = [
            ("Measure", fact.measure),
            ("Value", f"{fact.value}{' ' + fact.unit if fact.unit else ''}"),
            ("Target", fact.target),
            ("Area", fact.area),
            ("Period", fact.period),
        ]
    elif isinstance(fact, PromisePublic):
        pairs = [("Who", fact.who), ("By", fact.by), ("By date", fact.by_date)]
    elif isinstance(fact, RecommendationPublic):
        pairs = [
            ("Report", fact.report),
            ("Recommendation", fact.recommendation),
            ("Deadline", fact.deadline),
            ("Deadline date", fact.deadline_date),
        ]
    return [DetailPublic(label=k, value=str(v)) for k, v in pairs if v not in (None, "")]


def _text_of(fact: FactPublic) -> str:
    if isinstance(fact, FigurePublic):
        return f"{fact.measure}: {fact.value}{' ' + fact.unit if fact.unit else ''}"
    return str(getattr(fact, "text", ""))


def item_page(
    record: MeetingRecord,
    base: str,
    kind: str,
    number: int,
    tracking: MeetingTracking | None = None,
) -> ItemPage | None:
    """Build the page of one fact, or None when the meeting has no such fact."""
    meeting = meeting_public(record, base, tracking)
    facts = facts_of(meeting, kind)
    if not 1 <= number <= len(facts):
        return None
    fact = facts[number - 1]
    before = excerpt = after = ""
    if fact.span is not None:
        start, end = max(0, fact.span[0]), min(len(record.text), fact.span[1])
        before = record.text[max(0, start - EXCERPT_CONTEXT_CHARS) : start]
        excerpt = record.text[start:end]
        after = record.text[end : end + EXCERPT_CONTEXT_CHARS]
    return ItemPage(
        meeting=MeetingLinkPublic(
            id=meeting.id, title=meeting.title, date=meeting.date, url=meeting.url
        ),
        kind=kind,
        number=number,
        anchor=fact.anchor,
        heading=f"{FACT_KINDS[kind]} {number}",
        text=_text_of(fact),
        details=_details(fact),
        excerpt_before=before,
        excerpt=excerpt,
        excerpt_after=after,
        citation=fact.citation,
        url=fact.url,
        tracked_url=fact.tracked_url,
    )
