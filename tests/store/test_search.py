"""Full-text search on every backend: ranking, phrases, prefixes, highlights, hostile input."""

from __future__ import annotations

import contextlib
import dataclasses

import pytest
from sqlalchemy import func, inspect, select
from sqlalchemy.orm import Session, sessionmaker

from oversight.records import Action, AgendaItem, Meeting
from oversight.store import SearchQueryError, list_meetings, search
from oversight.store.search import add_snippets
from oversight.store.tables import MeetingRow

from .factories import store

KNIFE_TEXT = (
    "Borsetshire Knife Crime Board\n"
    "Knife crime in the county rose by four per cent.\n"
    "The Commissioner asked how knife crime arrests were followed up.\n"
    "Stop and search for knives was explained."
)
ROADS_TEXT = (
    "Borsetshire Roads Policing Board\n"
    "Speeding enforcement on rural roads continued through the summer months.\n"
    "Officers seized one knife during a roadside check of a van.\n"
    "Policing of the county show went well."
)
NOTES_TEXT = "Scribbled notes\nThe kitchen knife drawer needs fixing."


def _meeting(source: str, title: str, items: list[str], actions: list[str]) -> Meeting:
    return Meeting(
        source=source,
        title=title,
        items=[AgendaItem(t, str(n)) for n, t in enumerate(items, 1)],
        actions=[Action(t, ["CC"]) for t in actions],
    )


@pytest.fixture
def corpus(session_factory: sessionmaker[Session]) -> sessionmaker[Session]:
    knife = _meeting(
        "knife.txt",
        "Borsetshire Knife Crime Board",
        ["Knife crime update"],
        ["Report on knife crime arrests"],
    )
    roads = _meeting(
        "roads.txt", "Borsetshire Roads Policing Board", ["Roads policing"], ["Review speeding"]
    )
    store(session_factory, "/m/knife.txt", KNIFE_TEXT, knife)
    store(session_factory, "/m/roads.txt", ROADS_TEXT, roads)
    store(session_factory, "/m/notes.txt", NOTES_TEXT, None, "not minutes: no header")
    return session_factory


def test_more_relevant_meeting_ranks_first(corpus: sessionmaker[Session]) -> None:
    with corpus() as session:
        hits = search(session=session, query="knife")
    assert hits[0].source == "knife.txt"
    assert hits[0].title == "Borsetshire Knife Crime Board"
    scores = [h.score for h in hits]
    assert scores == sorted(scores, reverse=True)
    assert {h.source for h in hits} == {"knife.txt", "roads.txt", "notes.txt"}


def test_results_are_capped_per_document(corpus: sessionmaker[Session]) -> None:
    with corpus() as session:
        hits = search(session=session, query="knife", per_document=1)
        assert [h.source for h in hits][:1] == ["knife.txt"]
        assert len(hits) == 3
        assert len(search(session=session, query="knife", limit=2)) == 2
        assert search(session=session, query="knife", limit=0) == []


def test_phrase_matches_words_in_order_only(corpus: sessionmaker[Session]) -> None:
    with corpus() as session:
        phrase = search(session=session, query='"roadside check"')
        reversed_words = search(session=session, query='"check roadside"')
    assert [h.source for h in phrase] == ["roads.txt"]
    assert phrase[0].section == "text"
    assert reversed_words == []


def test_prefix_terms(corpus: sessionmaker[Session]) -> None:
    with corpus() as session:
        hits = search(session=session, query="speed*")
        assert {h.source for h in hits} == {"roads.txt"}
        assert search(session=session, query="speedx*") == []


def test_all_words_must_match_unless_or(corpus: sessionmaker[Session]) -> None:
    with corpus() as session:
        both = search(session=session, query="knife van")
        either = search(session=session, query="drawer OR speeding")
    assert {h.source for h in both} == {"roads.txt"}
    assert {h.source for h in either} == {"notes.txt", "roads.txt"}


