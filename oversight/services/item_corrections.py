"""Corrections made through the website: the operations an editor chooses from, turned into
the corrections `services.tracking.correct` stores and applies, and audited.

Each operation names what it does in words and what its value must be. Saving one stores
the correction, rebuilds the record with it, and writes the audit log in the same
transaction: who, when, which operation, and the item or person before and after.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session

from oversight.records.tracking import Correction
from oversight.services.audit import record_change
from oversight.services.tracking import (
    InvalidRequestError,
    NotFoundError,
    correct,
    person_history,
    tracked_item,
)

MAX_VALUE_CHARS = 500
MAX_NOTE_CHARS = 2000


@dataclass(frozen=True, slots=True)
class Operation:
    """A correction an editor can choose: its form value, its label and what value it takes.

    `value` is "none", "optional" or "required"; `stored` is the operation of the
    correction it becomes, and `field` the field a "correct" operation sets.
    """

    name: str
    label: str
    hint: str
    value: str
    target_kind: str
    stored: str
    field: str | None = None


_DAY = "Optional: the day it happened, as YYYY-MM-DD (today if left empty)."
ITEM_OPERATIONS = (
    Operation("confirm", "Confirm the record as it stands", "No value.", "none", "item", "confirm"),
    Operation("close", "Close", _DAY, "optional", "item", "close"),
    Operation("reopen", "Reopen", _DAY, "optional", "item", "reopen"),
    Operation("drop", "Drop", _DAY, "optional", "item", "drop"),
    Operation(
        "set_due", "Set due date", "The due date, as YYYY-MM-DD.", "required", "item", "correct",
        "due_date",
    ),
    Operation(
        "reassign", "Reassign owner", "The owners, separated by commas.", "required", "item",
        "correct", "owners",
    ),
    Operation(
        "retext", "Correct the wording", "The wording as it should read.", "required", "item",
        "correct", "text",
    ),
    Operation(
        "merge", "Merge into another item", "The other item's key, such as 20250410-A03.",
        "required", "item", "merge",
    ),
    Operation(
        "confirm_link", "Confirm a linked update", "The update's key, from the history.",
        "required", "link", "confirm",
    ),
    Operation(
        "unlink", "Unlink an update", "The update's key, from the history.", "required", "link",
        "split",
    ),
)  # fmt: skip
PERSON_OPERATIONS = (
    Operation(
        "merge", "Merge with another person", "The other person's key, as in their address.",
        "required", "person", "merge",
    ),
    Operation(
        "split", "Split a name variant off", "The name exactly as written in the minutes.",
        "required", "person", "split",
    ),
    Operation(
        "rename", "Correct the name", "The name as it should be shown.", "required", "person",
        "correct", "name",
    ),
)  # fmt: skip


def _operation(choices: tuple[Operation, ...], name: str) -> Operation:
    found = next((o for o in choices if o.name == name), None)
    if found is None:
        names = ", ".join(o.name for o in choices)
        if not name.strip():
            raise InvalidRequestError(f"choose a correction: {names}")
        raise InvalidRequestError(f"unknown correction {name!r}: use {names}")
    return found


def _value(operation: Operation, value: str | None) -> str | None:
    text = (value or "").strip()
    if "\x00" in text:
        raise InvalidRequestError("the value holds a NUL character")
    if len(text) > MAX_VALUE_CHARS:
        raise InvalidRequestError(f"the value is longer than {MAX_VALUE_CHARS} characters")
    if operation.value == "none":
        return None
    if operation.value == "required" and not text:
        raise InvalidRequestError(f"{operation.label.lower()} needs a value: {operation.hint}")
    if text and (operation.field == "due_date" or operation.value == "optional"):
        try:
            dt.date.fromisoformat(text)
        except ValueError:
            raise InvalidRequestError(f"{text!r} is not a date written YYYY-MM-DD") from None
    return text or None


def _correction(
    operation: Operation, key: str, value: str | None, note: str | None, author: str
) -> Correction:
    if note is not None and len(note) > MAX_NOTE_CHARS:
        raise InvalidRequestError(f"the note is longer than {MAX_NOTE_CHARS} characters")
    if note is not None and "\x00" in note:
        raise InvalidRequestError("the note holds a NUL character")
    target = value if operation.target_kind == "link" and value else key
    # A link correction names the update; `check` wants a value for "split", whatever the
    # kind, so it is given the item the update is taken from.
    stored = value if operation.target_kind != "link" else key
    if operation.field is not None:
        stored = f"{operation.field}={value}"
    return Correction(
        target_kind=operation.target_kind,
        target_key=target,
        operation=operation.stored,
        value=stored,
        author=author,
        note=(note or "").strip() or None,
        created_at=dt.datetime.now(dt.UTC),
    )


def _item_state(session: Session, key: str) -> dict[str, object]:
    row = tracked_item(session=session, key=key)
    item = row.item
    return {
        "status": row.status,
        "text": item.text,
        "owners": item.owners,
        "due_date": item.due_date.isoformat() if item.due_date else None,
        "events": len(item.events),
    }


def correct_item(
    *,
    session: Session,
    key: str,
    operation: str,
    value: str | None,
    note: str | None,
    actor: str,
    taxonomy_path: Path | None = None,
) -> str:
    """Correct a tracked item (or one of its links), audited; return the key to show next."""
    chosen = _operation(ITEM_OPERATIONS, operation)
    checked = _value(chosen, value)
    before = _item_state(session, key)
    item = tracked_item(session=session, key=key).item
    if chosen.target_kind == "link" and checked not in {e.fact_key for e in item.events}:
        raise InvalidRequestError(f"{checked!r} is not the key of an update in this history")
    if chosen.name == "merge":
        if checked == key:
            raise InvalidRequestError("an item cannot be merged into itself")
        tracked_item(session=session, key=checked or "")  # NotFoundError when there is none
    shown = checked if chosen.name == "merge" and checked else key
    _store_audited(
        session=session,
        correction=_correction(chosen, key, checked, note, actor),
        action=f"correction.item.{chosen.name}",
        target=f"item {key}",
        value=checked,
        before=before,
        after=lambda: _item_state(session, shown),
        taxonomy_path=taxonomy_path,
    )
    return shown


def _store_audited(
    *,
    session: Session,
    correction: Correction,
    action: str,
    target: str,
    value: str | None,
    before: dict[str, object] | None,
    after: Callable[[], dict[str, object]] | None,
    taxonomy_path: Path | None,
) -> int:
    """Store and apply a correction, then audit it with the state before and after."""
    number = correct(session=session, correction=correction, taxonomy_path=taxonomy_path)
    try:
        state = after() if after is not None else {}
    except NotFoundError:
        state = {}
    record_change(
        session=session,
        actor=(correction.author or "unknown")[:64],
        action=action,
        target=target,
        before=before,
        after={**state, "correction": number, "value": value, "note": correction.note},
    )
    return number


def _person_state(session: Session, key: str) -> dict[str, object]:
    found = person_history(session=session, key=key).person
    return {
        "name": found.name,
        "variants": found.variants,
        "roles": found.roles,
        "attendance": len(found.attendance),
    }


def correct_person(
    *,
    session: Session,
    key: str,
    operation: str,
    value: str | None,
    note: str | None,
    actor: str,
    taxonomy_path: Path | None = None,
) -> str:
    """Correct a person (merge, split a name off, rename), audited; return the key to show."""
    chosen = _operation(PERSON_OPERATIONS, operation)
    checked = _value(chosen, value) or ""
    before = _person_state(session, key)
    if chosen.name == "merge":
        if checked == key:
            raise InvalidRequestError("a person cannot be merged with themselves")
        person_history(session=session, key=checked)  # NotFoundError when there is none
    if (
        chosen.name == "split"
        and checked not in person_history(session=session, key=key).person.variants
    ):
        raise InvalidRequestError(f"{checked!r} is not a name written for this person")
    shown = checked if chosen.name == "merge" else key
    _store_audited(
        session=session,
        correction=_correction(chosen, key, checked, note, actor),
        action=f"correction.person.{chosen.name}",
        target=f"person {key}",
        value=checked,
        before=before,
        after=lambda: _person_state(session, shown),
        taxonomy_path=taxonomy_path,
    )
    return shown


def correct_as_given(
    *, session: Session, correction: Correction, taxonomy_path: Path | None = None
) -> int:
    """Store a correction given whole (as the command line does), rebuild, and audit it."""
    return _store_audited(
        session=session,
        correction=correction,
        action=f"correction.{correction.target_kind}.{correction.operation}",
        target=f"{correction.target_kind} {correction.target_key}",
        value=correction.value,
        before=None,
        after=None,
        taxonomy_path=taxonomy_path,
    )
