"""Figures quoted in the minutes: percentages, percentage points, counts of victims, crimes,
calls and the like, money, and times such as "answered within 3.5 minutes", each with the
measure around it and any target it is held against ("77.4% against a 90% aspiration").

Each number in a sentence is found once and then classified by the words right after it,
which keeps the scan linear in the length of the minutes.
"""

from __future__ import annotations

import re

from oversight.extract.items import Items
from oversight.extract.lines import Line
from oversight.extract.sentences import split_sentences
from oversight.records.types import Figure, SourceSpan

_NUMBER = re.compile(r"(?<![\d.,/\w-])(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)")
_QUALIFIER = re.compile(
    r"\b(over|more\s+than|almost|nearly|around|approximately|about|under|fewer\s+than|"
    r"less\s+than|up\s+to)\s+$",
    re.I,
)
_PERCENT = re.compile(r"\s?(?:%|per\s?cent\b|percent\b)", re.I)
_POINTS = re.compile(r"\s+(?:percentage\s+points?|pp\b)", re.I)
_COUNT_NOUNS = (
    r"victims|crimes|offences|incidents|calls|officers|staff|arrests|disruptions|reports|cases|"
    r"complaints|PCSOs|vacancies|referrals|investigations|suspects|people|children|deaths|"
    r"fatalities|casualties|collisions|burglaries|detections|charges|outcomes|recruits|"
    r"applications|warrants|seizures|stops|searches|members|volunteers|specials|posts|nominals|"
    r"offenders|OCGs|groups"
)
_COUNT = re.compile(rf"\s+((?:[A-Za-z'’-]+\s+){{0,2}}?(?:{_COUNT_NOUNS}))\b", re.I)
_RATE = re.compile(r"\s+(?:a|per)\s+(quarter|month|week|year|day)\b", re.I)
_DURATION = re.compile(
    r"\s+(minutes|seconds|hours|days|months)(\s+of\s+(?:delays?|waiting))?\b", re.I
)
_MONEY_BEFORE = re.compile(r"£\s?$")
_MONEY_SCALE = re.compile(r"\s?(m|k|bn|million|billion|thousand)\b", re.I)
_DURATION_CUE = re.compile(
    r"\b(?:average|answered|within|wait|waiting|delays?|took|taking)\b", re.I
)
_TARGET = re.compile(
    r"(?:(?:target|aspiration|ambition|goal|standard)\s+(?:of\s+)?(?P<a>\d+(?:\.\d+)?\s?%)"
    r"|(?P<b>\d+(?:\.\d+)?\s?%)\s+(?:target|aspiration|ambition|goal|standard))",
    re.I,
)
_PERIOD = re.compile(
    r"\b(?:(?:in|during|for|over|at\s+the\s+end\s+of|by\s+the\s+end\s+of|so\s+far)\s+)"
    r"(?P<p>(?:the\s+)?(?:last|previous|past|this|current)\s+(?:\d+\s+)?(?:quarter|month|year|"
    r"months|weeks|financial\s+year)|Q[1-4](?:\s+\d{4}/\d{2})?|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|"
    r"Sep|Oct|Nov|Dec)[a-z]*(?:\s+\d{4})?|this\s+year|\d{4}/\d{2})",
)
_CLAUSE_STOP = re.compile(r"[;:()]|,\s|\s[–-]\s|\b(?:which|when|whilst|while|but|however)\b", re.I)
# A number followed by "/", ":" or a month is part of a reference, a time or a date.
_NOT_A_FIGURE_NEXT = {"/", ":"}
_DATE_NEXT = re.compile(
    r"(?:st|nd|rd|th)?\s+(?:of\s+)?(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)", re.I
)
_YEARISH = re.compile(r"^(?:19|20)\d\d$")
# "Grade 1 incidents", "Op 3", "week 37": numbers that name rather than count.
_NAMING = re.compile(
    r"\b(?:Grade|Level|Tier|Priority|Category|Phase|Stage|Op|Operation|Q|week|Item|page|No\.?|"
    r"Recommendation|Section|Article|OC|version|year|years)\s*$",
    re.I,
)
# 101, 999 and 111 are the names of telephone services, not counts of calls.
_SERVICE_NUMBERS = {"101", "999", "111"}


