"""Topics as the website shows them: every theme with how often it came up, one theme's
meetings a page at a time with what was said, and the themes rising now.

Counts leave out the meetings the reader may not see. The taxonomy is read from the file
the settings name (or the one shipped), once until the file changes.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session

from oversight.records.tracking import Topic
from oversight.services.tracking import NotFoundError
from oversight.store.tracked_topics import (
    TopicMeeting,
    TopicPassage,
    count_topic_meetings,
    topic_change,
    topic_meetings,
    topic_passages,
    topic_totals,
    topic_words,
    topic_years,
)
from oversight.store.visibility import hidden_for
from oversight.tracking.topics import DEFAULT_TAXONOMY, load_taxonomy

# Topics rising compare how often each theme came up in the last half year with the half
# year before it.
RISING_WINDOW_DAYS = 182


@functools.lru_cache(maxsize=8)
def _cached_taxonomy(path: Path, modified: int) -> tuple[Topic, ...]:
    return tuple(load_taxonomy(path))


def taxonomy(path: Path | None = None) -> tuple[Topic, ...]:
    """Return the topics of the taxonomy file (the shipped one unless another is named)."""
    source = path or DEFAULT_TAXONOMY
    return _cached_taxonomy(source, source.stat().st_mtime_ns)


@dataclass(frozen=True, slots=True)
class TopicLine:
    """A theme with its words and how often it came up."""

    key: str
    label: str
    words: tuple[str, ...]
    hits: int
    meetings: int


def topic_index(
    *, session: Session, drafts: bool, taxonomy_path: Path | None = None
) -> list[TopicLine]:
    """Return every theme, those raised at the most meetings first."""
    hidden = hidden_for(session=session, drafts=drafts)
    totals = topic_totals(session=session, hidden=hidden)
    found = [
        TopicLine(t.key, t.label, t.words, *totals.get(t.key, (0, 0)))
        for t in taxonomy(taxonomy_path)
    ]
    return sorted(found, key=lambda t: (-t.meetings, -t.hits, t.key))


@dataclass(frozen=True, slots=True)
class TopicView:
    """One theme: its counts by year, the words that triggered it, and a page of meetings."""

    topic: TopicLine
    years: list[tuple[int, int, int]]
    words_seen: list[tuple[str, int]]
    meetings: list[TopicMeeting]
    passages: dict[int, list[TopicPassage]]
    total_meetings: int


def topic_view(
    *,
    session: Session,
    drafts: bool,
    key: str,
    page: int = 1,
    per_page: int = 50,
    taxonomy_path: Path | None = None,
) -> TopicView:
    """Return a theme with one page of the meetings that raised it, newest first."""
    topic = next((t for t in taxonomy(taxonomy_path) if t.key == key), None)
    if topic is None:
        raise NotFoundError(f"no topic {key!r}")
    hidden = hidden_for(session=session, drafts=drafts)
    meetings = topic_meetings(
        session=session,
        topic=key,
        hidden=hidden,
        limit=per_page,
        offset=(max(page, 1) - 1) * per_page,
    )
    years = topic_years(session=session, topic=key, hidden=hidden)
    line = TopicLine(
        topic.key,
        topic.label,
        topic.words,
        sum(h for _, _, h in years),
        count_topic_meetings(session=session, topic=key, hidden=hidden),
    )
    return TopicView(
        topic=line,
        years=years,
        words_seen=topic_words(session=session, topic=key, hidden=hidden),
        meetings=meetings,
        passages=topic_passages(
            session=session, topic=key, meetings=[m.meeting_id for m in meetings]
        ),
        total_meetings=line.meetings,
    )


@dataclass(frozen=True, slots=True)
class RisingTopic:
    """A theme mentioned more often lately than in the period before."""

    key: str
    label: str
    before: int
    lately: int


def topics_rising(
    *,
    session: Session,
    drafts: bool,
    as_of: dt.date,
    limit: int = 10,
    taxonomy_path: Path | None = None,
) -> list[RisingTopic]:
    """Return the themes mentioned more often in the last half year than the one before."""
    hidden = hidden_for(session=session, drafts=drafts)
    window = dt.timedelta(days=RISING_WINDOW_DAYS)
    if as_of - dt.date.min < 2 * window:
        # The windows would start before the first day a date can hold; nothing is that old.
        return []
    middle = as_of - window
    labels = {t.key: t.label for t in taxonomy(taxonomy_path)}
    changes = topic_change(
        session=session, hidden=hidden, start=middle - window, middle=middle, end=as_of
    )
    rising = [
        RisingTopic(key, labels.get(key, key), before, lately)
        for key, before, lately in changes
        if lately > before
    ]
    rising.sort(key=lambda t: (-(t.lately - t.before), -t.lately, t.key))
    return rising[:limit]
