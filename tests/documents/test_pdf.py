"""The PDF reader: reading order, furniture, hyphens, and tables rebuilt from positions."""

from __future__ import annotations

import math
import struct
from array import array
from itertools import accumulate
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from oversight.documents import BlockKind, DocumentError, Limits, NoTextLayerError, pdf_text
from oversight.documents.pdf import read_pdf
from oversight.documents.pdf_geometry import Word, split_run

from .pdfmake import (
    Text,
    encrypted_pdf,
    image_only_pdf,
    looped_tree_pdf,
    many_pages_pdf,
    text_pdf,
)

TOP = 780.0
PITCH = 13.0


def _read(
    pages: list[list[Text]], rules: list[list[tuple[float, float, float]]] | None = None
) -> list[tuple[BlockKind, str]]:
    document = read_pdf(text_pdf(pages, rules=rules or []), source="minutes.pdf")
    return [(block.kind, block.text) for block in document.blocks]


def _furniture(page: int, total: int) -> list[Text]:
    return [(200, 815, "OFFICIAL - Police and Crime Panel", 8, False),
            (270, 30, f"Page {page} of {total}", 8, False)]  # fmt: skip


def test_paragraphs_headings_bullets_and_wrapped_lines() -> None:
    page: list[Text] = [
        (72, TOP, "Minutes of the Panel", 16, True),
        (72, TOP - 30, "The meeting opened at ten with the Chair welcoming members and officers"),
        (72, TOP - 30 - PITCH, "from the force."),
        (72, TOP - 60, "Findings:", 11, True),
        (72, TOP - 80, "\x95"),
        (90, TOP - 80, "Response times improved."),
        (72, TOP - 80 - PITCH, "\x95"),
        (90, TOP - 80 - PITCH, "Calls were answered sooner."),
    ]
    assert _read([page]) == [
        (BlockKind.HEADING, "Minutes of the Panel"),
        (
            BlockKind.PARAGRAPH,
            "The meeting opened at ten with the Chair welcoming members and officers "
            "from the force.",
        ),
        (BlockKind.HEADING, "Findings:"),
        (BlockKind.LIST_ITEM, "- Response times improved."),
        (BlockKind.LIST_ITEM, "- Calls were answered sooner."),
    ]


def test_running_headers_footers_and_page_numbers_are_removed() -> None:
    pages: list[list[Text]] = [
        [*_furniture(1, 2), (72, TOP, "First page of the minutes.")],
        [*_furniture(2, 2), (72, TOP, "Second page of the minutes.")],
    ]
    assert [text for _, text in _read(pages)] == [
        "First page of the minutes.",
        "Second page of the minutes.",
    ]


def test_words_hyphenated_at_a_line_end_are_joined() -> None:
    page: list[Text] = [
        (72, TOP, "The investigation team reported that the whole investi-"),
        (72, TOP - PITCH, "gation was well-"),
        (72, TOP - 2 * PITCH, "staffed."),
    ]
    assert _read([page]) == [
        (
            BlockKind.PARAGRAPH,
            "The investigation team reported that the whole investigation was well-staffed.",
        )
    ]


def _item_table() -> list[Text]:
    """An item table as Word prints it without borders: number | discussion | owner."""
    y = TOP
    out: list[Text] = [(72, y, "No."), (110, y, "Item"), (470, y, "Owner")]
    y -= 20
    out += [(72, y, "2.1"), (110, y, "Victim satisfaction")]
    y -= 18
    out += [
        (110, y, "The PCC noted the disparity in victim satisfaction across the"),
        (110, y - PITCH, "local policing areas."),
    ]
    y -= 18 + PITCH
    out += [(110, y, "ACTION: CC to report on the drivers of disparity."), (470, y, "CC")]
    y -= 20
    out += [(72, y, "2.2"), (110, y, "Call handling")]
    return out


def test_a_borderless_table_is_rebuilt_from_positions() -> None:
    assert _read([_item_table()]) == [
        (BlockKind.TABLE_ROW, "No.\tItem\tOwner"),
        (BlockKind.TABLE_ROW, "2.1\tVictim satisfaction"),
        (
            BlockKind.PARAGRAPH,
            "\tThe PCC noted the disparity in victim satisfaction across the local policing areas.",
        ),
        (BlockKind.TABLE_ROW, "\tACTION: CC to report on the drivers of disparity.\tCC"),
        (BlockKind.TABLE_ROW, "2.2\tCall handling"),
    ]


def test_a_ruled_table_splits_rows_at_its_borders_and_rejoins_a_row_cut_by_a_page() -> None:
    first: list[Text] = [
        (72, TOP, "1.1"),
        (110, TOP, "Action arising from the previous meeting:"),
        (110, TOP - 20, "Domestic abuse processes to be brought back."),
        (110, TOP - 20 - PITCH, "The CC said the review of the processes had started and"),
    ]
    second: list[Text] = [
        (110, TOP, "would finish in May."),
        (72, TOP - 22, "1.2"),
        (110, TOP - 22, "Outcomes"),
    ]
    rules = [
        [(66.0, 530.0, TOP + 12), (66.0, 530.0, TOP - 8)],
        [(66.0, 530.0, TOP - 10), (66.0, 530.0, TOP - 30)],
    ]
    assert _read([first, second], rules) == [
        (BlockKind.TABLE_ROW, "1.1\tAction arising from the previous meeting:"),
        (BlockKind.TABLE_ROW, "\tDomestic abuse processes to be brought back."),
        (
            BlockKind.PARAGRAPH,
            "\tThe CC said the review of the processes had started and would finish in May.",
        ),
        (BlockKind.TABLE_ROW, "1.2\tOutcomes"),
    ]


