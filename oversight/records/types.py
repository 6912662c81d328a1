"""The meeting record: what one set of minutes says, with where each fact came from.

Every fact carries a `SourceSpan`: character offsets into the text of the document it was
extracted from (`Document.text`), so that a reader can be shown the passage behind it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class SourceSpan:
    """Half-open character range [start, end) in a document's text."""

    start: int
    end: int


@dataclass(slots=True)
class Person:
    """Someone named in the attendance: name as written, capacity, bracketed letters."""

    name: str
    role: str | None = None
    abbreviation: str | None = None
    span: SourceSpan | None = None


@dataclass(slots=True)
class AgendaItem:
    """An agenda item or sub-item; `number` is None for unnumbered headings."""

    title: str
    number: str | None = None
    level: int = 1
    span: SourceSpan | None = None


@dataclass(slots=True)
class Action:
    """A task given to someone at the meeting."""

    text: str
    owners: list[str] = field(default_factory=list)
    item: str | None = None
    due: str | None = None
    due_date: dt.date | None = None
    reference: str | None = None
    span: SourceSpan | None = None


@dataclass(slots=True)
class ActionUpdate:
    """Progress reported at this meeting on an action raised earlier."""

    refers_to: str
    update: str
    reference: str | None = None
    span: SourceSpan | None = None


@dataclass(slots=True)
class Decision:
    """Something the meeting decided or resolved."""

    text: str
    item: str | None = None
    span: SourceSpan | None = None


@dataclass(slots=True)
class Recommendation:
    """An HMICFRS report, or one of its recommendations, as discussed at the meeting."""

    report: str
    text: str
    recommendation: str | None = None
    deadline: str | None = None
    deadline_date: dt.date | None = None
    span: SourceSpan | None = None


@dataclass(slots=True)
class Figure:
    """A number quoted in the minutes, with what it measures."""

    measure: str
    value: str
    unit: str | None = None
    target: str | None = None
    area: str | None = None
    period: str | None = None
    span: SourceSpan | None = None


@dataclass(slots=True)
class Commitment:
    """A dated promise made by the force or another attendee."""

    text: str
    who: str | None = None
    by: str | None = None
    by_date: dt.date | None = None
    span: SourceSpan | None = None


@dataclass(slots=True)
class NextMeeting:
    """When and where the next meeting is to be."""

    date: dt.date | None = None
    time: str | None = None
    kind: str | None = None
    venue: str | None = None
    span: SourceSpan | None = None


@dataclass(slots=True)
class Meeting:
    """One meeting's record as extracted from its minutes."""

    source: str
    title: str | None = None
    body: str | None = None
    date: dt.date | None = None
    date_note: str | None = None
    start_time: str | None = None
    venue: str | None = None
    chair: str | None = None
    minute_taker: str | None = None
    minute_taker_role: str | None = None
    attendees: list[Person] = field(default_factory=list)
    apologies: list[Person] = field(default_factory=list)
    items: list[AgendaItem] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    action_updates: list[ActionUpdate] = field(default_factory=list)
    decisions: list[Decision] = field(default_factory=list)
    hmicfrs: list[Recommendation] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    commitments: list[Commitment] = field(default_factory=list)
    next_meeting: NextMeeting | None = None
