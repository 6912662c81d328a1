"""Topics: a transparent, editable taxonomy of policing themes, and where each one comes up.

The taxonomy is a TOML file (`topics.toml` beside this module, or one of the user's own)
listing each theme's words. Agenda items, actions, updates, decisions and promises are
tagged with every theme whose words they contain, and each tag keeps those words, so a
reader can always see why. "Raised before" links join items of different meetings that
share a theme and most of their rare words.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from collections.abc import Iterator, Sequence
from pathlib import Path

from oversight.records import Meeting, SourceSpan
from oversight.records.tracking import MeetingRef, Topic, TopicHit, TrackedItem
from oversight.tracking.similarity import Weights, content_words

DEFAULT_TAXONOMY = Path(__file__).with_name("topics.toml")


class TaxonomyError(ValueError):
    """The topics file cannot be read or is not in the expected shape."""


def load_taxonomy(path: Path | None = None) -> list[Topic]:
    """Read a topics file: [topics.KEY] tables with a label and a list of words."""
    source = path or DEFAULT_TAXONOMY
    try:
        data = tomllib.loads(source.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise TaxonomyError(f"{source}: cannot read the topics file ({exc})") from None
    topics = data.get("topics")
    if not isinstance(topics, dict):
        raise TaxonomyError(f"{source}: no [topics.*] tables")
    found: list[Topic] = []
    for key, entry in topics.items():
        if not isinstance(entry, dict) or not isinstance(entry.get("words"), list):
            raise TaxonomyError(f"{source}: topic {key!r} needs a list of words")
        words = tuple(str(w).strip().lower() for w in entry["words"] if str(w).strip())
        found.append(Topic(key=str(key), label=str(entry.get("label", key)), words=words))
    return found


class Tagger:
    """Finds the topics of a text with one compiled pattern per topic."""

    def __init__(self, topics: Sequence[Topic]) -> None:
        self.topics = list(topics)
        self._patterns = [(topic, _pattern(topic.words)) for topic in topics]

    def tag(self, text: str) -> list[tuple[Topic, tuple[str, ...]]]:
        """Return each topic found in `text` with the words that triggered it."""
        found = []
        for topic, pattern in self._patterns:
            words = tuple(dict.fromkeys(m.group(0).lower() for m in pattern.finditer(text)))
            if words:
                found.append((topic, words))
        return found


def _pattern(words: Sequence[str]) -> re.Pattern[str]:
    parts = []
    for word in sorted(words, key=len, reverse=True):
        stem = re.escape(word.rstrip("*"))
        parts.append(stem + (r"[\w'-]*" if word.endswith("*") else ""))
    return re.compile(r"(?<![\w-])(?:" + "|".join(parts) + r")(?![\w-])", re.IGNORECASE)


def _targets(
    ref: MeetingRef, meeting: Meeting
) -> Iterator[tuple[str, str, str, SourceSpan | None]]:
    for n, item in enumerate(meeting.items, start=1):
        yield "item", f"{ref.key}-I{n:02d}", item.title, item.span
    for n, update in enumerate(meeting.action_updates, start=1):
        yield "update", f"{ref.key}-U{n:02d}", update.update, update.span
    for n, decision in enumerate(meeting.decisions, start=1):
        yield "decision", f"{ref.key}-D{n:02d}", decision.text, decision.span


def tag_meetings(
    meetings: Sequence[tuple[MeetingRef, Meeting]],
    items: Sequence[TrackedItem],
    tagger: Tagger,
    dates: dict[int, MeetingRef],
) -> list[TopicHit]:
    """Tag the agenda items, updates, decisions and tracked items of every meeting."""
    hits: list[TopicHit] = []
    for ref, meeting in meetings:
        for kind, key, text, span in _targets(ref, meeting):
            for topic, words in tagger.tag(text):
                hits.append(
                    TopicHit(topic.key, ref.meeting_id, ref.date, kind, key, text, words, span)
                )
    for tracked in items:
        found = tagger.tag(tracked.text)
        tracked.topics = [topic.key for topic, _ in found]
        raised = dates.get(tracked.meeting_id)
        for topic, words in found:
            hits.append(
                TopicHit(
                    topic.key,
                    tracked.meeting_id,
                    raised.date if raised else tracked.date,
                    tracked.kind.value,
                    tracked.key,
                    tracked.text,
                    words,
                    tracked.span,
                )
            )
    return hits


# Share of an earlier item's weighted words a later item must repeat, beyond a shared topic,
# to be the same matter raised before.
RAISED_BEFORE = 0.3


def raised_before(
    now: Sequence[TopicHit], earlier: Sequence[TopicHit], limit: int = 3
) -> dict[str, list[TopicHit]]:
    """Return, for each item of a meeting, the earlier items on the same matter, nearest first.

    An earlier item qualifies when it shares a topic and enough of its rare words.
    """
    weights = Weights(content_words(h.text) for h in [*now, *earlier])
    found: dict[str, list[TopicHit]] = {}
    for hit in now:
        words = content_words(hit.text)
        scored = {
            other.target_key: (weights.coverage(words, content_words(other.text)), other)
            for other in earlier
            if other.topic == hit.topic and other.meeting_id != hit.meeting_id
        }
        best = [
            other
            for score, other in sorted(
                scored.values(), key=lambda s: (-(s[1].date or dt.date.min).toordinal(), -s[0])
            )
            if score >= RAISED_BEFORE
        ]
        if best:
            found.setdefault(hit.target_key, [])
            for other in best:
                if other.target_key not in {h.target_key for h in found[hit.target_key]}:
                    found[hit.target_key].append(other)
            found[hit.target_key] = found[hit.target_key][:limit]
    return found
