"""Cheap necessary conditions checked before the extractors' expensive regular expressions.

Most lines of a set of minutes hold no action, figure, date or promise, yet a regular
expression that opens with `\\b` or an alternation of words is tried at every position of
every line. A substring test on the lower-cased text costs a fraction of that, so each
extractor first asks whether the words its pattern needs are there at all; the pattern
then decides exactly as before. `folded` lower-cases text the way the regex engine's
IGNORECASE compares it, so that such a test can never skip a line the pattern would match.
"""

from __future__ import annotations

import re

# \d as the patterns use it; with no lookbehind in front the engine scans for it quickly.
DIGIT = re.compile(r"\d")
# Characters that IGNORECASE treats as an ASCII letter but str.lower() does not make one:
# dotless i and long s; "İ" lowers to "i" plus a combining dot.
_FOLDS = (("\u0307", ""), ("\u0131", "i"), ("\u017f", "s"))


def folded(text: str) -> str:
    """Lower-case text so that `word in folded(text)` holds wherever re.I finds the word."""
    low = text.lower()
    if not low.isascii() and ("\u0307" in low or "\u0131" in low or "\u017f" in low):
        for old, new in _FOLDS:
            low = low.replace(old, new)
    return low


def has_any(low: str, words: tuple[str, ...]) -> bool:
    """Say whether any of the (lower-case) words occurs in the folded text."""
    return any(word in low for word in words)
