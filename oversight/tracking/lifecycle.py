"""Actions followed from the meeting that set them to the meeting that closed them.

Meetings are visited in date order. At each, the updates it gives are tied to the items
raised before it: by reference number where the update names one (a list of numbers
"agreed as completed" closes each), otherwise by the words, owner and due meeting they share
with the items still open. Then the meeting's own actions become new items, except an
action that repeats an earlier one's reference, which is an event on the earlier one.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from oversight.records import Action, ActionUpdate, Meeting, SourceSpan
from oversight.records.tracking import (
    TERMINAL,
    Effect,
    ItemEvent,
    ItemKind,
    ItemLink,
    LinkMethod,
    MeetingRef,
    TrackedItem,
)
from oversight.tracking.calendar import Calendar
from oversight.tracking.effects import classify, is_closure_list, normalise_reference, references
from oversight.tracking.similarity import Weights, content_words

# Below this score an update is not tied to any action by its words; measured on the
# fictional year in examples/year (see tests/tracking/test_year.py).
TEXT_LINK_THRESHOLD = 0.34
# An update is compared with open actions raised within this many days before it that
# share one of its words used by at most `_COMMON` actions.
_LOOKBACK_DAYS = 3 * 366
_COMMON = 2000
# Words a table cell writes where an update does not say which action it is about.
_VAGUE_REFERS_TO = frozenset({"", "earlier action", "action", "previous action", "update"})


@dataclass
class Tracker:
    """Tracked actions and the links found so far."""

    calendar: Calendar
    items: list[TrackedItem] = field(default_factory=list)
    links: list[ItemLink] = field(default_factory=list)
    by_reference: dict[str, list[TrackedItem]] = field(default_factory=lambda: defaultdict(list))
    words: dict[str, frozenset[str]] = field(default_factory=dict)
    by_word: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    ended: set[str] = field(default_factory=set)


def track_actions(
    meetings: Sequence[tuple[MeetingRef, Meeting]], calendar: Calendar
) -> tuple[list[TrackedItem], list[ItemLink]]:
    """Return every action of the meetings as a tracked item, and the links of the updates."""
    ordered = sorted(meetings, key=lambda pair: (pair[0].date is None, pair[0].date or 0))
    weights = Weights(
        [content_words(a.text) for _, m in ordered for a in m.actions]
        + [content_words(u.update) for _, m in ordered for u in m.action_updates]
    )
    tracker = Tracker(calendar)
    for ref, meeting in ordered:
        _link_updates(tracker, weights, ref, meeting.action_updates)
        for n, action in enumerate(meeting.actions, start=1):
            _add_action(tracker, ref, n, action)
    return tracker.items, tracker.links


def item_key(ref: MeetingRef, kind: ItemKind, n: int) -> str:
    """Return the stable key of the n-th item of a kind raised at a meeting."""
    letter = {ItemKind.ACTION: "A", ItemKind.PROMISE: "P", ItemKind.RECOMMENDATION: "R"}[kind]
    return f"{ref.key}-{letter}{n:02d}"


def _add_action(tracker: Tracker, ref: MeetingRef, n: int, action: Action) -> None:
    reference = normalise_reference(action.reference) if action.reference else None
    earlier = _open_with_reference(tracker, reference, ref)
    if earlier is not None:
        effect = classify(action.text)
        effect = effect if effect is not Effect.UPDATE else Effect.CARRIED_FORWARD
        _record(
            tracker,
            earlier,
            ref,
            f"{ref.key}-A{n:02d}",
            action.text,
            action.span,
            effect,
            LinkMethod.REFERENCE,
            1.0,
        )
        return
    due = tracker.calendar.resolve(due=action.due, extracted=action.due_date, meeting=ref)
    item = TrackedItem(
        key=item_key(ref, ItemKind.ACTION, n),
        kind=ItemKind.ACTION,
        meeting_id=ref.meeting_id,
        date=ref.date,
        text=action.text,
        owners=list(action.owners),
        reference=action.reference,
        item=action.item,
        due=action.due,
        due_date=due.date,
        due_note=due.note,
        span=action.span,
        events=[ItemEvent(Effect.RAISED, ref.meeting_id, ref.date, action.text, action.span)],
    )
    tracker.words[item.key] = words = content_words(item.text)
    for word in words:
        tracker.by_word[word].append(len(tracker.items))
    tracker.items.append(item)
    if reference:
        tracker.by_reference[reference].append(item)


def _open_with_reference(
    tracker: Tracker, reference: str | None, ref: MeetingRef
) -> TrackedItem | None:
    if not reference:
        return None
    for item in reversed(tracker.by_reference.get(reference, [])):
        if item.meeting_id != ref.meeting_id and (
            item.date is None or ref.date is None or item.date < ref.date
        ):
            return item
    return None


def _record(
    tracker: Tracker,
    item: TrackedItem,
    ref: MeetingRef,
    fact_key: str,
    text: str,
    span: SourceSpan | None,
    effect: Effect,
    method: LinkMethod,
    confidence: float,
) -> None:
    where = span
    if any(e.meeting_id == ref.meeting_id and e.text == text for e in item.events):
        return
    item.events.append(
        ItemEvent(effect, ref.meeting_id, ref.date, text, where, method, confidence, fact_key)
    )
    tracker.links.append(ItemLink(fact_key, item.key, effect, method, round(confidence, 3)))
    if effect in TERMINAL:
        tracker.ended.add(item.key)


def _link_updates(
    tracker: Tracker, weights: Weights, ref: MeetingRef, updates: Sequence[ActionUpdate]
) -> None:
    scored: list[tuple[float, int, TrackedItem, Effect]] = []
    for n, update in enumerate(updates, start=1):
        fact_key = f"{ref.key}-U{n:02d}"
        effect = classify(update.update)
        named = _references_of(update)
        if named:
            if is_closure_list(update.update) or is_closure_list(update.refers_to):
                effect = Effect.CLOSED
            for reference in named:
                item = _open_with_reference(tracker, reference, ref)
                if item is not None:
                    _record(
                        tracker,
                        item,
                        ref,
                        fact_key,
                        update.update,
                        update.span,
                        effect,
                        LinkMethod.REFERENCE,
                        1.0,
                    )
            continue
        for score, item in _text_candidates(tracker, weights, ref, update):
            scored.append((score, n, item, effect))
    taken_updates: set[int] = set()
    taken_items: set[str] = set()
    for score, n, item, effect in sorted(scored, key=lambda s: (-s[0], s[1], s[2].key)):
        if n in taken_updates or item.key in taken_items:
            continue
        taken_updates.add(n)
        taken_items.add(item.key)
        update = updates[n - 1]
        _record(
            tracker,
            item,
            ref,
            f"{ref.key}-U{n:02d}",
            update.update,
            update.span,
            effect,
            LinkMethod.TEXT,
            min(score, 0.99),
        )


def _references_of(update: ActionUpdate) -> list[str]:
    if update.reference:
        # The extractor gives a list of numbers one update per number: keep to its own.
        return [normalise_reference(update.reference)]
    named: list[str] = []
    for reference in references(update.refers_to) + references(update.update):
        if reference not in named:
            named.append(reference)
    return named


def _text_candidates(
    tracker: Tracker, weights: Weights, ref: MeetingRef, update: ActionUpdate
) -> list[tuple[float, TrackedItem]]:
    refers_to = update.refers_to.strip()
    about = (
        update.update if refers_to.lower() in _VAGUE_REFERS_TO else f"{refers_to} {update.update}"
    )
    words = content_words(about)
    found: list[tuple[float, TrackedItem]] = []
    # Only actions sharing a word with the update can score; a word most actions share
    # cannot tell them apart and is not looked up.
    tokens = frozenset(about.replace("/", " ").split())
    postings = (tracker.by_word.get(word, ()) for word in words)
    shared = {i for found in postings if len(found) <= _COMMON for i in found}
    for index in sorted(shared):
        item = tracker.items[index]
        if item.meeting_id == ref.meeting_id or item.key in tracker.ended:
            continue
        if (
            item.date is not None
            and ref.date is not None
            and (item.date >= ref.date or (ref.date - item.date).days > _LOOKBACK_DAYS)
        ):
            continue
        score = weights.coverage(words, tracker.words[item.key])
        score += _owner_bonus(item, tokens) + _due_bonus(item, ref)
        if score >= TEXT_LINK_THRESHOLD:
            found.append((score, item))
    return found


def _owner_bonus(item: TrackedItem, tokens: frozenset[str]) -> float:
    return 0.05 if any(owner in tokens for owner in item.owners) else 0.0


def _due_bonus(item: TrackedItem, ref: MeetingRef) -> float:
    if item.due_date is None or ref.date is None:
        return 0.0
    return 0.05 if item.due_date <= ref.date else 0.0
