"""Promises: the dated commitments the force made, followed like actions.

Each commitment with a date becomes a tracked item due on that date. Later meetings where
the same matter comes up are found sentence by sentence in their running text, by the rare
words a sentence shares with the promise; the words of that sentence say whether the
promise was kept ("delivered", "now live"), is still under way, or was dropped.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

from oversight.records import Meeting, SourceSpan
from oversight.records.tracking import (
    Effect,
    ItemEvent,
    ItemKind,
    LinkMethod,
    MeetingRef,
    TrackedItem,
)
from oversight.tracking.effects import classify
from oversight.tracking.lifecycle import item_key
from oversight.tracking.similarity import Weights, content_words

# A later sentence must repeat this share of a promise's weighted words to count as the same
# matter coming up again; measured on the fictional year in examples/year.
MENTION_THRESHOLD = 0.35
# A promise is looked for in the meetings of this many days after it was made.
_LOOKAHEAD_DAYS = 3 * 366
# Only the rarest words of a promise are looked up, to keep the search short.
_LOOKUP_WORDS = 4
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


def track_promises(
    meetings: Sequence[tuple[MeetingRef, Meeting]], texts: Texts | None = None
) -> list[TrackedItem]:
    """Return each dated commitment as a tracked item, with the later meetings that revisit it."""
    ordered = sorted(meetings, key=lambda pair: (pair[0].date is None, pair[0].date or 0))
    sentences = [s for ref, m in ordered for s in _sentences(ref, m, texts or {})]
    weights = Weights(s.words for s in sentences)
    index: defaultdict[str, list[int]] = defaultdict(list)
    for n, sentence in enumerate(sentences):
        for word in sentence.words:
            index[word].append(n)
    items: list[TrackedItem] = []
    for ref, meeting in ordered:
        for n, commitment in enumerate(meeting.commitments, start=1):
            if commitment.by_date is None or _restated(
                items, ref, commitment.by_date, commitment.span
            ):
                continue
            item = TrackedItem(
                key=item_key(ref, ItemKind.PROMISE, n),
                kind=ItemKind.PROMISE,
                meeting_id=ref.meeting_id,
                date=ref.date,
                text=commitment.text,
                owners=[commitment.who] if commitment.who else [],
                due=commitment.by,
                due_date=commitment.by_date,
                due_note="as written",
                span=commitment.span,
                events=[
                    ItemEvent(
                        Effect.RAISED, ref.meeting_id, ref.date, commitment.text, commitment.span
                    )
                ],
            )
            _follow(item, ref, sentences, index, weights)
            items.append(item)
    return items


def _restated(
    items: Sequence[TrackedItem], ref: MeetingRef, by: object, span: SourceSpan | None
) -> bool:
    """Return True when a commitment repeats an earlier promise with the same date.

    Such a sentence is already an event of the earlier promise (found in the running text);
    one with a new date is a revised promise and is tracked on its own.
    """
    if span is None:
        return False
    for item in items:
        if item.due_date != by:
            continue
        for event in item.events[1:]:
            if (
                event.meeting_id == ref.meeting_id
                and event.span is not None
                and (event.span.start < span.end and span.start < event.span.end)
            ):
                return True
    return False


def _follow(
    item: TrackedItem,
    ref: MeetingRef,
    sentences: Sequence[_Sentence],
    index: Mapping[str, list[int]],
    weights: Weights,
) -> None:
    words = content_words(item.text)
    rare = sorted(words, key=weights.of, reverse=True)[:_LOOKUP_WORDS]
    candidates = sorted({n for word in rare for n in index.get(word, [])})
    best: dict[int, tuple[float, _Sentence]] = {}
    for n in candidates:
        sentence = sentences[n]
        later = sentence.ref
        if later.date is None or ref.date is None or later.date <= ref.date:
            continue
        if (later.date - ref.date).days > _LOOKAHEAD_DAYS:
            continue
        score = weights.coverage(sentence.words, words)
        if score >= MENTION_THRESHOLD and score > best.get(later.meeting_id, (0.0,))[0]:
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
