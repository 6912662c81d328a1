"""Word-overlap similarity between two short texts, for spotting repeated statements."""

from __future__ import annotations

import re
from collections import Counter

_WORD = re.compile(r"[a-z0-9]+")


def words(text: str) -> list[str]:
    """Lower-case words and numbers of a text."""
    return _WORD.findall(text.lower())


def bag(text: str) -> Counter[str]:
    """The word multiset of a text."""
    return Counter(words(text))


def token_f1(a: str | Counter[str], b: str | Counter[str]) -> float:
    """F1 of the word multisets of two texts (1.0 for identical wording)."""
    ca = a if isinstance(a, Counter) else Counter(words(a))
    cb = b if isinstance(b, Counter) else Counter(words(b))
    if not ca or not cb:
        return 1.0 if not ca and not cb else 0.0
    common = sum((ca & cb).values())
    if not common:
        return 0.0
    precision, recall = common / sum(ca.values()), common / sum(cb.values())
    return 2 * precision * recall / (precision + recall)
