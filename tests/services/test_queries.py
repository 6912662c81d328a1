"""The questions the CLI and web ask, answered through the service layer."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from oversight.services import (
    MeetingNotFoundError,
    SearchQueryError,
    ingest_paths,
    list_actions,
    list_documents,
    list_meetings,
    list_people,
    search,
    show_meeting,
    to_json,
)

pytestmark = pytest.mark.usefixtures("fake_extractor")
WriteMinutes = Callable[..., Path]


@pytest.fixture
def stored(engine: Engine, write_minutes: WriteMinutes, tmp_path: Path) -> Engine:
    write_minutes(
        "m/board-2024-03.txt",
        "Ambridge Police Board",
        date="2024-03-05",
        present=[
            "Alex Fenwick | Police and Crime Commissioner | PCC",
            "Morgan Hale | Chief Constable | CC",
        ],
        items=["1 | Rural crime"],
        actions=["Report on rural crime | CC | 2024-04-30", "Publish minutes | PCC |"],
        decisions=["The plan was approved"],
    )
    write_minutes(
        "n/board-2024-03.txt",
        "Ambridge Police Board (copy)",
        date="2024-04-02",
        present=["Morgan Hale | Chief Constable | CC"],
        apologies=["Alex Fenwick | Police and Crime Commissioner | PCC"],
    )
    write_minutes("m/ethics.txt", "Ambridge Ethics Panel", date="2024-05-01")
    assert ingest_paths(engine=engine, paths=[tmp_path / "m", tmp_path / "n"]).ok
    return engine


def test_show_meeting_by_id_name_or_stem(stored: Engine) -> None:
    with Session(stored) as session:
        listed = {m.title: m.id for m in list_meetings(session=session)}
        ethics = show_meeting(session=session, meeting=str(listed["Ambridge Ethics Panel"]))
        assert ethics.meeting.title == "Ambridge Ethics Panel"
        assert show_meeting(session=session, meeting="ethics.txt").id == ethics.id
        assert show_meeting(session=session, meeting=" ethics ").id == ethics.id
        with pytest.raises(MeetingNotFoundError, match="several meetings"):
            show_meeting(session=session, meeting="board-2024-03")
        with pytest.raises(MeetingNotFoundError, match="no meeting"):
            show_meeting(session=session, meeting="9999")


def test_actions_overdue_default_to_today(stored: Engine) -> None:
    with Session(stored) as session:
        assert [a.action.text for a in list_actions(session=session, overdue=True)] == [
            "Report on rural crime"
        ]
        early = list_actions(session=session, overdue=True, as_of=dt.date(2024, 4, 1))
        assert early == []
        owned = list_actions(session=session, owner="pcc", open_only=True)
        assert [a.action.text for a in owned] == ["Publish minutes"]


def test_people_search_and_documents(stored: Engine) -> None:
    with Session(stored) as session:
        people = {p.name: p for p in list_people(session=session)}
        assert (people["Alex Fenwick"].present, people["Alex Fenwick"].apologies) == (2, 1)
        hits = search(session=session, query="rural")
        assert hits[0].title == "Ambridge Police Board"
        with pytest.raises(SearchQueryError):
            search(session=session, query='"rural')
        assert len(list_documents(session=session)) == 3


def test_every_result_has_a_json_form(stored: Engine) -> None:
    with Session(stored) as session:
        meeting_id = list_meetings(session=session)[-1].id
        results: list[object] = [
            list_meetings(session=session),
            show_meeting(session=session, meeting=str(meeting_id)),
            list_actions(session=session),
            list_people(session=session),
            search(session=session, query="rural OR ethics"),
            list_documents(session=session),
        ]
    for result in results:
        json.dumps(to_json(result))
    shown = to_json(results[1])
    assert shown["meeting"]["meeting"]["title"] == "Ambridge Police Board"
    assert shown["meeting"]["actions"][0]["owner"] == ["CC"]
    assert shown["document"]["status"] == "understood"
    person = to_json(results[3])[0]
    assert {"name", "roles", "meetings", "present", "apologies"} <= set(person)
