"""The HMICFRS register: each report's recommendations, with every meeting's update.

A recommendation discussed again at a later meeting (the same report and the same number,
or most of the same rare words) is an event on the first one; its words say whether it is
now complete. The register is tracked items of kind "recommendation".
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from oversight.records import Meeting
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

# Share of an earlier recommendation's weighted words a later one must repeat to be the same.
SAME_RECOMMENDATION = 0.6


def _report_key(report: str) -> str:
    return " ".join(re.findall(r"[a-z]+", report.lower().replace("hmicfrs", "")))[:80]


def track_recommendations(meetings: Sequence[tuple[MeetingRef, Meeting]]) -> list[TrackedItem]:
    """Return each recommendation discussed as a tracked item with its later updates."""
    ordered = sorted(meetings, key=lambda pair: (pair[0].date is None, pair[0].date or 0))
    weights = Weights(content_words(r.text) for _, m in ordered for r in m.hmicfrs)
    items: list[TrackedItem] = []
    reports: list[str] = []
    for ref, meeting in ordered:
        for n, rec in enumerate(meeting.hmicfrs, start=1):
            report = _report_key(rec.report)
            earlier = _same(items, reports, report, rec.recommendation, rec.text, weights, ref)
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
            items.append(
                TrackedItem(
                    key=item_key(ref, ItemKind.RECOMMENDATION, n),
                    kind=ItemKind.RECOMMENDATION,
                    meeting_id=ref.meeting_id,
                    date=ref.date,
                    text=rec.text,
                    owners=[],
                    reference=rec.recommendation,
                    item=rec.report,
                    due=rec.deadline,
                    due_date=rec.deadline_date,
                    due_note="as written" if rec.deadline_date else None,
                    span=rec.span,
                    events=[ItemEvent(Effect.RAISED, ref.meeting_id, ref.date, rec.text, rec.span)],
                )
            )
            reports.append(report)
    return items


def _same(
    items: Sequence[TrackedItem],
    reports: Sequence[str],
    report: str,
    number: str | None,
    text: str,
    weights: Weights,
    ref: MeetingRef,
) -> TrackedItem | None:
    words = content_words(text)
    for item, item_report in zip(items, reports, strict=True):
        if item.meeting_id == ref.meeting_id or item_report != report:
            continue
        if number and item.reference and number.strip() == item.reference.strip():
            return item
        if weights.coverage(words, content_words(item.text)) >= SAME_RECOMMENDATION:
            return item
    return None
