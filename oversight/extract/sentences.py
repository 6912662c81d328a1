"""Split a paragraph into sentences without breaking at "Ch. Supt", "e.g." or "No. 3"."""

from __future__ import annotations

import re
from functools import lru_cache

# The boundary is group 1; the stop before it is matched rather than looked behind for, so
# the engine scans for ".", "!" and "?" instead of trying every position.
_BOUNDARY = re.compile(r"[.!?]([\"”’)]?\s+)(?=[A-Z0-9“\"‘(])")
_ABBREVIATIONS = re.compile(
    r"\b(?:e\.g|i\.e|etc|inc|incl|Ch|Supt|Insp|Det|No|Nos|Dr|Mr|Mrs|Ms|Cllr|St|vs|approx|"
    r"Sgt|Con|Ref|para|cf|[A-Z])\.$"
)


@lru_cache(maxsize=2048)
def split_sentences(text: str) -> tuple[tuple[int, str], ...]:
    """Return (offset, sentence) pairs for the sentences of a paragraph."""
    if "." not in text and "?" not in text and "!" not in text:
        return ((0, text),) if text.strip() else ()
    out: list[tuple[int, str]] = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        piece = text[start : m.start(1)].rstrip()
        if _ABBREVIATIONS.search(piece[-8:]):
            continue
        if piece.strip():
            out.append((start, piece))
        start = m.end()
    tail = text[start:].strip()
    if tail:
        out.append((start, text[start:].rstrip()))
    return tuple(out)
