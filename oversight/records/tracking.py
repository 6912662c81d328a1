"""Domain types of the record across meetings: tracked items, their history, people and roles.

A tracked item is an action, a promise (a dated commitment by the force) or an HMICFRS
recommendation, followed from the meeting that raised it through every later meeting that
reported on it. Its `events` say what happened where, each with the meeting, the source span
that caused it, how it was linked and how sure the link is. Status is derived from the events
and the due date for a given day, so "overdue" always means overdue as of that day.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum

from oversight.records.types import SourceSpan


class ItemKind(StrEnum):
    """What is being tracked."""

    ACTION = "action"
    PROMISE = "promise"
    RECOMMENDATION = "recommendation"


class ItemStatus(StrEnum):
    """Where a tracked item stands on a given day."""

    OPEN = "open"
    UPDATED = "updated"
    CLOSED = "closed"
    OVERDUE = "overdue"
    DROPPED = "dropped"


class Effect(StrEnum):
    """What a meeting did to a tracked item."""

    RAISED = "raised"
    UPDATE = "update"
    CARRIED_FORWARD = "carried_forward"
    CLOSED = "closed"
    DROPPED = "dropped"
    MENTIONED = "mentioned"
    REOPENED = "reopened"


class LinkMethod(StrEnum):
    """How an event was tied to its item."""

    SOURCE = "source"
    REFERENCE = "reference"
    TEXT = "text"
    CORRECTION = "correction"


TERMINAL = frozenset({Effect.CLOSED, Effect.DROPPED})


@dataclass(frozen=True)
class MeetingRef:
    """A stored meeting as the tracking layer sees it."""

    meeting_id: int
    key: str
    date: dt.date | None
    title: str | None = None
    body: str | None = None
    source: str = ""
    series: str = "meeting"


@dataclass
class ItemEvent:
    """One thing that happened to a tracked item at one meeting."""

    effect: Effect
    meeting_id: int
    date: dt.date | None
    text: str
    span: SourceSpan | None = None
    method: LinkMethod = LinkMethod.SOURCE
    confidence: float = 1.0
    fact_key: str | None = None


@dataclass
class TrackedItem:
    """An action, promise or recommendation followed across meetings."""

    key: str
    kind: ItemKind
    meeting_id: int
    date: dt.date | None
    text: str
    owners: list[str] = field(default_factory=list)
    people: list[str] = field(default_factory=list)
    reference: str | None = None
    item: str | None = None
    due: str | None = None
    due_date: dt.date | None = None
    due_note: str | None = None
    span: SourceSpan | None = None
    events: list[ItemEvent] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)

    def ended_on(self, day: dt.date | None = None) -> ItemEvent | None:
        """Return the event that closed or dropped the item by `day`, if one has."""
        ended: ItemEvent | None = None
        for event in self.events:
            if day is not None and event.date is not None and event.date > day:
                continue
            if event.effect in TERMINAL:
                ended = event
            elif event.effect is Effect.REOPENED:
                ended = None
        return ended

    def status_on(self, day: dt.date) -> ItemStatus:
        """Return the item's status as of `day`."""
        ended = self.ended_on(day)
        if ended is not None:
            return ItemStatus.CLOSED if ended.effect is Effect.CLOSED else ItemStatus.DROPPED
        if self.due_date is not None and self.due_date < day:
            return ItemStatus.OVERDUE
        updated = any(
            e.effect in (Effect.UPDATE, Effect.CARRIED_FORWARD, Effect.REOPENED)
            and (e.date is None or e.date <= day)
            for e in self.events
        )
        return ItemStatus.UPDATED if updated else ItemStatus.OPEN


@dataclass(frozen=True)
class ItemLink:
    """An update or mention at a later meeting tied to the item it reports on."""

    fact_key: str
    item_key: str
    effect: Effect
    method: LinkMethod
    confidence: float


@dataclass(frozen=True)
class Attendance:
    """One person's presence or apologies at one meeting, as the minutes wrote them."""

    meeting_id: int
    date: dt.date | None
    status: str
    written: str
    role: str | None = None
    abbreviation: str | None = None


@dataclass(frozen=True)
class RoleTenure:
    """A continuous spell of one person in one role, as the attendance shows it."""

    role: str
    qualifier: str | None
    person_key: str
    name: str
    first_meeting_id: int
    first_date: dt.date | None
    last_meeting_id: int
    last_date: dt.date | None
    meetings: int = 1

    @property
    def title(self) -> str:
        """The role with its qualifier, e.g. "Temporary Chief Constable"."""
        return f"{self.qualifier.capitalize()} {self.role}" if self.qualifier else self.role


@dataclass
class PersonRecord:
    """One real person across meetings, with every way their name was written."""

    key: str
    name: str
    variants: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    attendance: list[Attendance] = field(default_factory=list)


@dataclass(frozen=True)
class Topic:
    """A policing theme and the words that signal it."""

    key: str
    label: str
    words: tuple[str, ...]


@dataclass(frozen=True)
class TopicHit:
    """A topic found in one part of one meeting, with the words that triggered it."""

    topic: str
    meeting_id: int
    date: dt.date | None
    target_kind: str
    target_key: str
    text: str
    words: tuple[str, ...]
    span: SourceSpan | None = None


@dataclass(frozen=True)
class FigurePoint:
    """One quotation of a measure at one meeting."""

    meeting_id: int
    date: dt.date | None
    value: str
    target: str | None = None
    area: str | None = None
    period: str | None = None
    span: SourceSpan | None = None


@dataclass
class FigureSeries:
    """The same measure quoted at different meetings."""

    key: str
    measure: str
    unit: str | None = None
    target: str | None = None
    points: list[FigurePoint] = field(default_factory=list)


@dataclass(frozen=True)
class Correction:
    """A person's correction of the tracked record, kept apart from what was extracted."""

    target_kind: str
    target_key: str
    operation: str
    value: str | None = None
    author: str | None = None
    note: str | None = None
    created_at: dt.datetime | None = None
    id: int | None = None


@dataclass
class TrackingRecord:
    """Everything the tracking layer derives from the stored meetings."""

    items: list[TrackedItem] = field(default_factory=list)
    people: list[PersonRecord] = field(default_factory=list)
    tenures: list[RoleTenure] = field(default_factory=list)
    topic_hits: list[TopicHit] = field(default_factory=list)
    series: list[FigureSeries] = field(default_factory=list)
