"""One person per real person, whatever way the minutes wrote the name."""

from __future__ import annotations

import datetime as dt

from oversight.records import Meeting, Person
from oversight.records.tracking import MeetingRef
from oversight.tracking.people import NAME_THRESHOLD, find_people, name_similarity, parse_name


def test_parse_name_strips_ranks_honorifics_and_honours() -> None:
    name = parse_name("T/DCC Julia Amberley QPM")
    assert name is not None
    assert (name.given, name.surname, name.rank) == (("Julia",), "Amberley", "T/DCC")
    assert parse_name("Ms Amberley") is not None
    assert parse_name("Cllr J.R. Hart") is not None
    assert parse_name("") is None


def _meeting(n: int, people: list[tuple[str, str | None]]) -> tuple[MeetingRef, Meeting]:
    day = dt.date(2025, n, 1)
    meeting = Meeting(
        source=f"m{n}.txt", date=day, attendees=[Person(name, role) for name, role in people]
    )
    return MeetingRef(n, day.strftime("%Y%m%d"), day), meeting


def test_name_variants_become_one_person_and_namesakes_stay_apart() -> None:
    meetings = [
        _meeting(1, [("Julia Amberley", "Deputy Chief Constable"), ("Tom Hart", "ACC")]),
        _meeting(2, [("J. Amberley", "DCC"), ("Rachel Hart", "Policy Officer")]),
        _meeting(3, [("DCC Amberley", None)]),
        _meeting(4, [("Julia Ambberley", "T/Chief Constable")]),
        _meeting(5, [("Ms Amberley", "Chief Constable"), ("ACC Hart", None)]),
    ]
    people, _ = find_people(meetings)
    by_name = {p.name: p for p in people}
    assert set(by_name) == {"Julia Amberley", "Tom Hart", "Rachel Hart"}
    assert set(by_name["Julia Amberley"].variants) == {
        "Julia Amberley",
        "J. Amberley",
        "DCC Amberley",
        "Julia Ambberley",
        "Ms Amberley",
    }
    assert "ACC Hart" in by_name["Tom Hart"].variants
    assert len(by_name["Julia Amberley"].attendance) == 5


# Pairs written for this test: the same person spelt differently, and different people.
SAME = [
    ("Harriet Pearson", "Harriet Pierson"),
    ("Julia Amberley", "Julia Ambberley"),
    ("Stephen Kiely", "Stephen Kiley"),
    ("Anne-Marie Cole", "Anne Marie Cole"),
    ("Mohammed Iqbal", "Mohammad Iqbal"),
]
DIFFERENT = [
    ("Rachel Jones", "Richard Jones"),
    ("John Campbell", "Joan Campbell"),
    ("Mark Hill", "Mary Hill"),
    ("Peter Okafor", "Petra Okafor"),
    ("Sarah Lee", "Sara Leigh"),
]


def test_the_name_threshold_separates_variants_from_namesakes() -> None:
    same = [name_similarity(a, b) for a, b in SAME]
    different = [name_similarity(a, b) for a, b in DIFFERENT]
    assert min(same) >= NAME_THRESHOLD > max(different)
