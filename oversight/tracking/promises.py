"""Promises: the dated commitments the force made, followed like actions.

Each commitment becomes a tracked item due on its date. Later meetings where the same matter
comes up (an update, a new action, a decision, a promise made again) are linked to it by the
rare words they share; the words of that later passage say whether the promise was kept
("delivered", "now live"), is still under way, or was dropped.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

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

# A later passage must repeat this share of a promise's weighted words to count as the same
# matter coming up again; measured on the fictional year in examples/year.
MENTION_THRESHOLD = 0.45


def _passages(meeting: Meeting) -> Iterator[tuple[str, str, SourceSpan | None]]:
    for n, update in enumerate(meeting.action_updates, start=1):
        yield f"U{n:02d}", f"{update.refers_to} {update.update}", update.span
    for n, action in enumerate(meeting.actions, start=1):
        yield f"A{n:02d}", action.text, action.span
    for n, decision in enumerate(meeting.decisions, start=1):
        yield f"D{n:02d}", decision.text, decision.span
    for n, commitment in enumerate(meeting.commitments, start=1):
        yield f"P{n:02d}", commitment.text, commitment.span
    for n, rec in enumerate(meeting.hmicfrs, start=1):
        yield f"R{n:02d}", rec.text, rec.span


def track_promises(meetings: Sequence[tuple[MeetingRef, Meeting]]) -> list[TrackedItem]:
    """Return every commitment as a tracked item, linked to the later meetings that revisit it."""
    ordered = sorted(meetings, key=lambda pair: (pair[0].date is None, pair[0].date or 0))
    passages = [
        (ref, key, text, span, content_words(text))
        for ref, meeting in ordered
        for key, text, span in _passages(meeting)
    ]
    weights = Weights(words for *_, words in passages)
    items: list[TrackedItem] = []
    for ref, meeting in ordered:
        for n, commitment in enumerate(meeting.commitments, start=1):
            item = TrackedItem(
                key=item_key(ref, ItemKind.PROMISE, n),
                kind=ItemKind.PROMISE,
                meeting_id=ref.meeting_id,
                date=ref.date,
                text=commitment.text,
                owners=[commitment.who] if commitment.who else [],
                due=commitment.by,
                due_date=commitment.by_date,
                due_note="as written" if commitment.by_date else None,
                span=commitment.span,
                events=[
                    ItemEvent(
                        Effect.RAISED, ref.meeting_id, ref.date, commitment.text, commitment.span
                    )
                ],
            )
            _follow(item, ref, passages, weights)
            items.append(item)
    return items


def _follow(
    item: TrackedItem,
    ref: MeetingRef,
    passages: Sequence[tuple[MeetingRef, str, str, SourceSpan | None, frozenset[str]]],
    weights: Weights,
) -> None:
    words = content_words(item.text)
    best: dict[int, tuple[float, MeetingRef, str, str, SourceSpan | None]] = {}
    for later, key, text, span, later_words in passages:
        if later.date is None or ref.date is None or later.date <= ref.date:
            continue
        score = weights.coverage(later_words, words)
        if score >= MENTION_THRESHOLD and score > best.get(later.meeting_id, (0.0,))[0]:
            best[later.meeting_id] = (score, later, key, text, span)
    for score, later, key, text, span in sorted(best.values(), key=lambda b: b[1].date or 0):
        if item.ended_on(later.date) is not None:
            break
        effect = classify(text)
        if effect is Effect.UPDATE:
            effect = Effect.MENTIONED
        item.events.append(
            ItemEvent(
                effect,
                later.meeting_id,
                later.date,
                text,
                span,
                LinkMethod.TEXT,
                round(min(score, 0.99), 3),
                f"{later.key}-{key}",
            )
        )
