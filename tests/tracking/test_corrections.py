"""People's corrections applied to the derived record, and refused when malformed."""

from __future__ import annotations

import datetime as dt

import pytest

from oversight.records.tracking import (
    Attendance,
    Correction,
    Effect,
    ItemEvent,
    ItemKind,
    LinkMethod,
    PersonRecord,
    TrackedItem,
)
from oversight.tracking.corrections import (
    CorrectionError,
    apply_to_items,
    apply_to_people,
    check,
)
from oversight.tracking.roles import Holding, Role

DAY = dt.date(2025, 5, 1)


def _item(key: str, *updates: str) -> TrackedItem:
    events = [ItemEvent(Effect.RAISED, 1, DAY, key)]
    events += [
        ItemEvent(Effect.UPDATE, 2, dt.date(2025, 6, 1), text, None, LinkMethod.TEXT, 0.5, text)
        for text in updates
    ]
    return TrackedItem(key, ItemKind.ACTION, 1, DAY, key, events=events)


def test_a_link_can_be_moved_confirmed_or_undone() -> None:
    items = [_item("A1", "U1", "U2"), _item("A2")]
    fixed = apply_to_items(
        items,
        [
            Correction("link", "U1", "relink", "A2"),
            Correction("link", "U2", "split"),
        ],
    )
    by_key = {i.key: i for i in fixed}
    assert [e.fact_key for e in by_key["A1"].events] == [None]
    assert [(e.fact_key, e.confidence) for e in by_key["A2"].events] == [(None, 1.0), ("U1", 1.0)]


def test_items_can_be_closed_reopened_merged_and_corrected() -> None:
    items = [_item("A1", "U1"), _item("A2", "U9")]
    fixed = apply_to_items(
        items,
        [
            Correction("item", "A1", "close", "2025-07-01", "editor"),
            Correction("item", "A1", "reopen", "2025-08-01"),
            Correction("item", "A1", "correct", "due_date=2025-09-30"),
            Correction("item", "A2", "merge", "A1"),
            Correction("item", "gone", "close"),
        ],
    )
    assert [i.key for i in fixed] == ["A1"]
    item = fixed[0]
    assert item.due_date == dt.date(2025, 9, 30)
    assert item.status_on(dt.date(2025, 7, 15)).value == "closed"
    assert item.status_on(dt.date(2025, 8, 15)).value == "updated"
    assert "U9" in [e.fact_key for e in item.events]


def _person(key: str, name: str, *written: str) -> PersonRecord:
    attendance = [Attendance(n, DAY, "present", w) for n, w in enumerate(written, start=1)]
    return PersonRecord(key, name, sorted(set(written)), [], attendance)


def test_people_can_be_merged_and_split() -> None:
    people = [
        _person("jo-hart", "Jo Hart", "Jo Hart", "J. Hart"),
        _person("joanne-hart", "Joanne Hart", "Joanne Hart"),
    ]
    holdings = [
        Holding(1, DAY, Role("Chief Constable"), "joanne-hart", "Joanne Hart", "Joanne Hart")
    ]
    merged, held = apply_to_people(
        people, holdings, [Correction("person", "joanne-hart", "merge", "jo-hart")]
    )
    assert [p.key for p in merged] == ["jo-hart"]
    assert merged[0].variants == ["J. Hart", "Jo Hart", "Joanne Hart"]
    assert held[0].person_key == "jo-hart"
    split, _ = apply_to_people(merged, held, [Correction("person", "jo-hart", "split", "J. Hart")])
    assert sorted(p.key for p in split) == ["j-hart", "jo-hart"]


@pytest.mark.parametrize(
    "correction",
    [
        Correction("thing", "x", "close"),
        Correction("item", "x", "explode"),
        Correction("item", "x", "merge"),
        Correction("item", "x", "correct", "no equals sign"),
        Correction("item", "x", "close", "next tuesday"),
        Correction("person", "x", "close"),
    ],
)
def test_malformed_corrections_are_refused(correction: Correction) -> None:
    with pytest.raises(CorrectionError):
        check(correction)
