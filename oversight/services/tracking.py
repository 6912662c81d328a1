"""The record across meetings as services: tracked items, people and roles, topics, figures.

Every function takes the session first and speaks `records` types; the CLI and the web
call these and nothing below them. `as_of` defaults to today wherever status is shown.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.orm import Session

from oversight.records.tracking import (
    Correction,
    FigureSeries,
    ItemKind,
    PersonRecord,
    RoleTenure,
    TopicHit,
)
from oversight.services.errors import ServiceError
from oversight.store.tracked import add_correction, list_corrections
from oversight.store.tracked_queries import (
    SORTS,
    ItemFilter,
    ItemRow,
    get_item,
    get_person,
    item_topic_hits,
    list_items,
    list_people_tracked,
    list_series,
    list_tenures,
    topic_counts,
    topic_hits,
)
from oversight.tracking.corrections import CorrectionError, check
from oversight.tracking.mentions import Resolver
from oversight.tracking.refresh import refresh_tracking
from oversight.tracking.roles import resolve_mention
from oversight.tracking.topics import load_taxonomy
from oversight.tracking.topics import raised_before as find_raised_before

STATUSES = ("open", "updated", "overdue", "closed", "dropped")
OPEN_STATUSES = ("open", "updated", "overdue")


class NotFoundError(ServiceError):
    """The item, person or topic asked for is not in the record."""


class InvalidRequestError(ServiceError):
    """A request that cannot be carried out as asked (a bad status, sort or correction)."""


def _today(as_of: dt.date | None) -> dt.date:
    return as_of or dt.date.today()


def tracked_items(
    *,
    session: Session,
    kind: ItemKind | None = ItemKind.ACTION,
    statuses: tuple[str, ...] = (),
    owner: str | None = None,
    person: str | None = None,
    topic: str | None = None,
    meeting_id: int | None = None,
    due_from: dt.date | None = None,
    due_to: dt.date | None = None,
    as_of: dt.date | None = None,
    sort: str = "due",
    limit: int | None = None,
    offset: int = 0,
) -> list[ItemRow]:
    """Return tracked items with their status as of a day, filtered and sorted."""
    unknown = [s for s in statuses if s not in STATUSES]
    if unknown:
        raise InvalidRequestError(f"unknown status {unknown[0]!r}: use {', '.join(STATUSES)}")
    if sort not in SORTS:
        raise InvalidRequestError(f"unknown sort {sort!r}: use {', '.join(SORTS)}")
    wanted = ItemFilter(kind, statuses, owner, person, topic, meeting_id, due_from, due_to)
    return list_items(
        session=session, wanted=wanted, day=_today(as_of), sort=sort, limit=limit, offset=offset
    )


def tracked_item(*, session: Session, key: str, as_of: dt.date | None = None) -> ItemRow:
    """Return one tracked item with its history across meetings."""
    found = get_item(session=session, key=key, day=_today(as_of))
    if found is None:
        raise NotFoundError(f"no tracked item {key!r}")
    return found


def people_over_time(*, session: Session) -> list[PersonRecord]:
    """Return every person found across meetings, with their name variants and roles."""
    return list_people_tracked(session=session)


@dataclass(frozen=True)
class PersonHistory:
    """A person's attendance over time and the roles they held."""

    person: PersonRecord
    tenures: list[RoleTenure]


def person_history(*, session: Session, key: str) -> PersonHistory:
    """Return one person's attendance and role timeline."""
    found = get_person(session=session, key=key)
    if found is None:
        raise NotFoundError(f"no person {key!r}")
    return PersonHistory(*found)


def role_timeline(*, session: Session, role: str | None = None) -> list[RoleTenure]:
    """Return who held each role when, for one role or all of them."""
    return list_tenures(session=session, role=role)


def resolve_role(*, session: Session, text: str, on: dt.date | None) -> RoleTenure | None:
    """Return the tenure a mention such as "the DCC" or "ACC RJ" points to on a day."""
    return resolve_mention(text, on, list_tenures(session=session))


def resolve_person(*, session: Session, text: str, on: dt.date | None) -> PersonRecord | None:
    """Return the person a mention means on a day: a role ("the DCC", "T/CC", "ACC RJ"),
    letters the attendance gave someone ("BL"), or a way of writing their name."""
    people = [
        found.person
        for p in list_people_tracked(session=session)
        if (found := person_history(session=session, key=p.key))
    ]
    resolver = Resolver(people, list_tenures(session=session))
    key = resolver.resolve(text, on)
    return resolver.person(key) if key else None


@dataclass(frozen=True)
class TopicSummary:
    """A topic of the taxonomy and how often it came up."""

    key: str
    label: str
    hits: int
    meetings: int


def topics(*, session: Session, taxonomy_path: Path | None = None) -> list[TopicSummary]:
    """Return every topic of the taxonomy with how often and in how many meetings it came up."""
    counts = {key: (hits, meetings) for key, hits, meetings in topic_counts(session=session)}
    found = [
        TopicSummary(t.key, t.label, *counts.get(t.key, (0, 0)))
        for t in load_taxonomy(taxonomy_path)
    ]
    return sorted(found, key=lambda t: (-t.meetings, t.key))


@dataclass(frozen=True)
class TopicTimeline:
    """Where a topic came up, meeting by meeting, and the open items on it."""

    topic: TopicSummary
    hits: list[TopicHit]
    open_items: list[ItemRow] = field(default_factory=list)


def topic_timeline(
    *,
    session: Session,
    topic: str,
    as_of: dt.date | None = None,
    taxonomy_path: Path | None = None,
) -> TopicTimeline:
    """Return a topic's timeline and its open actions and promises."""
    found = topics(session=session, taxonomy_path=taxonomy_path)
    summary = next((t for t in found if t.key == topic), None)
    if summary is None:
        raise NotFoundError(f"no topic {topic!r}")
    open_items = tracked_items(
        session=session, kind=None, statuses=OPEN_STATUSES, topic=topic, as_of=as_of
    )
    return TopicTimeline(summary, topic_hits(session=session, topic=topic), open_items)


def raised_before(*, session: Session, meeting_id: int) -> dict[str, list[TopicHit]]:
    """Return, for each agenda item of a meeting, earlier items on the same matter."""
    now = item_topic_hits(session=session, meeting_id=meeting_id)
    day = next((h.date for h in now if h.date is not None), None)
    if not now or day is None:
        return {}
    topics_now = tuple(sorted({h.topic for h in now}))
    earlier = item_topic_hits(session=session, before=day, topics=topics_now)
    return find_raised_before(now, earlier)


def figure_series(*, session: Session, min_points: int = 2) -> list[FigureSeries]:
    """Return each measure quoted at `min_points` or more meetings, as a series."""
    return list_series(session=session, min_points=min_points)


def correct(*, session: Session, correction: Correction, taxonomy_path: Path | None = None) -> int:
    """Store a correction, rebuild the record with it, and return its id."""
    try:
        check(correction)
    except CorrectionError as exc:
        raise InvalidRequestError(str(exc)) from None
    correction_id = add_correction(session=session, correction=correction)
    refresh_tracking(session=session, taxonomy_path=taxonomy_path)
    return correction_id


def corrections(*, session: Session) -> list[Correction]:
    """Return every correction made, oldest first."""
    return list_corrections(session=session)


def refresh(*, session: Session, taxonomy_path: Path | None = None) -> int:
    """Rebuild the record across meetings; return how many items it tracks."""
    return len(refresh_tracking(session=session, taxonomy_path=taxonomy_path).items)
