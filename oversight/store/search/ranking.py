"""What every search backend shares: section weights, highlight markers, raw hits.

Backends mark matches in snippets with two private-use characters, which minutes do not
contain, and `split_marks` turns a marked snippet into plain text plus highlighted ranges.
"""

from __future__ import annotations

from dataclasses import dataclass

HIGHLIGHT_START = "\ue000"
HIGHLIGHT_END = "\ue001"
# A match in a meeting's title or an agenda item heading says more about what the meeting
# was about than one in running text.
SECTION_WEIGHTS = {"meeting": 2.0, "item": 1.5}


@dataclass(frozen=True, slots=True)
class RawHit:
    """A matching passage as a backend returns it: id, score (higher is better), and its
    marked snippet unless it was left to be made later."""

    passage_id: int
    score: float
    snippet: str | None


def split_marks(marked: str) -> tuple[str, tuple[tuple[int, int], ...]]:
    """Return the snippet without markers and the [start, end) ranges they enclosed."""
    plain: list[str] = []
    ranges: list[tuple[int, int]] = []
    length = 0
    opened: int | None = None
    for char in marked:
        if char == HIGHLIGHT_START:
            opened = length
        elif char == HIGHLIGHT_END:
            if opened is not None and length > opened:
                if ranges and ranges[-1][1] == opened:
                    opened = ranges.pop()[0]
                ranges.append((opened, length))
            opened = None
        else:
            plain.append(char)
            length += 1
    return "".join(plain), tuple(ranges)
