"""Actions followed from the meeting that set them to the meeting that closed them.

Meetings are visited in date order. At each, the updates it gives are tied to the items
raised before it: by reference number where the update names one (a list of numbers
"agreed as completed" closes each), otherwise by the words, owner and due meeting they share
with the items still open. Then the meeting's own actions become new items, except an
action that repeats an earlier one's reference, which is an event on the earlier one.
"""

from __future__ import annotations

import bisect
import itertools
from collections import defaultdict
from collections.abc import Iterator, Sequence
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
from oversight.tracking.candidates import SLACK, WordClasses, bound, in_windows, weight_of
from oversight.tracking.effects import classify, is_closure_list, normalise_reference, references
from oversight.tracking.similarity import Weights, content_words

# Below this score an update is not tied to any action by its words; measured on the
# fictional year in examples/year (see tests/tracking/test_year.py).
TEXT_LINK_THRESHOLD = 0.34
# An update is compared with open actions raised within this many days before it that
# share one of its words used by at most `_COMMON` actions.
_LOOKBACK_DAYS = 3 * 366
_COMMON = 2000
# Added to the score when an update names an action's owner, and when the action is due.
_OWNER_BONUS = 0.05
_DUE_BONUS = 0.05
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
    # Items grouped by their words; `dates` holds the day numbers of the items raised so
    # far while all of them have one (they are raised in date order).
    classes: WordClasses = field(default_factory=WordClasses)
    dates: list[int] = field(default_factory=list)
    wholes: dict[int, float] = field(default_factory=dict)
    compared: set[int] = field(default_factory=set)
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
    tracker.classes.add(words)
    if item.date is not None and len(tracker.dates) == len(tracker.items):
        tracker.dates.append(item.date.toordinal())
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
    tokens = frozenset(about.replace("/", " ").split())
    found: list[tuple[int, float, TrackedItem]] = []
    # Only actions sharing a word with the update can score; a word most actions share
    # cannot tell them apart and is not looked up. Actions in the same words are scored as
    # one class first, and one by one only when the class can reach the threshold.
    classes = tracker.classes
    windows = _windows(tracker, ref)
    # Actions written word for word alike share one set of words: score each set once.
    shared: dict[int, float] = {}
    for group in classes.sharing(words, _COMMON):
        earlier = classes.words[group]
        whole = tracker.wholes.get(group)
        if whole is None:
            whole = tracker.wholes[group] = weight_of(weights, earlier)
        best = bound(weights, words, earlier, whole) + _OWNER_BONUS + _DUE_BONUS
        reachable = best >= TEXT_LINK_THRESHOLD - SLACK
        if not reachable and group in tracker.compared:
            continue
        members: Iterator[int] = (
            i for i in in_windows(classes, group, windows) if _comparable(tracker, i, ref)
        )
        if group not in tracker.compared:
            first = next(members, None)
            if first is None:
                continue
            # The weights keep the whole weight of each word set from the first text of it
            # compared; compare that one first, as scoring every candidate would.
            weights.coverage(frozenset(), tracker.words[tracker.items[first].key])
            tracker.compared.add(group)
            if not reachable:
                continue
            members = itertools.chain((first,), members)
        for index in members:
            item = tracker.items[index]
            earlier_words = tracker.words[item.key]
            score = shared.get(id(earlier_words))
            if score is None:
                score = shared[id(earlier_words)] = weights.coverage(words, earlier_words)
            score += _owner_bonus(item, tokens) + _due_bonus(item, ref)
            if score >= TEXT_LINK_THRESHOLD:
                found.append((index, score, item))
    return [(score, item) for _, score, item in sorted(found, key=lambda f: f[0])]


def _windows(tracker: Tracker, ref: MeetingRef) -> list[range]:
    """Return the ranges of item numbers that can have been raised in the lookback."""
    everything = len(tracker.items)
    if ref.date is None:
        return [range(everything)]
    day = ref.date.toordinal()
    dated = tracker.dates
    start = bisect.bisect_left(dated, day - _LOOKBACK_DAYS)
    return [range(start, bisect.bisect_left(dated, day)), range(len(dated), everything)]


def _comparable(tracker: Tracker, index: int, ref: MeetingRef) -> bool:
    """Say whether an update at `ref` may be about the item: open, raised in the lookback."""
    item = tracker.items[index]
    if item.meeting_id == ref.meeting_id or item.key in tracker.ended:
        return False
    return not (
        item.date is not None
        and ref.date is not None
        and (item.date >= ref.date or (ref.date - item.date).days > _LOOKBACK_DAYS)
    )


def _owner_bonus(item: TrackedItem, tokens: frozenset[str]) -> float:
    return _OWNER_BONUS if not tokens.isdisjoint(item.owners) else 0.0


def _due_bonus(item: TrackedItem, ref: MeetingRef) -> float:
    if item.due_date is None or ref.date is None:
        return 0.0
    return _DUE_BONUS if item.due_date <= ref.date else 0.0