def test_snippets_highlight_the_matches(corpus: sessionmaker[Session]) -> None:
    with corpus() as session:
        [hit] = search(session=session, query='"roadside check"')
    marked = [hit.snippet[start:end].lower() for start, end in hit.highlights]
    assert marked == ["roadside", "check"] or marked == ["roadside check"]
    assert "[roadside]" in hit.marked().lower() or "[roadside check]" in hit.marked().lower()
    assert "\ue000" not in hit.snippet and "\ue001" not in hit.snippet
    assert hit.span is not None
    assert ROADS_TEXT[hit.span.start : hit.span.end].startswith("Officers seized")


def test_not_understood_documents_are_searchable(corpus: sessionmaker[Session]) -> None:
    with corpus() as session:
        [hit] = search(session=session, query="drawer")
    assert (hit.source, hit.meeting_id, hit.title) == ("notes.txt", None, None)


def test_hits_point_at_sections(corpus: sessionmaker[Session]) -> None:
    with corpus() as session:
        hits = search(session=session, query="arrests", per_document=5)
    assert {h.section for h in hits} == {"action", "text"}
    action = next(h for h in hits if h.section == "action")
    assert action.label == "CC"


def test_replaced_document_is_searched_in_its_new_version(
    corpus: sessionmaker[Session],
) -> None:
    store(corpus, "/m/notes.txt", "Scribbled notes\nThe garden gate squeaks.", None, "no")
    with corpus() as session:
        assert search(session=session, query="drawer") == []
        assert [h.source for h in search(session=session, query="gate")] == ["notes.txt"]


@pytest.mark.parametrize(
    "query",
    [
        "'; DROP TABLE meeting; --",
        'knife"; DELETE FROM document; --"',
        "text:knife",
        "NEAR(knife crime)",
        "knife AND (crime",
        "^knife",
        "knife) OR (1=1",
        "' OR 1=1 --",
        "\\x00",
        "knife:* & !crime | x",
        "%_%",
    ],
)
def test_hostile_queries_are_harmless(corpus: sessionmaker[Session], query: str) -> None:
    with corpus() as session:
        with contextlib.suppress(SearchQueryError):
            search(session=session, query=query)
        bind = session.get_bind()
        assert {"meeting", "document", "passage"} <= set(inspect(bind).get_table_names())
        assert session.scalar(select(func.count()).select_from(MeetingRow)) == 2
        assert len(list_meetings(session=session)) == 2


def test_words_inside_hostile_input_are_still_searched(corpus: sessionmaker[Session]) -> None:
    with corpus() as session:
        hits = search(session=session, query="'; knife-crime --")
    assert hits and hits[0].source == "knife.txt"


@pytest.mark.parametrize("query", ["", "   ", '"unbalanced', "OR", "AND OR", "-- ;", "*", "a OR"])
def test_malformed_queries_raise(corpus: sessionmaker[Session], query: str) -> None:
    with corpus() as session, pytest.raises(SearchQueryError):
        search(session=session, query=query)


def test_headings_weigh_more_than_running_text(session_factory: sessionmaker[Session]) -> None:
    body = "Ambridge Board\n" + "Drones were mentioned once in passing among many other things."
    titled = dataclasses.replace(_meeting("titled.txt", "Drones", [], []), source="titled.txt")
    store(session_factory, "/m/mentioned.txt", body, _meeting("mentioned.txt", "Board", [], []))
    store(session_factory, "/m/titled.txt", "Drones\nAgenda.", titled)
    with session_factory() as session:
        hits = search(session=session, query="drones")
    assert hits[0].source == "titled.txt"


def test_snippets_made_later_match_those_made_with_the_search(
    corpus: sessionmaker[Session],
) -> None:
    with corpus() as session:
        whole = search(session=session, query='knife "crime" arrest*')
        bare = search(session=session, query='knife "crime" arrest*', snippets=False)
        assert [h.passage_id for h in bare] == [h.passage_id for h in whole]
        assert all(h.snippet == "" and h.highlights == () for h in bare)
        later = add_snippets(session=session, query='knife "crime" arrest*', hits=bare[1:])
    assert [h.passage_id for h in later] == [h.passage_id for h in whole[1:]]
    assert [(h.snippet, h.highlights) for h in later] == [
        (h.snippet, h.highlights) for h in whole[1:]
    ]
    assert any("knife crime" in h.snippet.lower() for h in later)
