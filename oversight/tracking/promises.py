"""Promises: the dated commitments the force made, followed like actions.

Each commitment with a date becomes a tracked item due on that date. Later meetings where
the same matter comes up are found sentence by sentence in their running text, by the rare
words a sentence shares with the promise; the words of that sentence say whether the
promise was kept ("delivered", "now live"), is still under way, or was dropped.
"""

from __future__ import annotations

from collections.abc import Sequence

from oversight.records import Meeting, SourceSpan
from oversight.records.tracking import (
    Effect,
    ItemEvent,
    ItemKind,
    MeetingRef,
    TrackedItem,
)
from oversight.tracking.follow import Follower
from oversight.tracking.lifecycle import item_key


def track_promises(
    meetings: Sequence[tuple[MeetingRef, Meeting]], follower: Follower
) -> list[TrackedItem]:
    """Return each dated commitment as a tracked item, with the later meetings that revisit it."""
    ordered = sorted(meetings, key=lambda pair: (pair[0].date is None, pair[0].date or 0))
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
            follower.follow(item, ref)
            items.append(item)
    return items


def _restated(
    items: Sequence[TrackedItem], ref: MeetingRef, by: object, span: SourceSpan | None
) -> bool:
    """Return True when a commitment repeats an earlier promise with the same date.

    Such a sentence is already an event of the earlier promise (found in the running text),
    or follows close on the one that is (the question that raised the promise, then the
    answer that restates its date); one with a new date is a revised promise and is tracked
    on its own.
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
                and event.span.start < span.end
                and span.start < event.span.end + _NEARBY
            ):
                return True
    return False


# How far before a commitment with the same date, in characters, an event of a promise may
# end in one meeting's text and still be the same matter: a question, then its answer.
_NEARBY = 200
