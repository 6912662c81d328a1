"""The cheap tests that spare the extractors a pattern must never skip a text it matches."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from oversight.extract.cues import folded
from oversight.extract.dates import _MONTH_FIRST, _MONTH_THEN_DAY
from oversight.extract.figures import (
    _DATE_NEXT,
    _NAMING,
    _NAMING_ENDS,
    _NOT_A_FIGURE_NEXT,
    _NUMBER,
    _WHOLE,
    _WHOLE_ENDS,
    _YEARISH,
    _candidates,
    _may_end_with,
)
from oversight.extract.items import _ends_as_sentence, clean_title, is_title_like
from oversight.extract.sentences import split_sentences

_NUMBERS = "0123456789.,%pP£/:- \tabJan"
_WORDS = "GradeNo.qWeekYEARSofthe ſıİK \n\t."


def _sentence_candidates(body: str) -> list[tuple[int, int, str]]:
    """The numbers that can be figures, sentence by sentence, as extract_figures once asked."""
    found: list[tuple[int, int, str]] = []
    for offset, sentence in split_sentences(body):
        for m in _NUMBER.finditer(sentence):
            at, stop = m.span()
            lead = sentence[stop : stop + 1]
            if lead in _NOT_A_FIGURE_NEXT:
                continue
            if (
                not (lead.isspace() or lead in ("%", "p", "P"))
                and "£" not in sentence[max(0, at - 2) : at]
            ):
                continue
            if _YEARISH.match(m.group(1)) or _DATE_NEXT.match(sentence, stop):
                continue
            found.append((offset + at, offset + stop, m.group(1)))
    return found


@given(st.text(alphabet=_NUMBERS + "Ab", max_size=40))
def test_line_candidates_are_the_sentences_candidates(text: str) -> None:
    body = text.strip()
    assert _candidates(body) == _sentence_candidates(body)


def test_unit_numbers_stay_whole() -> None:
    text = "1,234x 12.5% 1,000,0000 3 2024 7 March"
    assert _candidates(text) == [(7, 11, "12.5"), (24, 25, "3")]
    assert _candidates("£5m and 1,234x") == [(1, 2, "5")]


@given(st.text(alphabet=_WORDS, max_size=24))
def test_end_words_hold_wherever_the_patterns_match(text: str) -> None:
    if _NAMING.search(text):
        assert _may_end_with(text, _NAMING_ENDS)
    if _WHOLE.search(text):
        assert _may_end_with(text, _WHOLE_ENDS)


@given(st.text(alphabet="Jan Sept. ſepMARmay 0123:.\n\t24xıTue", max_size=30))
def test_month_then_day_holds_wherever_month_first_matches(text: str) -> None:
    if _MONTH_FIRST.search(text):
        assert _MONTH_THEN_DAY.search(folded(text))


@given(st.text(alphabet="- AbNone/Nil.;,?:NA items\t", max_size=30))
def test_a_sentence_ending_is_never_a_title(text: str) -> None:
    body = text.strip()
    if _ends_as_sentence(body):
        assert not is_title_like(clean_title(body))
        assert not is_title_like(clean_title(body), heading=True)
