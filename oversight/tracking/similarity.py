"""How much two pieces of minutes talk about the same matter: weighted shared content words.

Words are lower-cased, stripped of common endings ("circulated", "circulating" and
"circulate" meet) and weighted by how rare they are across the texts being compared, so
that "stalking protection orders" counts for more than "provide an update". The score of a
later text against an earlier one is the share of the earlier text's weight it repeats.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache

_WORD = re.compile(r"[a-z][a-z0-9']+")
_STOP = frozenset(
    [
        "about",
        "above",
        "after",
        "again",
        "against",
        "all",
        "also",
        "and",
        "any",
        "are",
        "around",
        "as",
        "at",
        "back",
        "be",
        "because",
        "been",
        "before",
        "being",
        "below",
        "between",
        "both",
        "but",
        "by",
        "can",
        "could",
        "did",
        "does",
        "doing",
        "down",
        "during",
        "each",
        "few",
        "for",
        "from",
        "further",
        "had",
        "has",
        "have",
        "having",
        "he",
        "her",
        "here",
        "hers",
        "him",
        "his",
        "how",
        "however",
        "i",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "itself",
        "just",
        "may",
        "me",
        "meeting",
        "meetings",
        "more",
        "most",
        "must",
        "my",
        "next",
        "no",
        "nor",
        "not",
        "now",
        "of",
        "off",
        "on",
        "once",
        "only",
        "or",
        "other",
        "our",
        "out",
        "over",
        "own",
        "per",
        "same",
        "she",
        "should",
        "so",
        "some",
        "such",
        "than",
        "that",
        "the",
        "their",
        "them",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "through",
        "to",
        "too",
        "under",
        "until",
        "up",
        "upon",
        "very",
        "was",
        "we",
        "were",
        "what",
        "when",
        "where",
        "which",
        "while",
        "who",
        "whom",
        "why",
        "will",
        "with",
        "within",
        "would",
        "you",
        "your",
        "action",
        "actions",
        "update",
        "updated",
        "provide",
        "provided",
        "providing",
        "report",
        "reported",
        "reporting",
        "confirm",
        "confirmed",
        "confirming",
        "share",
        "shared",
        "ensure",
        "pcc",
        "opcc",
        "dcc",
        "acc",
        "cc",
        "chief",
        "constable",
        "commissioner",
        "force",
        "officer",
        "officers",
    ]
)
_ENDINGS = ("ations", "ation", "ings", "ing", "ies", "ied", "ed", "es", "s", "ly", "e")


def stem(word: str) -> str:
    """Return a crude stem of a lower-case word."""
    for ending in _ENDINGS:
        if len(word) > len(ending) + 3 and word.endswith(ending):
            return word[: -len(ending)]
    return word


@lru_cache(maxsize=65536)
def content_words(text: str) -> frozenset[str]:
    """Return the stems of a text's content words."""
    return frozenset(stem(w) for w in _WORD.findall(text.lower()) if w not in _STOP and len(w) > 2)


class Weights:
    """Inverse document frequencies of stems over a collection of texts."""

    def __init__(self, texts: Iterable[frozenset[str]]) -> None:
        counts: Counter[str] = Counter()
        total = 0
        for words in texts:
            counts.update(words)
            total += 1
        self._total = max(total, 1)
        self._counts = counts
        self._weights: dict[str, float] = {}
        self._wholes: dict[frozenset[str], float] = {}

    def of(self, word: str) -> float:
        """Return the weight of one stem: rarer stems weigh more."""
        weight = self._weights.get(word)
        if weight is None:
            weight = math.log(1 + self._total / (1 + self._counts.get(word, 0)))
            self._weights[word] = weight
        return weight

    def coverage(self, later: frozenset[str], earlier: frozenset[str]) -> float:
        """Return the share of `earlier`'s weight that `later` repeats (0 to 1)."""
        if not earlier:
            return 0.0
        whole = self._wholes.get(earlier)
        if whole is None:
            whole = self._wholes[earlier] = sum(self.of(w) for w in earlier)
        shared = sum(self.of(w) for w in earlier & later)
        return shared / whole if whole else 0.0
