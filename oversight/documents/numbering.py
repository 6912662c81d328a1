"""Rebuild the list numbers Word keeps outside the text ("2.1", "3.", "(b)").

A numbered paragraph holds only a `numPr` (a list instance `numId` and a level `ilvl`);
the number itself comes from the numbering definitions: each level has a start value, a
format (decimal, letters, roman numerals, bullet) and a pattern such as "%1.%2". Counters
run per abstract list, or per list instance when the instance overrides its start values,
and a level restarts whenever a shallower level advances, as Word does.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_LEVELS = 9
_ROMAN = (
    (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
    (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
)  # fmt: skip


def to_int(value: str | None, default: int = 0) -> int:
    """Parse an integer attribute of hostile XML, falling back to a default."""
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


@dataclass(frozen=True, slots=True)
class Level:
    """One level of a list definition."""

    start: int = 1
    format: str = "decimal"
    text: str = "%1."
    suffix: str = "tab"
    legal: bool = False


@dataclass(frozen=True, slots=True)
class Label:
    """The number (or bullet) Word shows before a paragraph, and what follows it."""

    text: str
    bullet: bool
    suffix: str


def _roman(value: int) -> str:
    out = []
    for number, letters in _ROMAN:
        count, value = divmod(value, number)
        out.append(letters * count)
    return "".join(out)


def _letters(value: int) -> str:
    # Word repeats the letter: a..z, aa..zz, aaa..
    if value <= 0:
        return ""
    return chr(ord("a") + (value - 1) % 26) * ((value - 1) // 26 + 1)


def format_number(value: int, fmt: str) -> str:
    """Format a counter value in a Word number format."""
    if fmt in ("lowerLetter", "upperLetter"):
        text = _letters(min(value, 26 * 20))
        return text.upper() if fmt == "upperLetter" else text
    if fmt in ("lowerRoman", "upperRoman"):
        text = _roman(min(value, 4999)) if value > 0 else "0"
        return text.upper() if fmt == "upperRoman" else text
    if fmt == "decimalZero":
        return f"{value:02d}"
    if fmt == "none":
        return ""
    return str(value)


def _level(element: etree._Element) -> Level:
    def value(tag: str) -> str | None:
        child = element.find(W + tag)
        return None if child is None else child.get(W + "val")

    legal = element.find(W + "isLgl")
    return Level(
        start=to_int(value("start"), 1),
        format=value("numFmt") or "decimal",
        text=value("lvlText") or "",
        suffix=value("suff") or "tab",
        legal=legal is not None and legal.get(W + "val") not in ("0", "false"),
    )


def _levels(parent: etree._Element) -> dict[int, Level]:
    levels: dict[int, Level] = {}
    for lvl in parent.iter(W + "lvl"):
        ilvl = to_int(lvl.get(W + "ilvl"), -1)
        if 0 <= ilvl < _LEVELS:
            levels[ilvl] = _level(lvl)
    return levels


@dataclass(slots=True)
class _Instance:
    abstract: str
    levels: dict[int, Level] = field(default_factory=dict)
    starts: dict[int, int] = field(default_factory=dict)


class Numbering:
    """The numbering definitions of one document, and the counters as paragraphs go by."""

    def __init__(self, numbering: etree._Element | None) -> None:
        self._abstract: dict[str, dict[int, Level]] = {}
        self._instances: dict[str, _Instance] = {}
        self._counters: dict[str, list[int | None]] = {}
        if numbering is None:
            return
        for abstract in numbering.findall(W + "abstractNum"):
            self._abstract[abstract.get(W + "abstractNumId") or ""] = _levels(abstract)
        for num in numbering.findall(W + "num"):
            ref = num.find(W + "abstractNumId")
            instance = _Instance("" if ref is None else ref.get(W + "val") or "")
            for override in num.findall(W + "lvlOverride"):
                ilvl = to_int(override.get(W + "ilvl"), -1)
                if not 0 <= ilvl < _LEVELS:
                    continue
                start = override.find(W + "startOverride")
                if start is not None:
                    instance.starts[ilvl] = to_int(start.get(W + "val"), 1)
                replaced = override.find(W + "lvl")
                if replaced is not None:
                    instance.levels[ilvl] = _level(replaced)
            self._instances[num.get(W + "numId") or ""] = instance

    def _level(self, instance: _Instance, ilvl: int) -> Level:
        if ilvl in instance.levels:
            return instance.levels[ilvl]
        level = self._abstract.get(instance.abstract, {}).get(ilvl, Level())
        if ilvl in instance.starts:
            return Level(instance.starts[ilvl], level.format, level.text, level.suffix, level.legal)
        return level

    def label(self, num_id: str, ilvl: int) -> Label | None:
        """Advance the counters for a paragraph numbered (num_id, ilvl) and return its label."""
        instance = self._instances.get(num_id)
        if instance is None or num_id == "0":
            return None
        ilvl = min(max(ilvl, 0), _LEVELS - 1)
        level = self._level(instance, ilvl)
        if level.format == "bullet":
            return Label("", True, level.suffix)
        # An instance that restarts its numbering counts on its own.
        key = f"num:{num_id}" if instance.starts or instance.levels else instance.abstract
        counters = self._counters.setdefault(key, [None] * _LEVELS)
        current = counters[ilvl]
        counters[ilvl] = level.start if current is None else current + 1
        for deeper in range(ilvl + 1, _LEVELS):
            counters[deeper] = None
        text = level.text
        for shallower in range(ilvl, -1, -1):
            placeholder = f"%{shallower + 1}"
            if placeholder not in text:
                continue
            other = self._level(instance, shallower)
            value = counters[shallower]
            fmt = "decimal" if level.legal and shallower < ilvl else other.format
            shown = format_number(other.start if value is None else value, fmt)
            text = text.replace(placeholder, shown)
        return Label(text.strip(), False, level.suffix)
