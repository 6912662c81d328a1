"""The text of the minutes cut at the edges of highlighted facts, overlaps included."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from oversight.web.source_text import HighlightPublic, SourceTextPublic


def _highlight(anchor: str, start: int, end: int) -> HighlightPublic:
    return HighlightPublic(
        anchor=anchor, kind=anchor.split("-")[0], label=anchor, start=start, end=end
    )


def test_overlapping_spans_mark_each_piece_with_every_fact() -> None:
    text = SourceTextPublic(
        text="The rate rose to 91% this year.",
        highlights=[_highlight("action-1", 4, 30), _highlight("figure-1", 17, 20)],
    )
    pieces = [(s.text, s.kinds, s.starts, [h.anchor for h in s.ends]) for s in text.segments()]
    assert pieces == [
        ("The ", (), (), []),
        ("rate rose to ", ("action",), ("action-1",), []),
        ("91%", ("action", "figure"), ("figure-1",), ["figure-1"]),
        (" this year", ("action",), (), ["action-1"]),
        (".", (), (), []),
    ]


def test_spans_outside_the_text_are_left_out_or_cut() -> None:
    text = SourceTextPublic(
        text="short", highlights=[_highlight("action-1", 3, 99), _highlight("action-2", 50, 60)]
    )
    assert [(s.text, s.kinds) for s in text.segments()] == [("sho", ()), ("rt", ("action",))]


@settings(database=None)
@given(
    st.text(max_size=60),
    st.lists(st.tuples(st.integers(-5, 70), st.integers(-5, 70)), max_size=6),
)
def test_segments_always_rebuild_the_text(body: str, spans: list[tuple[int, int]]) -> None:
    text = SourceTextPublic(
        text=body, highlights=[_highlight(f"action-{n}", a, b) for n, (a, b) in enumerate(spans)]
    )
    segments = text.segments()
    assert "".join(s.text for s in segments) == body
    assert all(s.text for s in segments)
