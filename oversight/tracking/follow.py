"""Later meetings where a tracked matter comes up again, found sentence by sentence.

Promises and HMICFRS recommendations are rarely reported on under a heading of their own:
they come up in the discussion. Each later meeting's running text is split into sentences;
a sentence that repeats enough of an item's rare words is an event on the item, and its
words say whether the item is now done ("delivered", "now live"), still under way, or
dropped.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, replace

from oversight.records import Meeting, SourceSpan
from oversight.records.tracking import (
    TERMINAL,
    Effect,
    ItemEvent,
    LinkMethod,
    MeetingRef,
    TrackedItem,
)
from oversight.tracking.candidates import SLACK, WordClasses, bound, dated_prefix, weight_of
from oversight.tracking.effects import classify
from oversight.tracking.similarity import Weights, content_words

# A later sentence must repeat this share of a promise's weighted words to count as the same
# matter coming up again; measured on the fictional year in examples/year.
MENTION_THRESHOLD = 0.35
# A promise is looked for in the meetings of this many days after it was made.
_LOOKAHEAD_DAYS = 3 * 366
# Words found in more sentences than this cannot tell matters apart and are not looked up.
_COMMON = 5000
_SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+|$)")

Texts = Mapping[int, Sequence[tuple[str, SourceSpan | None]]]


@dataclass(frozen=True)
class _Sentence:
    ref: MeetingRef
    key: str
    text: str
    span: SourceSpan | None
    words: frozenset[str]


def _sentences(ref: MeetingRef, meeting: Meeting, texts: Texts) -> Iterator[_Sentence]:
    chunks = texts.get(ref.meeting_id)
    if not chunks:
        chunks = [(u.update, u.span) for u in meeting.action_updates]
    n = 0
    for text, span in chunks:
        for match in _SENTENCE.finditer(text):
            sentence = " ".join(match.group(0).split())
            if len(sentence) < 20:
                continue
            n += 1
            where = (
                SourceSpan(span.start + match.start(), span.start + match.end()) if span else None
            )
            yield _Sentence(ref, f"{ref.key}-S{n:03d}", sentence, where, content_words(sentence))


class Follower:
    """Finds the later sentences about an item across every meeting's running text."""

    def __init__(
        self, meetings: Sequence[tuple[MeetingRef, Meeting]], texts: Texts | None = None
    ) -> None:
        self.sentences = [s for ref, m in meetings for s in _sentences(ref, m, texts or {})]
        self.weights = Weights(s.words for s in self.sentences)
        self.classes = WordClasses()
        for sentence in self.sentences:
            self.classes.add(sentence.words)
        # The sentences' day numbers, for finding a window of days by bisection: meetings
        # come in date order (undated last), and otherwise every sentence is looked at.
        days = [s.ref.date.toordinal() if s.ref.date else None for s in self.sentences]
        self.dates = dated_prefix(days)

    def follow(
        self, item: TrackedItem, ref: MeetingRef, threshold: float = MENTION_THRESHOLD
    ) -> None:
        """Add to `item` an event for each later meeting that talks about it."""
        _follow(item, ref, self, threshold)

    def candidates(self, words: frozenset[str], ref: MeetingRef, threshold: float) -> list[int]:
        """Return, in order, the sentences that may repeat enough of `words` to count, from
        the meetings after `ref` within the lookahead."""
        if ref.date is None:
            return []
        day = ref.date.toordinal()
        start, stop = 0, len(self.sentences)
        if self.dates is not None:
            start = bisect.bisect_right(self.dates, day)
            stop = bisect.bisect_right(self.dates, day + _LOOKAHEAD_DAYS)
        whole = weight_of(self.weights, words)
        found: list[int] = []
        compared = False
        for group in self.classes.sharing(words, _COMMON):
            members = self.classes.within(group, start, stop)
            if not members:
                continue
            if not compared:
                # The weights keep the whole weight of each word set from the first text of
                # it compared; compare now, as scoring every candidate would.
                self.weights.coverage(frozenset(), words)
                compared = True
            later = self.classes.words[group]
            if bound(self.weights, later, words, whole) >= threshold - SLACK:
                found.extend(members)
        return sorted(found)


def _follow(item: TrackedItem, ref: MeetingRef, follower: Follower, threshold: float) -> None:
    words = content_words(item.text)
    best: dict[int, tuple[float, _Sentence]] = {}
    # Sentences repeated word for word share one set of words: score each set once.
    scores: dict[int, float] = {}
    for n in follower.candidates(words, ref, threshold):
        sentence = follower.sentences[n]
        later = sentence.ref
        if later.date is None or ref.date is None or later.date <= ref.date:
            continue
        if (later.date - ref.date).days > _LOOKAHEAD_DAYS:
            continue
        score = scores.get(id(sentence.words))
        if score is None:
            score = scores[id(sentence.words)] = follower.weights.coverage(sentence.words, words)
        if score >= threshold and score > best.get(later.meeting_id, (0.0,))[0]:
            best[later.meeting_id] = (score, sentence)
    # The events found here come in date order and never reopen the item, so it has ended
    # by a later day when one of them ended it or when its earlier events had by then.
    earlier = replace(item, events=list(item.events))
    for score, sentence in sorted(best.values(), key=lambda b: b[1].ref.date or 0):
        if earlier.ended_on(sentence.ref.date) is not None:
            break
        effect = classify(sentence.text)
        if effect is Effect.UPDATE:
            effect = Effect.MENTIONED
        item.events.append(
            ItemEvent(
                effect,
                sentence.ref.meeting_id,
                sentence.ref.date,
                sentence.text,
                sentence.span,
                LinkMethod.TEXT,
                round(min(score, 0.99), 3),
                sentence.key,
            )
        )
        if effect in TERMINAL:
            break