def test_a_paragraph_after_a_table_ends_it() -> None:
    page = [
        *_item_table(),
        (72, TOP - 120, "The meeting closed at noon after a long discussion of the items above."),
    ]
    assert _read([page])[-1] == (
        BlockKind.PARAGRAPH,
        "The meeting closed at noon after a long discussion of the items above.",
    )


def test_a_pdf_without_text_is_reported_as_scanned() -> None:
    with pytest.raises(NoTextLayerError) as raised:
        read_pdf(image_only_pdf(), source="scan.pdf")
    assert str(raised.value) == "no text layer (scanned?)"
    assert isinstance(raised.value, DocumentError)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (encrypted_pdf(), "^the PDF is encrypted and needs a password$"),
        (looped_tree_pdf(), "^the PDF"),
        (text_pdf([[(72, 700, "Cut short")]])[:200], "^the PDF is truncated"),
        (b"%PDF-1.7\n" + b"not really a pdf " * 50 + b"\n%%EOF\n", "^the PDF is damaged or not"),
    ],
)
def test_hostile_pdfs_give_one_line_reasons(data: bytes, message: str) -> None:
    with pytest.raises(DocumentError, match=message) as raised:
        read_pdf(data, source="bad.pdf")
    assert "\n" not in str(raised.value)


def test_page_and_time_limits() -> None:
    with pytest.raises(DocumentError, match=r"^the PDF has 2,001 pages, more than the limit"):
        read_pdf(many_pages_pdf(2001), source="long.pdf")
    data = many_pages_pdf(30)
    with pytest.raises(DocumentError, match="30 pages, more than the limit of 20"):
        read_pdf(data, source="long.pdf", limits=Limits(max_pdf_pages=20))
    with pytest.raises(DocumentError, match=r"^reading the PDF took longer than 0 s$"):
        read_pdf(data, source="slow.pdf", limits=Limits(max_seconds=0.0))
    with pytest.raises(DocumentError, match="more than 100 characters"):
        read_pdf(data, source="dense.pdf", limits=Limits(max_pdf_chars=100))


def test_pages_are_counted_and_blocks_know_their_page() -> None:
    document = read_pdf(
        text_pdf([[(72, TOP, "First page.")], [(72, TOP, "Second page.")]]), source="two.pdf"
    )
    assert document.pages == 2
    assert [block.page for block in document.blocks] == [1, 2]


# Characters that separate runs and some that do not, PDFium's hyphen mark among them.
_TEXT_PIECES = st.sampled_from(
    [
        *("a", "B", "é", "–", "\U0001f600", "\x02", "-", ".", " ", "\r\n", "\n", "\t"),
        *("\xa0", "\u2028", "\u3000", "\ufeff", "\x00", "\x01", "\x1f", "\u200b", "\xad"),
    ]
)


@given(st.lists(_TEXT_PIECES, max_size=12).map("".join))
def test_runs_of_a_page_text_are_what_the_separators_leave(text: str) -> None:
    runs = list(pdf_text._RUN.finditer(text))
    expected = ([m.start() for m in runs], [m.end() for m in runs], [m.group() for m in runs])
    assert pdf_text._runs(text) == expected


@pytest.mark.parametrize(
    "pages",
    [
        [_item_table()],
        [[*_furniture(1, 2), (72, TOP, "First page.", 14, True)], [*_furniture(2, 2)]],
        [[(72, TOP, "The whole investi-"), (72, TOP - PITCH, "gation was well- staffed.")]],
        [[(72, TOP, "Wide   gaps   inside   a   line"), (300, TOP - 2, "and a step")]],
        [[(72, TOP, "Regular words"), (160, TOP, "bold", 11, True), (190, TOP, "big", 16, False)]],
    ],
)
def test_a_page_read_at_once_gives_the_words_read_run_by_run(
    pages: list[list[Text]], monkeypatch: pytest.MonkeyPatch
) -> None:
    data = text_pdf(pages)
    at_once = read_pdf(data, source="minutes.pdf")
    monkeypatch.setattr(pdf_text, "_words", _every_run_split)
    assert read_pdf(data, source="minutes.pdf") == at_once


def _every_run_split(
    stretch: pdf_text._Stretch, height: float, bolds: list[bool], skips: list[bool], page: int
) -> list[Word]:
    """The words of some runs, every run split character by character."""
    boxes = pdf_text._listed(stretch.values, stretch.found)
    lengths = [end - start for start, end in zip(stretch.starts, stretch.ends, strict=True)]
    words: list[Word] = []
    for text, at, bold, skip in zip(
        stretch.texts, accumulate(lengths, initial=0), bolds, skips, strict=False
    ):
        if not skip:
            words.extend(split_run(boxes, text, at, height, bold, page))
    return words


