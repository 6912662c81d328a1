"""Topics as the website shows them: counted in SQL, a topic's meetings a page at a time,
the words that triggered it, and which topics come up more now than before.

`hidden` names the meetings the reader may not see; hits there are neither shown nor counted.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import case, extract, func, select
from sqlalchemy.orm import Session

from oversight.records import SourceSpan
from oversight.store.facts import span_of
from oversight.store.tables import MeetingRow
from oversight.store.tracked_queries import split_list
from oversight.store.tracking_tables import TopicHitRow as Hit
from oversight.store.visibility import Hidden


@dataclass(frozen=True, slots=True)
class TopicMeeting:
    """A meeting that raised a topic, and how many times."""

    meeting_id: int
    title: str | None
    date: dt.date | None
    hits: int


@dataclass(frozen=True, slots=True)
class TopicPassage:
    """One place a topic came up: what was tagged, its text and the words that did it."""

    meeting_id: int
    target_kind: str
    target_key: str
    text: str
    words: list[str]
    span: SourceSpan | None


def topic_totals(*, session: Session, hidden: Hidden) -> dict[str, tuple[int, int]]:
    """Return each topic's (hits, distinct meetings) at meetings the reader may see."""
    statement = (
        select(Hit.topic, func.count(), func.count(Hit.meeting_id.distinct()))
        .where(hidden.allows(Hit.meeting_id))
        .group_by(Hit.topic)
    )
    return {topic: (int(h), int(m)) for topic, h, m in session.execute(statement)}


def count_topic_meetings(*, session: Session, topic: str, hidden: Hidden) -> int:
    """Return how many visible meetings raised a topic."""
    statement = select(func.count(Hit.meeting_id.distinct())).where(
        Hit.topic == topic, hidden.allows(Hit.meeting_id)
    )
    return int(session.execute(statement).scalar_one())


def topic_meetings(
    *, session: Session, topic: str, hidden: Hidden, limit: int, offset: int = 0
) -> list[TopicMeeting]:
    """Return one page of the meetings that raised a topic, newest first."""
    statement = (
        select(MeetingRow.id, MeetingRow.title, MeetingRow.date, func.count())
        .join(Hit, Hit.meeting_id == MeetingRow.id)
        .where(Hit.topic == topic, hidden.allows(Hit.meeting_id))
        .group_by(MeetingRow.id, MeetingRow.title, MeetingRow.date)
        .order_by(MeetingRow.date.desc().nulls_last(), MeetingRow.id.desc())
        .limit(limit)
        .offset(offset)
    )
    return [
        TopicMeeting(mid, title, date, int(n)) for mid, title, date, n in session.execute(statement)
    ]


def topic_passages(
    *, session: Session, topic: str, meetings: Sequence[int]
) -> dict[int, list[TopicPassage]]:
    """Return where a topic came up at each of these meetings, in the order of the minutes."""
    if not meetings:
        return {}
    statement = (
        select(Hit)
        .where(Hit.topic == topic, Hit.meeting_id.in_(sorted(set(meetings))))
        .order_by(Hit.meeting_id, Hit.span_start, Hit.id)
    )
    found: dict[int, list[TopicPassage]] = {}
    for h in session.scalars(statement):
        found.setdefault(h.meeting_id, []).append(
            TopicPassage(
                h.meeting_id,
                h.target_kind,
                h.target_key,
                h.text,
                split_list(h.words),
                span_of(h.span_start, h.span_end),
            )
        )
    return found


def topic_years(*, session: Session, topic: str, hidden: Hidden) -> list[tuple[int, int, int]]:
    """Return (year, meetings, hits) of a topic, oldest year first."""
    year = extract("year", Hit.date)
    statement = (
        select(year, func.count(Hit.meeting_id.distinct()), func.count())
        .where(Hit.topic == topic, Hit.date.is_not(None), hidden.allows(Hit.meeting_id))
        .group_by(year)
        .order_by(year)
    )
    return [(int(y), int(m), int(h)) for y, m, h in session.execute(statement)]


def topic_words(*, session: Session, topic: str, hidden: Hidden) -> list[tuple[str, int]]:
    """Return the words that triggered a topic with how many times, most used first."""
    statement = (
        select(Hit.words, func.count())
        .where(Hit.topic == topic, hidden.allows(Hit.meeting_id))
        .group_by(Hit.words)
    )
    counts: dict[str, int] = {}
    for words, n in session.execute(statement):
        for word in split_list(words):
            counts[word] = counts.get(word, 0) + int(n)
    return sorted(counts.items(), key=lambda pair: (-pair[1], pair[0]))


def topic_change(
    *, session: Session, hidden: Hidden, start: dt.date, middle: dt.date, end: dt.date
) -> list[tuple[str, int, int]]:
    """Return (topic, mentions before, mentions since) for two periods, [start, middle) and
    [middle, end]; the date bounds let an index on the hit's date do the work."""
    earlier = case((Hit.date < middle, 1), else_=0)
    later = case((Hit.date >= middle, 1), else_=0)
    statement = (
        select(Hit.topic, func.sum(earlier), func.sum(later))
        .where(Hit.date >= start, Hit.date <= end, hidden.allows(Hit.meeting_id))
        .group_by(Hit.topic)
    )
    return [(topic, int(a or 0), int(b or 0)) for topic, a, b in session.execute(statement)]
