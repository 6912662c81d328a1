"""The tracker end to end: minutes ingested, actions followed, corrections kept.

The three board minutes in `minutes/` were written for this test: actions 05 to 07/2025
are raised at the first; at the second 05 is closed by its number, 06 by a list of numbers
"agreed as completed", 07 carried forward, and 08 raised; at the third 07 is dropped and 08
updated. The Chief Constable is away at the second, where the DCC acts up as T/CC and a
T/DCC covers.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from oversight.records.tracking import Correction, ItemKind
from oversight.services import ingest_paths
from oversight.services.agenda import agenda_pack
from oversight.services.tracking import (
    InvalidRequestError,
    correct,
    resolve_role,
    role_timeline,
    tracked_item,
    tracked_items,
)
from oversight.store import make_session_factory

MINUTES = Path(__file__).with_name("minutes")
AFTER = dt.date(2025, 12, 1)


@pytest.fixture
def board(engine: Engine, tmp_path: Path) -> tuple[Engine, Path]:
    folder = tmp_path / "minutes"
    shutil.copytree(MINUTES, folder)
    report = ingest_paths(engine=engine, paths=[folder])
    assert report.failures == []
    return engine, folder


def _session(engine: Engine) -> Session:
    return make_session_factory(engine)()


def _by_reference(session: Session, day: dt.date = AFTER) -> dict[str | None, str]:
    rows = tracked_items(session=session, kind=ItemKind.ACTION, as_of=day)
    return {row.item.reference: row.status for row in rows}


def test_actions_are_followed_to_their_end(board: tuple[Engine, Path]) -> None:
    with _session(board[0]) as session:
        assert _by_reference(session) == {
            "05/2025": "closed",
            "06/2025": "closed",
            "07/2025": "dropped",
            "08/2025": "overdue",
        }
        # Before the second meeting the first three were still open; 06 was past its date.
        assert _by_reference(session, dt.date(2025, 5, 1)) == {
            "05/2025": "open",
            "06/2025": "overdue",
            "07/2025": "open",
        }


def test_each_status_change_keeps_its_meeting_and_span(board: tuple[Engine, Path]) -> None:
    with _session(board[0]) as session:
        key = next(
            r.item.key for r in tracked_items(session=session) if r.item.reference == "07/2025"
        )
        history = tracked_item(session=session, key=key, as_of=AFTER).item
    effects = [(e.effect.value, e.method.value, str(e.date)) for e in history.events]
    assert effects == [
        ("raised", "source", "2025-04-08"),
        ("carried_forward", "reference", "2025-06-10"),
        ("dropped", "reference", "2025-09-09"),
    ]
    assert all(e.span is not None for e in history.events)
    # Carrying an action forward does not move the date it was due.
    assert history.due_date == dt.date(2025, 6, 10)


def test_owners_and_role_mentions_resolve_to_people(board: tuple[Engine, Path]) -> None:
    with _session(board[0]) as session:
        rows = {r.item.reference: r.item for r in tracked_items(session=session)}
        assert rows["05/2025"].people == ["erin-faulkner"]
        assert rows["08/2025"].people == ["imran-jalal"]
        dcc = resolve_role(session=session, text="the DCC", on=dt.date(2025, 6, 10))
        chief = resolve_role(session=session, text="the CC", on=dt.date(2025, 9, 9))
        assert dcc is not None and dcc.name == "Imran Jalal"
        assert chief is not None and chief.name == "Nadia Okoro"
        chiefs = [(t.title, t.name) for t in role_timeline(session=session, role="Chief Constable")]
    assert chiefs == [
        ("Chief Constable", "Colin Drake"),
        ("Temporary Chief Constable", "Erin Faulkner"),
        ("Chief Constable", "Nadia Okoro"),
    ]


def test_corrections_survive_reingesting_the_source(board: tuple[Engine, Path]) -> None:
    engine, folder = board
    with make_session_factory(engine).begin() as session:
        key = next(
            r.item.key for r in tracked_items(session=session) if r.item.reference == "08/2025"
        )
        correct(
            session=session,
            correction=Correction("item", key, "close", "2025-10-20", "editor", "paper agreed"),
        )
    with _session(engine) as session:
        assert _by_reference(session)["08/2025"] == "closed"
    changed = folder / "board-3.txt"
    changed.write_text(changed.read_text() + "\nThe meeting closed at 3.30pm.\n")
    report = ingest_paths(engine=engine, paths=[folder])
    assert (report.failures, report.replaced) == ([], 1)
    with _session(engine) as session:
        assert _by_reference(session)["08/2025"] == "closed"
        events = tracked_item(session=session, key=key).item.events
    assert events[-1].method.value == "correction"
    assert events[-1].date == dt.date(2025, 10, 20)


def test_a_bad_correction_is_refused(board: tuple[Engine, Path]) -> None:
    with make_session_factory(board[0]).begin() as session, pytest.raises(InvalidRequestError):
        correct(session=session, correction=Correction("item", "x", "explode"))


def test_the_agenda_pack_lists_what_is_outstanding(board: tuple[Engine, Path]) -> None:
    with _session(board[0]) as session:
        pack = agenda_pack(session=session, as_of=dt.date(2025, 11, 1))
    assert pack.meeting_date == dt.date(2025, 12, 9)
    assert [row.item.reference for row in pack.actions] == ["08/2025"]
    assert "Marsh Lane" in pack.markdown
    assert "## Actions" in pack.markdown
    assert "<h2>Actions</h2>" in pack.html
