"""Listing actions: open only, by owner in any case, overdue on a given day."""

from __future__ import annotations

import dataclasses
import datetime as dt

from sqlalchemy import update
from sqlalchemy.orm import Session, sessionmaker

from oversight.records import Action
from oversight.store import ActionSummary, list_actions
from oversight.store.tables import ActionRow

from .factories import full_meeting, store


def _setup(sessions: sessionmaker[Session]) -> None:
    meeting = dataclasses.replace(
        full_meeting("a.txt"),
        actions=[
            Action("Review rural patrols", ["CC"], due_date=dt.date(2024, 4, 1)),
            Action("Publish the plan", ["PCC", "cc"], due_date=dt.date(2024, 9, 1)),
            Action("Brief the panel", ["DCC"]),
            Action("Closed already", ["CC"], due_date=dt.date(2024, 1, 1)),
        ],
    )
    store(sessions, "/m/a.txt", "x", meeting)
    with sessions.begin() as session:
        session.execute(
            update(ActionRow).where(ActionRow.text == "Closed already").values(status="done")
        )


def _texts(found: list[ActionSummary]) -> list[str]:
    return [a.action.text for a in found]


def test_all_and_open_actions(session_factory: sessionmaker[Session]) -> None:
    _setup(session_factory)
    with session_factory() as session:
        everything = list_actions(session=session)
        assert len(everything) == 4
        assert everything[1].action.owners == ["PCC", "cc"]
        assert everything[0].meeting_title == "Ambridge Police Board"
        assert "Closed already" not in _texts(list_actions(session=session, open_only=True))


def test_owner_matches_in_any_case(session_factory: sessionmaker[Session]) -> None:
    _setup(session_factory)
    with session_factory() as session:
        found = list_actions(session=session, owner="Cc", open_only=True)
    assert _texts(found) == ["Review rural patrols", "Publish the plan"]


def test_overdue_as_of_a_day(session_factory: sessionmaker[Session]) -> None:
    _setup(session_factory)
    with session_factory() as session:
        found = list_actions(session=session, overdue_as_of=dt.date(2024, 6, 1))
        assert _texts(found) == ["Review rural patrols"]
        assert found[0].overdue
        assert list_actions(session=session, overdue_as_of=dt.date(2024, 4, 1)) == []
        marked = list_actions(session=session, as_of=dt.date(2024, 12, 1))
        assert [a.overdue for a in marked] == [True, True, False, False]