# Box sides that need care: zeros of both signs, infinities, not-a-number, floats past
# 2**127; and any float at all.
_ODD = st.sampled_from([0.0, -0.0, math.inf, -math.inf, math.nan, 3e38, -3e38])
_UP = st.one_of(st.sampled_from([712.0, 712.0, 700.0, 700.0, 706.0]), _ODD)
_ZERO = st.sampled_from([0.0, -0.0])
_ANY = st.floats(width=32, min_value=-1000, max_value=1000)
# Steps from one character's left edge to the next: a letter's width, gaps either side of
# a word gap (a quarter of the height of 12), and steps back.
_STEP = st.sampled_from([5.0, 5.5, 7.9, 8.0, 8.1, 0.0, -1.0, -7.0])
# A character of a run: whether PDFium gave a box, and the box, as a step after the one
# before on the run's line ("next"), a step with a box of its own height and width ("own"),
# sides near zero ("zero"), or any sides at all ("any").
_CHAR = st.tuples(
    st.sampled_from([1, 1, 1, 1, 0]),
    st.sampled_from(["next", "next", "next", "own", "zero", "any"]).flatmap(
        lambda kind: st.tuples(
            st.just(kind),
            {
                "next": _STEP,
                "own": st.tuples(_STEP, _UP, st.sampled_from([5.0, 0.0, -2.0]), _UP),
                "zero": st.tuples(_ZERO, _UP, st.one_of(_ZERO, st.just(5.0)), _UP),
                "any": st.tuples(_ANY, _ANY, _ANY, _ANY),
            }[kind],
        )
    ),
)


def _stretch(runs: list[list[tuple[int, tuple[str, Any]]]]) -> pdf_text._Stretch:
    """A stretch of runs laid out from left to right along one baseline."""
    starts, ends, texts, found = [], [], [], []
    sides: list[float] = []
    position, left = 0, 20.0
    for run in runs:
        starts.append(position)
        for flag, (kind, shape) in run:
            found.append(flag)
            if kind == "next":
                left += shape
                sides.extend([left, 712.0, left + 5.0, 700.0])
            elif kind == "own":
                step, top, width, bottom = shape
                left += step
                sides.extend([left, top, left + width, bottom])
            else:
                sides.extend(shape)
        position += len(run)
        ends.append(position)
        texts.append("x" * len(run))
        position += 1
        left += 10.0
    values = array("f", struct.pack(f"{len(sides)}f", *sides))
    return pdf_text._Stretch(starts, ends, texts, found, values)


_NEXT = (1, ("next", 5.0))


@settings(max_examples=400, deadline=None)
@example([[_NEXT, (1, ("next", 8.1)), (1, ("next", 8.0))]], [False] * 8, [False] * 8)
@example([[_NEXT, (1, ("own", (5.0, 706.0, 5.0, 700.0)))]], [False] * 8, [False] * 8)
@example([[(1, ("own", (5.0, 706.0, 5.0, 700.0))), _NEXT]], [False] * 8, [False] * 8)
@example([[_NEXT, (1, ("own", (5.0, 712.0, 5.0, 706.0)))]], [False] * 8, [False] * 8)
@example([[(1, ("own", (5.0, 712.0, 5.0, 706.0))), _NEXT]], [False] * 8, [False] * 8)
@example([[(1, ("own", (5.0, 700.0, 5.0, 712.0))), _NEXT]], [False] * 8, [False] * 8)
@example(
    [[(1, ("zero", (0.0, 712.0, 5.0, 700.0))), (1, ("zero", (-0.0, 712.0, 5.0, 700.0)))]],
    [False] * 8,
    [False] * 8,
)
@example(
    [[(1, ("zero", (-0.0, 712.0, 0.0, 700.0))), (1, ("zero", (-0.0, 712.0, -0.0, 700.0)))]],
    [False] * 8,
    [False] * 8,
)
@example([[_NEXT, (1, ("zero", (math.inf, 712.0, math.inf, 700.0)))]], [False] * 8, [False] * 8)
@given(
    st.lists(st.lists(_CHAR, min_size=1, max_size=6), min_size=1, max_size=8),
    st.lists(st.booleans(), min_size=8, max_size=8),
    st.lists(st.sampled_from([False, False, False, True]), min_size=8, max_size=8),
)
def test_runs_made_words_at_once_are_the_words_split_character_by_character(
    runs: list[list[tuple[int, tuple[str, Any]]]], bolds: list[bool], skips: list[bool]
) -> None:
    stretch = _stretch(runs)
    count = len(runs)
    at_once = pdf_text._words(stretch, 792.0, bolds[:count], skips[:count], 3)
    expected = _every_run_split(stretch, 792.0, bolds[:count], skips[:count], 3)
    # repr tells -0.0 from 0.0 and lets NaN equal NaN.
    assert repr(at_once) == repr(expected)