def _measure(sentence: str, start: int, end: int, unit_words: str = "") -> str:
    before = sentence[:start]
    stops = list(_CLAUSE_STOP.finditer(before))
    left = before[stops[-1].end() :] if stops else before
    if not left.strip() and stops:
        # A figure in brackets qualifies the clause before the bracket.
        earlier = list(_CLAUSE_STOP.finditer(before[: stops[-1].start()]))
        left = before[earlier[-1].end() if earlier else 0 : stops[-1].start()]
    after = sentence[end:]
    stop = _CLAUSE_STOP.search(after)
    right = after[: stop.start()] if stop else after
    words = [*left.split()[-10:], "…", *unit_words.split(), *right.split()[:8]]
    return re.sub(r"\s+", " ", " ".join(words)).strip(" …").strip(" .,")


def _classify(sentence: str, m: re.Match[str]) -> tuple[str, str, int] | None:
    """Return (kind, unit, end) for the number matched, or None when it is no figure."""
    after = sentence[m.end() : m.end() + 60]
    before = sentence[max(0, m.start() - 16) : m.start()]
    if _MONEY_BEFORE.search(before):
        scale = _MONEY_SCALE.match(after)
        return "£", f"£{scale.group(1)}" if scale else "£", m.end() + (scale.end() if scale else 0)
    for pattern, kind in ((_PERCENT, "%"), (_POINTS, "pp")):
        found = pattern.match(after)
        if found:
            unit = "%" if kind == "%" else "percentage points"
            return kind, unit, m.end() + found.end()
    found = _RATE.match(after)
    if found:
        return "rate", f"per {found.group(1).lower()}", m.end() + found.end()
    found = _DURATION.match(after)
    if found:
        return "time", found.group(1).lower(), m.end() + found.end()
    found = _COUNT.match(after)
    if found:
        return "count", found.group(1), m.end() + found.end()
    return None


def _is_duration_figure(sentence: str, m: re.Match[str], end: int, unit: str) -> bool:
    """A duration is a figure when it measures something ("answered within 3.5 minutes",
    "7 months of delays"), not when it says when ("in 3 months", "10 days ago")."""
    if "%" in sentence or re.match(r"\s+ago\b", sentence[end:]):
        return False
    if re.search(r"of\s+(?:delays?|waiting)$", sentence[m.start() : end]):
        return True
    return unit != "months" and bool(
        _DURATION_CUE.search(sentence[max(0, m.start() - 30) : m.start()])
    )


def extract_figures(lines: list[Line], items: Items, *, start: int) -> list[Figure]:
    """Find the figures quoted, each value once."""
    figures: list[Figure] = []
    seen: set[str] = set()
    for line in lines[start:]:
        if (line.number is not None and len(line.body) < 80) or not _NUMBER.search(line.body):
            continue
        for offset, sentence in split_sentences(line.body):
            numbers = list(_NUMBER.finditer(sentence))
            if not numbers:
                continue
            target_norm = (
                {
                    (t.group("a") or t.group("b")).replace(" ", "")
                    for t in _TARGET.finditer(sentence)
                }
                if "%" in sentence
                else set()
            )
            has_figure = False
            for m in numbers:
                value = m.group(1)
                if sentence[m.end() : m.end() + 1] in _NOT_A_FIGURE_NEXT or _DATE_NEXT.match(
                    sentence, m.end()
                ):
                    continue
                if _YEARISH.match(value) or _NAMING.search(
                    sentence[max(0, m.start() - 16) : m.start()]
                ):
                    continue
                found = _classify(sentence, m)
                if found is None:
                    continue
                kind, unit, end = found
                if value in _SERVICE_NUMBERS and kind in {"count", "time"}:
                    continue
                if kind == "count" and float(value.replace(",", "")) < 3:
                    continue
                if kind == "time" and not _is_duration_figure(sentence, m, end, unit):
                    continue
                key = f"{value}{kind}"
                percent = f"{value}%" if kind == "%" else None
                is_target = percent is not None and percent in target_norm
                if (is_target and has_figure) or key in seen:
                    seen.add(key)
                    continue
                seen.add(key)
                target = None
                if kind == "%":
                    others = [t for t in target_norm if t != percent]
                    target = others[0] if others else (percent if is_target else None)
                    seen.update(target_norm)
                qualifier = _QUALIFIER.search(sentence[max(0, m.start() - 16) : m.start()])
                period = _PERIOD.search(sentence)
                figures.append(
                    Figure(
                        measure=_measure(sentence, m.start(), end, unit if kind == "count" else ""),
                        value=f"{qualifier.group(1)} {value}" if qualifier else value,
                        unit=unit.split()[-1].lower() if kind == "count" else unit,
                        target=target,
                        period=period.group("p") if period else None,
                        span=SourceSpan(
                            line.body_start + offset + m.start(), line.body_start + offset + end
                        ),
                    )
                )
                has_figure = True
    return figures
