"""The search query parser: terms, phrases, prefixes, OR, and clear refusals."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy.orm import Session, sessionmaker

from oversight.store import search
from oversight.store.search import SearchQuery, SearchQueryError, Term, parse_query
from oversight.store.search.fts5 import fts5_query


def test_words_phrases_and_prefixes() -> None:
    parsed = parse_query('Knife "stop and search" polic* "rural cr"*')
    assert parsed == SearchQuery(
        (
            (
                Term(("knife",)),
                Term(("stop", "and", "search")),
                Term(("polic",), prefix=True),
                Term(("rural", "cr"), prefix=True),
            ),
        )
    )


def test_or_splits_alternatives_and_and_is_implicit() -> None:
    parsed = parse_query("knife AND crime OR drones")
    assert parsed.alternatives == ((Term(("knife",)), Term(("crime",))), (Term(("drones",)),))


def test_punctuation_is_dropped_and_hyphenated_words_are_phrases() -> None:
    assert parse_query("'; knife-crime --").terms == (Term(("knife", "crime")),)


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("", "empty"),
        ('"knife crime', "unbalanced quotation mark"),
        ("OR AND", "no words"),
        ("-- ; '", "no words"),
        ("OR knife", "OR needs"),
        ("knife OR", "OR needs"),
        ("knife OR OR crime", "OR needs"),
        ("NOT knife", "NOT is not supported"),
        ("x " * 600, "longer than"),
        (" ".join(f"w{i}" for i in range(40)), "more than"),
    ],
)
def test_malformed_queries_say_why(query: str, message: str) -> None:
    with pytest.raises(SearchQueryError, match=message):
        parse_query(query)


def test_fts5_query_quotes_every_term() -> None:
    parsed = parse_query('near knife OR "a b"*')
    assert fts5_query(parsed) == '("near" AND "knife") OR ("a b" *)'


# The store is only read by these examples, so sharing one per test is safe.
@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=st.text(max_size=60))
def test_any_text_parses_or_is_refused_and_never_breaks_the_backend(
    session_factory: sessionmaker[Session], text: str
) -> None:
    try:
        parsed = parse_query(text)
    except SearchQueryError as exc:
        assert "\n" not in str(exc)
        return
    assert all(w and w.isalnum() for term in parsed.terms for w in term.words)
    with session_factory() as session:
        assert search(session=session, query=parsed) == []
