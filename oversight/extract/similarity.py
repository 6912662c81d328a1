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
def _bag(text: str) -> tuple[Counter[str], int]:
    # Actions are compared with every other action and with each sentence of the minutes,
    # so the same texts come back again and again. Only token_f1 sees this Counter, and it
    # never changes it; the number of words comes with it.
    bag = Counter(words(text))
    return bag, bag.total()


def _counted(text: str | Counter[str]) -> tuple[Counter[str], int]:
    return (text, text.total()) if isinstance(text, Counter) else _bag(text)


def token_f1(a: str | Counter[str], b: str | Counter[str]) -> float:
    """F1 of the word multisets of two texts (1.0 for identical wording)."""
    ca, total_a = _counted(a)
    cb, total_b = _counted(b)
    if not ca or not cb:
        return 1.0 if not ca and not cb else 0.0
    small, large = (ca, cb) if len(ca) <= len(cb) else (cb, ca)
    # The size of the multiset intersection, without building it as Counter & would; a
    # plain loop, as a generator inside sum() costs more than the arithmetic.
    common = 0
    for word, count in small.items():
        other = large.get(word)
        if other:
            common += count if count < other else other
    if not common:
        return 0.0
    precision, recall = common / total_a, common / total_b
    return 2 * precision * recall / (precision + recall)
