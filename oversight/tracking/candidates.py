"""An inverted word index over texts grouped by their words, for finding what a text repeats.

Minutes repeat themselves: the same action or sentence comes back meeting after meeting in
the same words. Texts with the same set of content words form one class, and the index
maps each word to the classes that contain it, so a lookup visits each distinct wording
once instead of every text. A class whose best possible score cannot reach a threshold is
passed over without looking at its members; the members of the others are scored one by
one, exactly as before, by the caller.

Entries are numbered in the order they are added; `members` lists each class's entries in
that order, so a range of entry numbers (a window of dates, when entries are added in date
order) is found by bisection.
"""

from __future__ import annotations

import bisect
import itertools
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from oversight.tracking.similarity import Weights

# Scores of a class and of one of its members are the same sum taken in a possibly
# different order; this covers the rounding of that difference many times over.
SLACK = 1e-9


@dataclass
class WordClasses:
    """Entries (numbered from 0) grouped by their word sets and indexed by word."""

    counts: Counter[str] = field(default_factory=Counter)
    words: list[frozenset[str]] = field(default_factory=list)
    members: list[list[int]] = field(default_factory=list)
    by_word: defaultdict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    _class_of: dict[frozenset[str], int] = field(default_factory=dict)
    _size: int = 0

    def add(self, words: frozenset[str]) -> int:
        """Add the next entry with these words; return its number."""
        number = self._size
        self._size += 1
        found = self._class_of.get(words)
        if found is None:
            found = self._class_of[words] = len(self.words)
            self.words.append(words)
            self.members.append([])
            for word in words:
                self.by_word[word].append(found)
        self.members[found].append(number)
        self.counts.update(words)
        return number

    def sharing(self, words: Iterable[str], common: int) -> list[int]:
        """Return the classes sharing one of `words` found in at most `common` entries."""
        found: set[int] = set()
        for word in words:
            if 0 < self.counts.get(word, 0) <= common:
                found.update(self.by_word[word])
        return sorted(found)

    def within(self, group: int, start: int, stop: int) -> list[int]:
        """Return the entries of a class numbered from `start` up to (not including) `stop`."""
        members = self.members[group]
        return members[bisect.bisect_left(members, start) : bisect.bisect_left(members, stop)]


def dated_prefix(days: Sequence[int | None]) -> list[int] | None:
    """Return the days of the entries when the dated ones come first and in order, else None.

    Entries past the returned list have no day.
    """
    dated = list(itertools.takewhile(lambda day: day is not None, days))
    if len(dated) < len(days) and any(day is not None for day in days[len(dated) :]):
        return None
    found = [day for day in dated if day is not None]
    return found if all(a <= b for a, b in itertools.pairwise(found)) else None


def weight_of(weights: Weights, words: Iterable[str]) -> float:
    """Return the summed weight of words, without touching the weights' cache of wholes."""
    return sum(weights.of(w) for w in words)


def bound(weights: Weights, later: frozenset[str], earlier: frozenset[str], whole: float) -> float:
    """Return what `weights.coverage(later, earlier)` gives, up to `SLACK`, given the whole
    weight of `earlier`; it leaves the weights' caches as they were."""
    if not earlier or not whole:
        return 0.0
    return weight_of(weights, earlier & later) / whole


def in_windows(classes: WordClasses, group: int, windows: Iterable[range]) -> Iterator[int]:
    """Yield the entries of a class that fall in any of the windows of entry numbers."""
    for window in windows:
        yield from classes.within(group, window.start, window.stop)
