"""Rebuild the list numbers Word keeps outside the text ("2.1", "3.", "(b)").

A numbered paragraph holds only a `numPr` (a list instance `numId` and a level `ilvl`);
the number itself comes from the numbering definitions: each level has a start value, a
format (decimal, letters, roman numerals, bullet) and a pattern such as "%1.%2". Counters
run per abstract list, or per list instance when the instance overrides its start values,
and a level restarts whenever a shallower level advances, as Word does.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
VAL = W + "val"
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


# These plain loops over children are quicker than lxml's path and tag-filter lookups on
# the few children a Word element has.
def child(element: etree._Element, tag: str) -> etree._Element | None:
    """The first child with a tag, as `element.find(tag)` gives."""
    for found in element:
        if found.tag == tag:
            return found
    return None


def grandchild(element: etree._Element, outer: str, tag: str) -> etree._Element | None:
    """The first `tag` under an `outer` child, as `element.find("outer/tag")` gives."""
    for middle in element:
        if middle.tag == outer:
            for found in middle:
                if found.tag == tag:
                    return found
    return None


def settings(element: etree._Element, outer: str, *tags: str) -> dict[str, etree._Element]:
    """The first of each tag under `outer` children, as `find("outer/tag")` gives each."""
    found: dict[str, etree._Element] = {}
    for middle in element:
        if middle.tag == outer:
            for setting in middle:
                tag = setting.tag
                if tag in tags and tag not in found:
                    found[tag] = setting
    return found


class Level(NamedTuple):
    """One level of a list definition."""

    start: int = 1
    format: str = "decimal"
    text: str = "%1."
    suffix: str = "tab"
    legal: bool = False


class Label(NamedTuple):
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
    first: dict[object, etree._Element] = {}
    for setting in element:
        first.setdefault(setting.tag, setting)

    def value(tag: str) -> str | None:
        found = first.get(W + tag)
        return None if found is None else found.get(VAL)

    legal = first.get(W + "isLgl")
    return Level(
        start=to_int(value("start"), 1),
        format=value("numFmt") or "decimal",
        text=value("lvlText") or "",
        suffix=value("suff") or "tab",
        legal=legal is not None and legal.get(VAL) not in ("0", "false"),
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


class Definitions:
    """The list definitions of one numbering part; read-only once built, so shareable."""

    def __init__(self, numbering: etree._Element | None) -> None:
        self.abstract: dict[str, dict[int, Level]] = {}
        self.instances: dict[str, _Instance] = {}
        if numbering is None:
            return
        for abstract in numbering.iterchildren(W + "abstractNum"):
            self.abstract[abstract.get(W + "abstractNumId") or ""] = _levels(abstract)
        for num in numbering.iterchildren(W + "num"):
            self.instances[num.get(W + "numId") or ""] = _instance(num)

    def level(self, instance: _Instance, ilvl: int) -> Level:
        """A level of a list instance: its own override, else its abstract list's."""
        if ilvl in instance.levels:
            return instance.levels[ilvl]
        level = self.abstract.get(instance.abstract, {}).get(ilvl, Level())
        if ilvl in instance.starts:
            return Level(instance.starts[ilvl], level.format, level.text, level.suffix, level.legal)
        return level


def _instance(num: etree._Element) -> _Instance:
    ref = child(num, W + "abstractNumId")
    instance = _Instance("" if ref is None else ref.get(VAL) or "")
    for override in num.iterchildren(W + "lvlOverride"):
        ilvl = to_int(override.get(W + "ilvl"), -1)
        if not 0 <= ilvl < _LEVELS:
            continue
        start = child(override, W + "startOverride")
        if start is not None:
            instance.starts[ilvl] = to_int(start.get(VAL), 1)
        replaced = child(override, W + "lvl")
        if replaced is not None:
            instance.levels[ilvl] = _level(replaced)
    return instance


class Numbering:
    """The numbering definitions of one document, and the counters as paragraphs go by."""

    def __init__(self, definitions: Definitions) -> None:
        self._definitions = definitions
        self._counters: dict[str, list[int | None]] = {}

    def label(self, num_id: str, ilvl: int) -> Label | None:
        """Advance the counters for a paragraph numbered (num_id, ilvl) and return its label."""
        instance = self._definitions.instances.get(num_id)
        if instance is None or num_id == "0":
            return None
        ilvl = min(max(ilvl, 0), _LEVELS - 1)
        level = self._definitions.level(instance, ilvl)
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
            other = self._definitions.level(instance, shallower)
            value = counters[shallower]
            fmt = "decimal" if level.legal and shallower < ilvl else other.format
            shown = format_number(other.start if value is None else value, fmt)
            text = text.replace(placeholder, shown)
        return Label(text.strip(), False, level.suffix)
