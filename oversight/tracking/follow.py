"""Later meetings where a tracked matter comes up again, found sentence by sentence.

Promises and HMICFRS recommendations are rarely reported on under a heading of their own:
they come up in the discussion. Each later meeting's running text is split into sentences;
a sentence that repeats enough of an item's rare words is an event on the item, and its
words say whether the item is now done ("delivered", "now live"), still under way, or
dropped.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

from oversight.records import Meeting, SourceSpan
from oversight.records.tracking import Effect, ItemEvent, LinkMethod, MeetingRef, TrackedItem
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
        self.index: defaultdict[str, list[int]] = defaultdict(list)
        for n, sentence in enumerate(self.sentences):
            for word in sentence.words:
                self.index[word].append(n)

    def follow(
        self, item: TrackedItem, ref: MeetingRef, threshold: float = MENTION_THRESHOLD
    ) -> None:
        """Add to `item` an event for each later meeting that talks about it."""
        _follow(item, ref, self.sentences, self.index, self.weights, threshold)


def _follow(
    item: TrackedItem,
    ref: MeetingRef,
    sentences: Sequence[_Sentence],
    index: Mapping[str, list[int]],
    weights: Weights,
    threshold: float,
) -> None:
    words = content_words(item.text)
    postings = (index.get(word, []) for word in words)
    candidates = sorted({n for found in postings if len(found) <= _COMMON for n in found})
    best: dict[int, tuple[float, _Sentence]] = {}
    for n in candidates:
        sentence = sentences[n]
        later = sentence.ref
        if later.date is None or ref.date is None or later.date <= ref.date:
            continue
        if (later.date - ref.date).days > _LOOKAHEAD_DAYS:
            continue
        score = weights.coverage(sentence.words, words)
        if score >= threshold and score > best.get(later.meeting_id, (0.0,))[0]:
            best[later.meeting_id] = (score, sentence)
    for score, sentence in sorted(best.values(), key=lambda b: b[1].ref.date or 0):
        if item.ended_on(sentence.ref.date) is not None:
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
