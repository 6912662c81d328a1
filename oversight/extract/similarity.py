"""Word-overlap similarity between two short texts, for spotting repeated statements."""

from __future__ import annotations

import re
from collections import Counter

_WORD = re.compile(r"[a-z0-9]+")


def words(text: str) -> list[str]:
    """Lower-case words and numbers of a text."""
    return _WORD.findall(text.lower())


def token_f1(a: str, b: str) -> float:
    """F1 of the word multisets of two texts (1.0 for identical wording)."""
    ca, cb = Counter(words(a)), Counter(words(b))
    if not ca or not cb:
        return 1.0 if not ca and not cb else 0.0
    common = sum((ca & cb).values())
    if not common:
        return 0.0
    precision, recall = common / sum(ca.values()), common / sum(cb.values())
    return 2 * precision * recall / (precision + recall)
