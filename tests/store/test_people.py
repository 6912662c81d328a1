"""People across meetings: spellings grouped, roles and letters gathered, meetings counted."""

from __future__ import annotations

import dataclasses

from sqlalchemy.orm import Session, sessionmaker

from oversight.records import Person
from oversight.store import list_people

from .factories import full_meeting, store


def test_people_are_grouped_across_meetings(session_factory: sessionmaker[Session]) -> None:
    first = dataclasses.replace(
        full_meeting("a.txt"),
        attendees=[Person("Morgan Hale", "Chief Constable", "CC")],
        apologies=[Person("Jo Whitlock", "Deputy Chief Constable", "DCC")],
    )
    second = dataclasses.replace(
        full_meeting("b.txt"),
        attendees=[
            Person("morgan  hale", "Chief Constable", "CC"),
            Person("Jo Whitlock", "Acting Chief Constable", None),
        ],
        apologies=[],
    )
    third = dataclasses.replace(
        full_meeting("c.txt"), attendees=[Person("Morgan Hale", "CC", "CC")], apologies=[]
    )
    for name, meeting in (("a", first), ("b", second), ("c", third)):
        store(session_factory, f"/m/{name}.txt", "x", meeting)
    with session_factory() as session:
        people = list_people(session=session)
    assert [p.name for p in people] == ["Morgan Hale", "Jo Whitlock"]
    morgan, jo = people
    assert (morgan.meetings, morgan.present, morgan.apologies) == (3, 3, 0)
    assert morgan.roles == ("Chief Constable", "CC")
    assert morgan.abbreviations == ("CC",)
    assert (jo.meetings, jo.present, jo.apologies) == (2, 1, 1)
    assert set(jo.roles) == {"Deputy Chief Constable", "Acting Chief Constable"}
