"""A document's text cut into segments at the edges of the facts highlighted in it.

Spans may overlap (a figure inside an action's sentence), so the text is cut at every
span's start and end and each segment carries every highlight covering it. The template
prints each segment as escaped text inside a `<mark>`; nothing from the document becomes
markup.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from pydantic import BaseModel


class HighlightPublic(BaseModel):
    """A highlighted stretch of the text: which fact it is and where it is."""

    anchor: str
    kind: str
    label: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Segment:
    """A stretch of text, the highlights covering it, those starting and ending with it."""

    text: str
    kinds: tuple[str, ...]
    starts: tuple[str, ...]
    ends: tuple[HighlightPublic, ...]


class SourceTextPublic(BaseModel):
    """A document's text with the spans of the facts taken from it."""

    text: str
    highlights: list[HighlightPublic]

    def segments(self) -> list[Segment]:
        """Cut the text at every highlight's edges (for the template)."""
        size = len(self.text)
        valid = [h for h in self.highlights if 0 <= h.start < h.end and h.start < size]
        edges = sorted({0, size, *(h.start for h in valid), *(min(h.end, size) for h in valid)})
        out: list[Segment] = []
        for left, right in itertools.pairwise(edges):
            covering = [h for h in valid if h.start <= left and min(h.end, size) >= right]
            out.append(
                Segment(
                    text=self.text[left:right],
                    kinds=tuple(dict.fromkeys(h.kind for h in covering)),
                    starts=tuple(h.anchor for h in valid if h.start == left),
                    ends=tuple(h for h in valid if min(h.end, size) == right),
                )
            )
        return out
