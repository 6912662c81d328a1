"""Generate a corpus of minutes from the examples, with people, places, dates and figures varied.

Each generated document is one example with every person renamed consistently (full name
and surname alone), the invented places swapped for others, years shifted, days of the month
and percentages redrawn. The layout, which is what the extractor's cost depends on, is kept.
The same seed always gives the same corpus.
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

FIRST_NAMES = (
    "Alys", "Bronwen", "Cerys", "Dafydd", "Eamon", "Fenella", "Gideon", "Harriet", "Idris",
    "Jasmine", "Kofi", "Leona", "Malik", "Nerys", "Orla", "Piers", "Quentin", "Rosalind",
    "Samir", "Tamsin", "Umar", "Vera", "Wilf", "Xanthe", "Yusuf", "Zara", "Ottilie", "Bram",
)  # fmt: skip
SURNAMES = (
    "Abernethy", "Blackwood", "Carrow", "Dunmore", "Ellery", "Fairbairn", "Greenhalgh",
    "Hollins", "Ingleby", "Jessop", "Kettering", "Lisle", "Maddox", "Northcott", "Ormerod",
    "Pennock", "Quarrie", "Rowntree", "Stansfield", "Thwaite", "Upton", "Varley", "Westwood",
    "Yardley", "Ashcombe", "Brightmore", "Collinge", "Dewhurst",
)  # fmt: skip
# The invented places of the examples, and what they may become.
PLACES = ("Northmoor", "Ashbridge", "Kelsby", "Dunholt", "Upper Marrow", "Fenwick Vale",
          "Marrowfield", "Saltmere")  # fmt: skip
PLACE_POOL = (
    "Eastwold", "Brackenford", "Hollinsey", "Carrick Down", "Lowther", "Seaborne", "Millhaven",
    "Redbarrow", "Thornleigh", "Westerby", "Greyford", "Stonemere", "Harrowby", "Kingsmead",
)  # fmt: skip
_YEAR = re.compile(r"\b(20[12]\d)\b")
_DAY_MONTH = re.compile(
    r"\b([1-9]|[12]\d|3[01])(st|nd|rd|th)?(\s+(?:of\s+)?(?:January|February|March|April|May|"
    r"June|July|August|September|October|November|December)\b)"
)
_PERCENT = re.compile(r"\b(\d{1,2})(\.\d)?%")
_PLACE = re.compile(
    r"\b(" + "|".join(re.escape(p) for p in PLACES + tuple(p.upper() for p in PLACES)) + r")\b"
)


@dataclass(frozen=True, slots=True)
class Template:
    """One example document, the people it names (full name, surname) and a pattern for them."""

    name: str
    suffix: str
    text: str
    people: tuple[tuple[str, str], ...]
    names: re.Pattern[str]


def _template(path: Path, record: dict[str, Any]) -> Template:
    head = record.get("meeting") or {}
    found = {p["name"] for p in record.get("attendees", []) + record.get("apologies", [])}
    found |= {n for n in (head.get("chair"), head.get("minute_taker")) if n}
    people = tuple(sorted((n, n.split()[-1]) for n in found))
    words = {w for person in people for w in person}
    # Longer alternatives first, so that a full name wins over the surname inside it.
    alternatives = sorted(words, key=len, reverse=True)
    names = re.compile(r"\b(" + "|".join(re.escape(w) for w in alternatives) + r")\b")
    return Template(path.stem, path.suffix, path.read_text("utf-8"), people, names)


def load_templates(examples: Path) -> list[Template]:
    """Read the example documents and, from their expected records, who they name."""
    templates: list[Template] = []
    for path in sorted(examples.iterdir()):
        if path.is_file() and path.name != "README.md":
            record = json.loads((examples / "expected" / f"{path.stem}.json").read_text("utf-8"))
            templates.append(_template(path, record))
    return templates


def _ordinal(day: int) -> str:
    if 11 <= day % 100 <= 13:
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")


def _rename_people(template: Template, rng: random.Random) -> str:
    renamed: dict[str, str] = {}
    for full, surname in template.people:
        new_surname = rng.choice(SURNAMES)
        renamed[full] = f"{rng.choice(FIRST_NAMES)} {new_surname}"
        renamed.setdefault(surname, new_surname)
    return template.names.sub(lambda m: renamed[m.group(1)], template.text)


def _swap_places(text: str, rng: random.Random) -> str:
    chosen = dict(zip(PLACES, rng.sample(PLACE_POOL, len(PLACES)), strict=True))
    chosen |= {old.upper(): new.upper() for old, new in chosen.items()}
    return _PLACE.sub(lambda m: chosen[m.group(1)], text)


def _vary_numbers(text: str, rng: random.Random) -> str:
    shift = rng.randint(-3, 3)
    text = _YEAR.sub(lambda m: str(int(m.group(1)) + shift), text)

    def day(match: re.Match[str]) -> str:
        new_day = rng.randint(1, 28)
        suffix = _ordinal(new_day) if match.group(2) else ""
        return f"{new_day}{suffix}{match.group(3)}"

    def percent(match: re.Match[str]) -> str:
        decimals = f".{rng.randint(0, 9)}" if match.group(2) else ""
        return f"{rng.randint(5, 99)}{decimals}%"

    return _PERCENT.sub(percent, _DAY_MONTH.sub(day, text))


def variant(template: Template, rng: random.Random) -> str:
    """Return one varied copy of an example document."""
    return _vary_numbers(_swap_places(_rename_people(template, rng), rng), rng)


def generate(templates: list[Template], *, count: int, seed: int) -> Iterator[tuple[str, str]]:
    """Yield (file name, text) for `count` documents, cycling through the templates."""
    rng = random.Random(seed)
    for index in range(count):
        template = templates[index % len(templates)]
        yield f"{index:05d}-{template.name}{template.suffix}", variant(template, rng)


def write_corpus(*, examples: Path, out_dir: Path, count: int, seed: int) -> list[Path]:
    """Write a generated corpus into a directory and return the paths written."""
    out_dir.mkdir(parents=True, exist_ok=True)
    paths: list[Path] = []
    for name, text in generate(load_templates(examples), count=count, seed=seed):
        path = out_dir / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths
