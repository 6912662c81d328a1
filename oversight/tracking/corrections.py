"""People's corrections applied to the derived record, in the order they were made.

A correction names what it corrects by a stable key (an item's key, an update's fact key, a
person's key), so it applies again after every rebuild and survives re-ingesting the source.
One that no longer finds its target is skipped, never an error: the minutes may have changed.

Operations:
- item: `close`, `drop`, `reopen` (value: optional YYYY-MM-DD), `confirm`, `correct`
  (value "field=new value" for due_date, due, owners, text), `merge` (value: the item to
  merge into);
- link (key: an update's fact key): `confirm`, `split` (unlink it), `relink` (value: item key);
- person: `merge` (value: the person to merge into), `split` (value: the written name to
  take out as a person of its own), `correct` (value "name=New Name").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from oversight.records.tracking import (
    Correction,
    Effect,
    ItemEvent,
    LinkMethod,
    PersonRecord,
    TrackedItem,
)
from oversight.tracking.people import person_key
from oversight.tracking.roles import Holding

ITEM_OPERATIONS = frozenset({"close", "drop", "reopen", "confirm", "correct", "merge"})
LINK_OPERATIONS = frozenset({"confirm", "split", "relink"})
PERSON_OPERATIONS = frozenset({"merge", "split", "correct"})
OPERATIONS = {"item": ITEM_OPERATIONS, "link": LINK_OPERATIONS, "person": PERSON_OPERATIONS}
_STATE = {"close": Effect.CLOSED, "drop": Effect.DROPPED, "reopen": Effect.REOPENED}


class CorrectionError(ValueError):
    """A correction that cannot be made as asked."""


def check(correction: Correction) -> None:
    """Raise CorrectionError unless the correction's kind, operation and value fit together."""
    allowed = OPERATIONS.get(correction.target_kind)
    if allowed is None:
        raise CorrectionError(f"unknown kind {correction.target_kind!r}: use item, link or person")
    if correction.operation not in allowed:
        raise CorrectionError(
            f"{correction.target_kind} corrections are {', '.join(sorted(allowed))}"
        )
    needs_value = {"merge", "split", "relink", "correct"}
    if correction.operation in needs_value and not (correction.value or "").strip():
        raise CorrectionError(f"{correction.operation} needs a value")
    if correction.operation == "correct" and "=" not in (correction.value or ""):
        raise CorrectionError('correct takes "field=value"')
    if correction.operation in _STATE and correction.value:
        _day(correction)


def _day(correction: Correction) -> dt.date | None:
    if correction.value:
        try:
            return dt.date.fromisoformat(correction.value.strip())
        except ValueError:
            raise CorrectionError(f"{correction.value!r} is not a date (YYYY-MM-DD)") from None
    return correction.created_at.date() if correction.created_at else None


def apply_to_items(
    items: list[TrackedItem], corrections: Sequence[Correction]
) -> list[TrackedItem]:
    """Return the items with the item and link corrections applied."""
    by_key = {item.key: item for item in items}
    for c in corrections:
        if c.target_kind == "item" and c.target_key in by_key:
            _apply_item(by_key, by_key[c.target_key], c)
        elif c.target_kind == "link":
            _apply_link(by_key, c)
    return [item for item in items if item.key in by_key]


def _apply_item(by_key: dict[str, TrackedItem], item: TrackedItem, c: Correction) -> None:
    if c.operation in _STATE:
        day = _day(c)
        item.events.append(
            ItemEvent(
                _STATE[c.operation],
                item.meeting_id,
                day,
                c.note or f"{c.operation}d by {c.author or 'a user'}",
                None,
                LinkMethod.CORRECTION,
                1.0,
                f"C{c.id}",
            )
        )
    elif c.operation == "confirm":
        for event in item.events:
            event.confidence = 1.0
    elif c.operation == "correct":
        field, _, value = (c.value or "").partition("=")
        _correct_field(item, field.strip(), value.strip())
    elif c.operation == "merge":
        target = by_key.get((c.value or "").strip())
        if target is not None and target is not item:
            target.events.extend(e for e in item.events if e.effect is not Effect.RAISED)
            target.events.sort(key=lambda e: (e.date is None, e.date or dt.date.min))
            del by_key[item.key]


def _correct_field(item: TrackedItem, field: str, value: str) -> None:
    if field == "due_date":
        try:
            item.due_date = dt.date.fromisoformat(value) if value else None
        except ValueError:
            return
        item.due_note = "corrected"
    elif field == "due":
        item.due = value or None
    elif field == "owners":
        item.owners = [o.strip() for o in value.split(",") if o.strip()]
    elif field == "text" and value:
        item.text = value


def _apply_link(by_key: dict[str, TrackedItem], c: Correction) -> None:
    for item in by_key.values():
        for event in list(item.events):
            if event.fact_key != c.target_key:
                continue
            if c.operation == "confirm":
                event.confidence = 1.0
                event.method = LinkMethod.CORRECTION
            elif c.operation == "split":
                item.events.remove(event)
            elif c.operation == "relink":
                target = by_key.get((c.value or "").strip())
                if target is not None and target is not item:
                    item.events.remove(event)
                    event.method, event.confidence = LinkMethod.CORRECTION, 1.0
                    target.events.append(event)


def apply_to_people(
    people: list[PersonRecord], holdings: list[Holding], corrections: Sequence[Correction]
) -> tuple[list[PersonRecord], list[Holding]]:
    """Return people and role holdings with the person corrections applied."""
    by_key = {p.key: p for p in people}
    for c in corrections:
        person = by_key.get(c.target_key)
        if c.target_kind != "person" or person is None:
            continue
        value = (c.value or "").strip()
        if c.operation == "merge" and value in by_key and value != person.key:
            del by_key[person.key]
            into = by_key[value]
            into.variants = sorted({*into.variants, *person.variants})
            into.roles = list(dict.fromkeys([*into.roles, *person.roles]))
            into.attendance = sorted(
                [*into.attendance, *person.attendance],
                key=lambda a: (a.date is None, a.date or dt.date.min),
            )
            holdings = [_rekey(h, person.key, into) for h in holdings]
        elif c.operation == "split" and value in person.variants:
            new = PersonRecord(key=person_key(value), name=value, variants=[value])
            if new.key in by_key:
                continue
            new.attendance = [a for a in person.attendance if a.written == value]
            person.attendance = [a for a in person.attendance if a.written != value]
            person.variants = [v for v in person.variants if v != value]
            by_key[new.key] = new
            holdings = [_rekey(h, person.key, new) if h.written == value else h for h in holdings]
        elif c.operation == "correct" and value.startswith("name="):
            person.name = value.removeprefix("name=").strip() or person.name
            holdings = [_rekey(h, person.key, person) for h in holdings]
    return sorted(by_key.values(), key=lambda p: p.name), holdings


def _rekey(holding: Holding, old: str, person: PersonRecord) -> Holding:
    if holding.person_key != old:
        return holding
    return Holding(
        holding.meeting_id, holding.date, holding.role, person.key, person.name, holding.written
    )
