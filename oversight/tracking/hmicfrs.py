"""The HMICFRS register: each recommendation discussed, its deadline, and every later update.

A recommendation becomes a tracked item the first time a meeting records it with its
number or its deadline; the same recommendation recorded again (the same number and some of
the same words, or most of the same words) is an event on the first. Later meetings that
talk about it in their discussion are found in their running text, as for promises, and
their words say whether it is now complete.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from oversight.records import Meeting, Recommendation
from oversight.records.tracking import (
    Effect,
    ItemEvent,
    ItemKind,
    LinkMethod,
    MeetingRef,
    TrackedItem,
)
from oversight.tracking.effects import classify
from oversight.tracking.follow import Follower
from oversight.tracking.lifecycle import item_key
from oversight.tracking.similarity import Weights, content_words

# Share of an earlier recommendation's weighted words a later one must repeat to be the same;
# with the same number, a smaller share will do, as minutes name reports in many ways.
SAME_RECOMMENDATION = 0.6
SAME_NUMBER_OVERLAP = 0.3
# Recommendations are long and later meetings report on them in few words, so a sentence
# repeating this share of their weighted words is an update (measured on examples/year).
MENTION_THRESHOLD = 0.2


def _number(rec: Recommendation) -> str | None:
    if not rec.recommendation:
        return None
    found = re.search(r"\d+", rec.recommendation)
    return found.group(0) if found else rec.recommendation.strip().lower()


def track_recommendations(
    meetings: Sequence[tuple[MeetingRef, Meeting]], follower: Follower
) -> list[TrackedItem]:
    """Return each recommendation discussed as a tracked item with its later updates."""
    ordered = sorted(meetings, key=lambda pair: (pair[0].date is None, pair[0].date or 0))
    weights = Weights(content_words(r.text) for _, m in ordered for r in m.hmicfrs)
    items: list[TrackedItem] = []
    for ref, meeting in ordered:
        for n, rec in enumerate(meeting.hmicfrs, start=1):
            earlier = _same(items, rec, weights, ref)
            if earlier is not None:
                effect = classify(rec.text)
                earlier.events.append(
                    ItemEvent(
                        Effect.MENTIONED if effect is Effect.UPDATE else effect,
                        ref.meeting_id,
                        ref.date,
                        rec.text,
                        rec.span,
                        LinkMethod.TEXT,
                        0.9,
                        f"{ref.key}-R{n:02d}",
                    )
                )
                continue
            if _number(rec) is None and rec.deadline_date is None:
                continue
            items.append(
                TrackedItem(
                    key=item_key(ref, ItemKind.RECOMMENDATION, n),
                    kind=ItemKind.RECOMMENDATION,
                    meeting_id=ref.meeting_id,
                    date=ref.date,
                    text=rec.text,
                    reference=rec.recommendation,
                    item=rec.report,
                    due=rec.deadline,
                    due_date=rec.deadline_date,
                    due_note="as written" if rec.deadline_date else None,
                    span=rec.span,
                    events=[ItemEvent(Effect.RAISED, ref.meeting_id, ref.date, rec.text, rec.span)],
                )
            )
    for item in items:
        raised = next(r for r, _ in ordered if r.meeting_id == item.meeting_id)
        follower.follow(item, raised, MENTION_THRESHOLD)
        item.events.sort(key=lambda e: (e.date is None, e.date or raised.date or 0))
    return items


def _same(
    items: Sequence[TrackedItem], rec: Recommendation, weights: Weights, ref: MeetingRef
) -> TrackedItem | None:
    words = content_words(rec.text)
    number = _number(rec)
    for item in items:
        if item.meeting_id == ref.meeting_id:
            continue
        overlap = weights.coverage(words, content_words(item.text))
        same_number = (
            number is not None
            and item.reference is not None
            and (re.search(r"\d+", item.reference) or [item.reference.lower()])[0] == number
        )
        if (same_number and overlap >= SAME_NUMBER_OVERLAP) or overlap >= SAME_RECOMMENDATION:
            return item
    return None
