"""Parse a user's search query into words, "quoted phrases" and prefix* terms.

The parsed query is the only thing the search backends see: they turn each term into a
bound parameter (PostgreSQL) or a double-quoted FTS5 string (SQLite), so no character the
user typed is ever read as SQL or as search syntax. Terms are joined by AND; `OR` between
terms gives alternatives. Words are runs of letters and digits, as both backends' tokenisers
see them: punctuation between words is dropped, and "knife-crime" is the phrase
"knife crime".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_QUERY_CHARS = 1000
MAX_TERMS = 32
_WORD = re.compile(r"[^\W_]+")


class SearchQueryError(ValueError):
    """A search query that cannot be run; the message says why in one line."""


@dataclass(frozen=True, slots=True)
class Term:
    """One word, or a phrase of several words in order; `prefix` widens the last word."""

    words: tuple[str, ...]
    prefix: bool = False

    @property
    def is_phrase(self) -> bool:
        """Say whether the term is several words that must appear together."""
        return len(self.words) > 1


@dataclass(frozen=True, slots=True)
class SearchQuery:
    """A parsed query: alternatives (joined by OR), each a set of terms that must all match."""

    alternatives: tuple[tuple[Term, ...], ...]

    @property
    def terms(self) -> tuple[Term, ...]:
        """Return every term of every alternative."""
        return tuple(term for group in self.alternatives for term in group)


_OR = object()


def _tokens(text: str) -> list[Term | object]:
    """Split the query into terms and OR markers; raise on what cannot be read."""
    out: list[Term | object] = []
    pos = 0
    while pos < len(text):
        char = text[pos]
        if char.isspace():
            pos += 1
            continue
        if char == '"':
            close = text.find('"', pos + 1)
            if close < 0:
                raise SearchQueryError('unbalanced quotation mark: close the phrase with another "')
            body, pos = text[pos + 1 : close], close + 1
            prefix = text.startswith("*", pos)
            pos += 1 if prefix else 0
            words = tuple(w.lower() for w in _WORD.findall(body))
            if words:
                out.append(Term(words, prefix))
            continue
        end = pos
        while end < len(text) and not text[end].isspace() and text[end] != '"':
            end += 1
        token, pos = text[pos:end], end
        if token == "OR":
            out.append(_OR)
        elif token == "NOT":
            raise SearchQueryError("NOT is not supported: search for the words you want")
        elif token != "AND":
            words = tuple(w.lower() for w in _WORD.findall(token))
            if words:
                out.append(Term(words, prefix=token.endswith("*")))
    return out


def parse_query(text: str) -> SearchQuery:
    """Parse a search query, or raise SearchQueryError saying what is wrong with it."""
    if not text.strip():
        raise SearchQueryError("the search query is empty: give one or more words")
    if len(text) > MAX_QUERY_CHARS:
        raise SearchQueryError(f"the search query is longer than {MAX_QUERY_CHARS} characters")
    tokens = _tokens(text)
    if not any(isinstance(t, Term) for t in tokens):
        raise SearchQueryError(
            "the search query has no words to search for, only operators or punctuation"
        )
    groups: list[tuple[Term, ...]] = []
    current: list[Term] = []
    for token in tokens:
        if isinstance(token, Term):
            current.append(token)
        elif not current:
            raise SearchQueryError("OR needs a word or phrase on each side")
        else:
            groups.append(tuple(current))
            current = []
    if not current:
        raise SearchQueryError("OR needs a word or phrase on each side")
    groups.append(tuple(current))
    query = SearchQuery(tuple(groups))
    if len(query.terms) > MAX_TERMS:
        raise SearchQueryError(f"the search query has more than {MAX_TERMS} terms")
    return query
