"""Figures quoted in the minutes: percentages, percentage points, counts of victims, crimes,
calls and the like, money, and times such as "answered within 3.5 minutes", each with the
measure around it and any target it is held against ("77.4% against a 90% aspiration")."""

from __future__ import annotations

import re

from oversight.extract.items import Items
from oversight.extract.lines import Line
from oversight.extract.sentences import split_sentences
from oversight.records.types import Figure, SourceSpan

_QUALIFIER = r"(?:(?P<qual>over|more\s+than|almost|nearly|around|approximately|about|under|fewer\s+than|less\s+than|up\s+to)\s+)?"
_NUMBER = r"(?P<value>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
_PERCENT = re.compile(_QUALIFIER + _NUMBER + r"\s?(?P<unit>%|per\s?cent\b|percent\b)", re.I)
_POINTS = re.compile(_QUALIFIER + _NUMBER + r"\s+(?P<unit>percentage\s+points?|pp\b)", re.I)
_MONEY = re.compile(r"(?P<unit>£)\s?" + _NUMBER + r"(?P<scale>\s?(?:m|k|bn|million|billion|thousand)\b)?", re.I)
_COUNT_NOUNS = (
    r"victims|crimes|offences|incidents|calls|officers|staff|arrests|disruptions|reports|cases|"
    r"complaints|PCSOs|vacancies|referrals|investigations|suspects|people|children|deaths|"
    r"fatalities|casualties|collisions|burglaries|detections|charges|outcomes|recruits|"
    r"applications|warrants|seizures|stops|searches|members|volunteers|specials|posts|nominals|"
    r"offenders|OCGs|groups|hours\s+of\s+\w+"
)
_COUNT = re.compile(
    r"(?<![\d.,/-])" + _QUALIFIER + _NUMBER
    + rf"\s+(?P<unit>(?:[A-Za-z'’-]+\s+){{0,2}}?(?:{_COUNT_NOUNS}))\b",
    re.I,
)
_RATE = re.compile(r"(?<![\d.,/-])" + _NUMBER + r"\s+(?P<unit>a|per)\s+(?P<per>quarter|month|week|year|day)\b", re.I)
_DURATION = re.compile(
    r"(?<![\d.,/-])" + _NUMBER + r"\s+(?P<unit>minutes|seconds|hours|days|months)(?:\s+of\s+(?:delays?|waiting))?\b",
    re.I,
)
_DURATION_CUE = re.compile(r"\b(?:average|answered|within|wait|waiting|delays?|took|taking|response)\b", re.I)
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
    left = before[stops[-1].end():] if stops else before
    if not left.strip() and stops:
        # A figure in brackets qualifies the clause before the bracket.
        earlier = list(_CLAUSE_STOP.finditer(before[: stops[-1].start()]))
        left = before[earlier[-1].end() if earlier else 0 : stops[-1].start()]
    after = sentence[end:]
    stop = _CLAUSE_STOP.search(after)
    right = after[: stop.start()] if stop else after
    left_words = left.split()[-10:]
    right_words = right.split()[:8]
    text = " ".join([*left_words, "…", *unit_words.split(), *right_words]).strip(" …")
    return re.sub(r"\s+", " ", text).strip(" .,")


def extract_figures(lines: list[Line], items: Items, *, start: int) -> list[Figure]:
    """Find the figures quoted, each value once."""
    figures: list[Figure] = []
    seen: set[str] = set()
    for line in lines[start:]:
        if line.number is not None and len(line.body) < 80:
            continue
        for offset, sentence in split_sentences(line.body):
            targets = {m.group("a") or m.group("b") for m in _TARGET.finditer(sentence)}
            target_norm = {t.replace(" ", "") for t in targets}
            candidates: list[tuple[re.Match[str], str]] = []
            for pattern, kind in ((_PERCENT, "%"), (_POINTS, "pp"), (_MONEY, "£"),
                                  (_COUNT, "count"), (_RATE, "rate"), (_DURATION, "time")):
                for m in pattern.finditer(sentence):
                    if any(m.start() < c.end() and c.start() < m.end() for c, _ in candidates):
                        continue
                    candidates.append((m, kind))
            candidates.sort(key=lambda c: c[0].start())
            has_figure = False
            for m, kind in candidates:
                value = m.group("value")
                if _YEARISH.match(value):
                    continue
                if _NAMING.search(sentence[max(0, m.start() - 16) : m.start()]):
                    continue
                if value in _SERVICE_NUMBERS and kind in {"count", "time"}:
                    continue
                if kind == "count" and float(value.replace(",", "")) < 3:
                    continue
                if kind == "time" and not _is_duration_figure(
                    sentence, m, has_percent="%" in sentence[: m.start()]
                ):
                    continue
                key = f"{value}{kind}"
                text_value = f"{value}%" if kind == "%" else None
                is_target = text_value is not None and text_value in target_norm
                if is_target and has_figure:
                    seen.add(key)
                    continue
                if key in seen:
                    continue
                seen.add(key)
                qual = m.groupdict().get("qual")
                unit = _unit(m, kind)
                target = None
                if kind == "%":
                    others = [t for t in target_norm if t != text_value]
                    target = others[0] if others else (text_value if is_target else None)
                    for t in target_norm:
                        seen.add(f"{t.rstrip('%')}%")
                period = _PERIOD.search(sentence)
                unit_words = m.group("unit") if kind == "count" else ""
                figures.append(
                    Figure(
                        measure=_measure(sentence, m.start(), m.end(), unit_words),
                        value=f"{qual} {value}" if qual else value,
                        unit=unit,
                        target=target,
                        period=period.group("p") if period else None,
                        span=SourceSpan(line.body_start + offset + m.start(),
                                        line.body_start + offset + m.end()),
                    )
                )
                has_figure = True
    return figures


def _is_duration_figure(sentence: str, m: re.Match[str], *, has_percent: bool) -> bool:
    """A duration is a figure when it measures something ("answered within 3.5 minutes",
    "7 months of delays"), not when it says when ("in 3 months", "10 days ago")."""
    if has_percent or re.match(r"\s+ago\b", sentence[m.end():]):
        return False
    if "of delay" in m.group(0) or "of wait" in m.group(0):
        return True
    unit = m.group("unit").lower()
    before = sentence[max(0, m.start() - 30) : m.start()]
    return unit != "months" and bool(_DURATION_CUE.search(before))


def _unit(m: re.Match[str], kind: str) -> str:
    if kind == "%":
        return "%"
    if kind == "pp":
        return "percentage points"
    if kind == "£":
        scale = (m.group("scale") or "").strip()
        return f"£{scale}" if scale else "£"
    if kind == "rate":
        return f"per {m.group('per').lower()}"
    if kind == "time":
        return m.group("unit").lower()
    return m.group("unit").split()[-1].lower()
