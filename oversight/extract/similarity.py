"""Word-overlap similarity between two short texts, for spotting repeated statements."""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

_WORD = re.compile(r"[a-z0-9]+")


def words(text: str) -> list[str]:
    """Lower-case words and numbers of a text."""
    return _WORD.findall(text.lower())


@lru_cache(maxsize=4096)
def _bag(text: str) -> Counter[str]:
    # Actions are compared with every other action and with each sentence of the minutes,
    # so the same texts come back again and again. Only token_f1 sees this Counter, and it
    # never changes it.
    return Counter(words(text))


def token_f1(a: str | Counter[str], b: str | Counter[str]) -> float:
    """F1 of the word multisets of two texts (1.0 for identical wording)."""
    ca = a if isinstance(a, Counter) else _bag(a)
    cb = b if isinstance(b, Counter) else _bag(b)
    if not ca or not cb:
        return 1.0 if not ca and not cb else 0.0
    small, large = (ca, cb) if len(ca) <= len(cb) else (cb, ca)
    # The size of the multiset intersection, without building it as Counter & would.
    common = sum(min(n, large[w]) for w, n in small.items() if w in large)
    if not common:
        return 0.0
    precision, recall = common / sum(ca.values()), common / sum(cb.values())
    return 2 * precision * recall / (precision + recall)
