"""People and roles across the shared seed minutes, checked against their answer keys.

The seeds span several years of one PCC's meetings: Chief Constables change, temporary
chiefs act, and one member of staff holds four roles over the years. What is expected is
read from the hand-made answer keys (`../shared/gold`) at test time, never written here;
the test is skipped where `../shared` is absent.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest
from sqlalchemy import Engine
from support.golden import load_json

from oversight.services import ingest_paths
from oversight.services.tracking import people_over_time, person_history, role_timeline
from oversight.store import make_session_factory

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
SEEDS = SHARED / "seeds"
GOLD = SHARED / "gold"

pytestmark = pytest.mark.skipif(not GOLD.is_dir(), reason="../shared is not present")


def _gold_people() -> dict[str, list[tuple[str, str]]]:
    """Return each person in the answer keys with the (date, role) of each appearance."""
    found: defaultdict[str, list[tuple[str, str]]] = defaultdict(list)
    for path in sorted(GOLD.glob("*.json")):
        record = load_json(path)
        meeting = record.get("meeting", record)
        for person in [*record.get("attendees", []), *record.get("apologies", [])]:
            found[person["name"]].append((str(meeting.get("date")), str(person.get("role"))))
    return dict(found)


def _is_chief(role: str) -> bool:
    lowered = role.lower()
    return "chief constable" in lowered and "deputy" not in lowered and "assistant" not in lowered


@pytest.fixture
def seeded(engine: Engine) -> Engine:
    report = ingest_paths(engine=engine, paths=sorted(SEEDS.glob("*.txt")))
    assert report.failures == []
    return engine


def test_each_person_in_the_answer_keys_is_one_person_record(seeded: Engine) -> None:
    gold = _gold_people()
    with make_session_factory(seeded)() as session:
        people = people_over_time(session=session)
    by_variant = {v: p.key for p in people for v in p.variants}
    assert {name: by_variant.get(name) is not None for name in gold} == dict.fromkeys(gold, True)
    keys = [by_variant[name] for name in gold]
    assert len(set(keys)) == len(gold), "two people of the answer keys were merged"


def test_the_chief_constables_over_time_match_the_answer_keys(seeded: Engine) -> None:
    chiefs = {
        name: sorted(date for date, role in seen if _is_chief(role))
        for name, seen in _gold_people().items()
    }
    chiefs = {name: dates for name, dates in chiefs.items() if dates}
    with make_session_factory(seeded)() as session:
        tenures = role_timeline(session=session, role="Chief Constable")
    assert len(chiefs) == 3
    assert {t.name for t in tenures} == set(chiefs)
    for t in tenures:
        assert t.first_date is not None and t.last_date is not None
        assert (str(t.first_date), str(t.last_date)) == (chiefs[t.name][0], chiefs[t.name][-1])
    temporary = [t for t in tenures if t.qualifier == "temporary"]
    assert len(temporary) == 1
    assert temporary[0].first_date == max(t.first_date for t in tenures if t.first_date)


def test_the_temporary_chief_officers_of_the_latest_meeting(seeded: Engine) -> None:
    latest = max(date for seen in _gold_people().values() for date, _ in seen)
    acting = {
        name
        for name, seen in _gold_people().items()
        for date, role in seen
        if date == latest and role.replace(" ", "").startswith("T/")
    }
    with make_session_factory(seeded)() as session:
        tenures = role_timeline(session=session)
    found = {t.name for t in tenures if t.qualifier == "temporary" and str(t.last_date) == latest}
    assert found == acting
    assert len(acting) == 2


def test_a_person_keeps_every_role_they_held(seeded: Engine) -> None:
    gold = _gold_people()
    most_roles = max(gold, key=lambda name: len({role for _, role in gold[name]}))
    expected_roles = {role for _, role in gold[most_roles]}
    assert len(expected_roles) == 4
    with make_session_factory(seeded)() as session:
        key = next(p.key for p in people_over_time(session=session) if most_roles in p.variants)
        history = person_history(session=session, key=key)
    assert len(history.person.attendance) == len(gold[most_roles])
    assert len({t.role for t in history.tenures}) == 4
