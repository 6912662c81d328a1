"""Figures quoted in the minutes: percentages, percentage points, counts of victims, crimes,
calls and the like, money, and times such as "answered within 3.5 minutes", each with the
measure around it and any target it is held against ("77.4% against a 90% aspiration").

Each number in a sentence is found once and then classified by the words right after it,
which keeps the scan linear in the length of the minutes.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from oversight.extract.cues import folded, has_any
from oversight.extract.items import Items
from oversight.extract.lines import Line
from oversight.extract.sentences import split_sentences
from oversight.records.types import Figure, SourceSpan

# A number not glued to a word, a reference or another number. It opens with \d and checks
# the character before afterwards, which lets the engine scan for digits quickly.
_NUMBER = re.compile(r"(\d(?<![\d.,/\w-]\d)(?:\d{0,2}(?:,\d{3})+(?:\.\d+)?|\d*(?:\.\d+)?))")
# The numbers of _NUMBER that whitespace, "%" or "p" follows, as most units start. Possessive
# quantifiers keep each number whole, as _NUMBER takes it, so that the lookahead cannot shorten
# one to fit; no number starts inside another, so the scan finds no other.
_UNIT_NUMBER = re.compile(
    r"(\d(?<![\d.,/\w-]\d)(?:\d{0,2}+(?:,\d{3})++(?:\.\d+)?+|\d*+(?:\.\d+)?+))(?=[\s%pP])"
)
# A leading lookahead names the first letters a match can start with (see oversight.extract.due).
_QUALIFIER = re.compile(
    r"(?=[omanufl])\b(over|more\s+than|almost|nearly|around|approximately|about|under|fewer\s+than|"
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
# Any other plural noun within three words counts what the number counts ("412 missing
# episodes", "57 visits"), but not units of time or words that merely end in "s".
_PLURAL = re.compile(r"\s+((?:[a-z][a-z'’-]*\s+){0,2}?[a-z][a-z'’-]*[^\Wsui]s)\b")
_NOT_PLURAL = frozenset(
    ("years", "weeks", "days", "hours", "minutes", "months", "seconds", "does", "always",
     "towards", "perhaps", "whereas", "besides", "sometimes", "hers", "ours", "yours", "theirs",
     "afterwards", "its", "this", "was", "has")
)  # fmt: skip
_RATE = re.compile(r"\s+(?:a|per)\s+(quarter|month|week|year|day)\b", re.I)
_DURATION = re.compile(
    r"\s+(?:working\s+)?(minutes|seconds|hours|days|months)(\s+of\s+(?:delays?|waiting))?\b", re.I
)
_MONEY_BEFORE = re.compile(r"£\s?$")
_MONEY_SCALE = re.compile(r"\s?(m|k|bn|million|billion|thousand)\b", re.I)
_DURATION_CUE = re.compile(
    r"\b(?:averag(?:e|ed|es|ing)|answered|within|wait|waiting|delays?|took|taking)\b", re.I
)
_AGO = re.compile(r"\s+ago\b")
_OF_DELAYS = re.compile(r"of\s+(?:delays?|waiting)$")
_TARGET_NOUNS = (
    r"(?:target|aspiration|ambition|goal|standard|limit|threshold|expectation|tolerance)"
)
# The lookahead names the first characters of both forms (see oversight.extract.due).
_TARGET = re.compile(
    rf"(?=[tagsle\d])(?:{_TARGET_NOUNS}\s+(?:of\s+)?(?P<a>\d+(?:\.\d+)?\s?%)"
    rf"|(?P<b>\d+(?:\.\d+)?\s?%)\s+{_TARGET_NOUNS})",
    re.I,
)
_TARGET_WORDS = (
    "target", "aspiration", "ambition", "goal", "standard", "limit", "threshold", "expectation",
    "tolerance",
)  # fmt: skip
_PERIOD = re.compile(
    r"\b(?:(?:in|during|for|over|at\s+the\s+end\s+of|by\s+the\s+end\s+of|so\s+far)\s+)"
    r"(?P<p>(?:the\s+)?(?:last|previous|past|this|current)\s+(?:\d+\s+)?(?:quarter|month|year|"
    r"months|weeks|financial\s+year)|Q[1-4](?:\s+\d{4}/\d{2})?|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|"
    r"Sep|Oct|Nov|Dec)[a-z]*(?:\s+\d{4})?|this\s+year|\d{4}/\d{2})",
)
_CLAUSE_STOP = re.compile(r"[;:()]|,\s|\s[–-]\s|\b(?:which|when|whilst|while|but|however)\b", re.I)
# The same stops in two halves: punctuation holds no letter and the words no punctuation, so
# the two never overlap and together find exactly what _CLAUSE_STOP finds; the words' half,
# the slow one, runs only when one of its words can be there.
_PUNCT_STOP = re.compile(r"[;:()]|,\s|\s[–-]\s")
# Without a dash the last alternative cannot match. What is left is written as alternatives
# that each open with a literal character, which the engine scans for quickly (it does not
# for a leading character class beside another alternative).
_PUNCT_STOP_NO_DASH = re.compile(r";|:|\(|\)|,\s")
_WORD_STOP = re.compile(r"\b(?:which|when|whilst|while|but|however)\b", re.I)
# Plain lower() serves here: no letter of these words has another form that re.I matches.
_WORD_STOP_CUES = ("wh", "but", "however")
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
# A value the figure before it is compared with: "9.1%, compared with 7.4% a year earlier",
# "up from 37%", "fallen from 410 to 265 cases", "against 8.1% in the same quarter".
_COMPARED = re.compile(
    r"(?=[fctav])"
    r"\b(?:from|compared\s+(?:with|to)|than|against|versus|vs\.?)\s+(?:the\s+|a\s+)?[£$]?$",
    re.I,
)
# "11 of the 12 audits", "29 of 34 recommendations".
_SHARE = re.compile(r"\s+of\s+(?:the\s+)?\d[\d,]*")
_WHOLE = re.compile(r"(?:\b\d[\d,]*\s+|^|[,;]\s+)of\s+(?:the\s+)?$", re.I)
# The last word of every text _NAMING, _WHOLE and _LEVEL match, each written as folded()
# writes it: patterns anchored at the end, tried at each position before it, are asked only
# of the few texts that end with one of their words (see _may_end_with).
_NAMING_ENDS = (
    "grade", "level", "tier", "priority", "category", "phase", "stage", "op", "operation", "q",
    "week", "item", "page", "no", "no.", "recommendation", "section", "article", "oc",
    "version", "year", "years",
)  # fmt: skip
_WHOLE_ENDS = ("of", "the")
_LEVEL_ENDS = ("at", "reached", "totalled", "totalling", "numbered", "to")
# A level with no unit after it: "numbers stood at 2,298", "had reached 96", "from 61 to 83".
_LEVEL = re.compile(
    r"\b(?:(?:stood|stands|standing|remained|remains|remain|kept|maintained?|held|peaked|capped)"
    r"\s+at|reached|totalled|totalling|numbered|from\s+\d[\d,.]*\s+to)\s+$",
    re.I,
)
# Numbers that a plan aims at or that an action sets, not figures reported.
_AIM = re.compile(r"\bto\s+reach\s+(?:a\s+|an\s+)?$|\b(?:below|above|at\s+least)\s+$", re.I)
_ACTION_LABEL = re.compile(r"^(?:-\s*)?actions?\b[^:]{0,30}:", re.I)
# "The ACC said that …": who spoke is no part of what was measured.
_REPORTED = re.compile(
    r"^.*?\b(?:said|reported|explained|confirmed|noted|stated|added|highlighted|advised)\s+"
    r"(?:that\s+)?",
    re.I,
)
# The words _REPORTED needs: most clauses with a word in "-ed" hold none of them.
_REPORTED_WORDS = (
    "said", "reported", "explained", "confirmed", "noted", "stated", "added", "highlighted",
    "advised",
)  # fmt: skip
# An abbreviation in brackets, "(ASB)", continues its clause rather than closing it.
_ABBREVIATION = re.compile(r"\([A-Z][A-Za-z/&]{0,9}\)")
# "from 6.1% to 7.9%": the value before "to" is where the figure started.
_TO_NUMBER = re.compile(r"\s+to\s+[£$]?\d")
# 101, 999 and 111 are the names of telephone services, not counts of calls.
_SERVICE_NUMBERS = {"101", "999", "111"}


def _may_end_with(text: str, words: tuple[str, ...]) -> bool:
    """Say whether text, its trailing whitespace aside, ends with one of the (folded) words
    in any form that re.I matches: a necessary condition for a pattern that must match them
    just before its `\\s*$`."""
    return folded(text.rstrip()).endswith(words)


def _clause_stops(sentence: str) -> list[tuple[int, int]]:
    """The (start, end) of every clause stop in a sentence, in order."""
    punct = _PUNCT_STOP if "–" in sentence or "-" in sentence else _PUNCT_STOP_NO_DASH
    stops = [m.span() for m in punct.finditer(sentence)]
    if "(" in sentence:
        inside = [a.span() for a in _ABBREVIATION.finditer(sentence)]
        if inside:
            stops = [s for s in stops if not any(a <= s[0] < b for a, b in inside)]
    if has_any(sentence.lower(), _WORD_STOP_CUES):
        stops.extend(m.span() for m in _WORD_STOP.finditer(sentence))
        stops.sort()
    return stops


def _measure(
    sentence: str, start: int, end: int, stops: list[tuple[int, int]], unit_words: str = ""
) -> str:
    before = sentence[:start]
    # The stops ending before the number are the ones a scan of `before` alone finds: a
    # number never follows a letter (see _NUMBER), so no stop runs into it.
    count = bisect_right(stops, start, key=lambda stop: stop[1])
    left = before[stops[count - 1][1] :] if count else before
    if not left.strip() and count:
        # A figure in brackets qualifies the clause before the bracket.
        left = before[stops[count - 2][1] if count > 1 else 0 : stops[count - 1][0]]
    after = sentence[end:]
    if after[:1].isalnum() or after[:1] == "_":
        # A word glued to the figure would start a stop here that the whole sentence lacks.
        stop = _CLAUSE_STOP.search(after)
        right = after[: stop.start()] if stop else after
    else:
        following = next((s for s in stops[count:] if s[0] >= end), None)
        right = sentence[end : following[0]] if following else after
    if ("said" in left or "report" in left or "ed " in left) and has_any(
        folded(left), _REPORTED_WORDS
    ):
        left = _REPORTED.sub("", left, count=1)
    # split() leaves no whitespace behind, so the words need no further squeezing.
    words = [*left.split()[-10:], "…", *unit_words.split(), *right.split()[:8]]
    return " ".join(words).strip(" …").strip(" .,")


def _classify(sentence: str, start: int, stop: int) -> tuple[str, str, int] | None:
    """Return (kind, unit, end) for the number at sentence[start:stop], or None when it is no
    figure."""
    after = sentence[stop : stop + 60]
    if _MONEY_BEFORE.search(sentence, max(0, start - 16), start):
        scale = _MONEY_SCALE.match(after)
        return "£", f"£{scale.group(1)}" if scale else "£", stop + (scale.end() if scale else 0)
    for pattern, kind in ((_PERCENT, "%"), (_POINTS, "pp")):
        found = pattern.match(after)
        if found:
            unit = "%" if kind == "%" else "percentage points"
            return kind, unit, stop + found.end()
    found = _RATE.match(after)
    if found:
        return "rate", f"per {found.group(1).lower()}", stop + found.end()
    found = _DURATION.match(after)
    if found:
        return "time", found.group(1).lower(), stop + found.end()
    share = _SHARE.match(after)
    if share:
        # "11 of the 12 audits": the first number counts, the second is the whole.
        rest = after[share.end() :]
        whole = _COUNT.match(rest) or _PLURAL.match(rest)
        if whole and whole.group(1).split()[-1].lower() not in _NOT_PLURAL:
            noun = f"{share.group(0).strip()}{whole.group(0)}"
            return "count", noun, stop + share.end() + whole.end()
    found = _COUNT.match(after) or _PLURAL.match(after)
    if found and found.group(1).split()[-1].lower() not in _NOT_PLURAL:
        return "count", found.group(1), stop + found.end()
    lo = max(0, start - 24)
    if _may_end_with(sentence[lo:start], _LEVEL_ENDS) and _LEVEL.search(sentence, lo, start):
        return "level", "", stop
    return None


def _is_duration_figure(sentence: str, start: int, end: int, unit: str) -> bool:
    """A duration is a figure when it measures something ("answered within 3.5 minutes",
    "7 months of delays"), not when it says when ("in 3 months", "10 days ago")."""
    if _AGO.match(sentence[end:]):
        return False
    # "87% of victims were contacted within 72 hours", "calls answered within 10 seconds
    # stood at 89.5%": a duration in a percentage's clause belongs to its measure.
    percent = sentence.rfind("%", 0, start)
    if percent >= 0 and not _CLAUSE_STOP.search(sentence, percent, start):
        return False
    percent = sentence.find("%", end)
    if percent >= 0 and not _CLAUSE_STOP.search(sentence, end, percent):
        return False
    if _OF_DELAYS.search(sentence[start:end]):
        return True
    return unit != "months" and bool(_DURATION_CUE.search(sentence[max(0, start - 45) : start]))


def _targets(sentence: str) -> list[tuple[str, int]]:
    """The percentages a sentence names as targets ("a 90% aspiration"), with positions."""
    if "%" not in sentence or not has_any(folded(sentence), _TARGET_WORDS):
        return []
    found: list[tuple[str, int]] = []
    for t in _TARGET.finditer(sentence):
        group = "a" if t.group("a") else "b"
        found.append((t.group(group).replace(" ", ""), t.start(group)))
    return found


def _own_target(
    targets: list[tuple[str, int]], percent: str, position: int, claimed: set[int]
) -> str | None:
    """The target a figure is held against: the first named after it, else the last before
    that no earlier figure has taken; the one taken goes into `claimed`.

    "58% of calls against the 75% target, and 89% against the standard of 90%" holds each
    figure to its own target; in "71% against a target of 75%, and 83% of victims …" the 83%
    has none. Targets equal to the figure itself do not count."""
    others = [(at, value) for value, at in targets if value != percent]
    following = [pair for pair in others if pair[0] > position]
    if following:
        chosen = min(following)
        claimed.add(chosen[0])
        return chosen[1]
    free = [pair for pair in others if pair[0] not in claimed]
    return max(free)[1] if free else None


def _candidates(body: str) -> list[tuple[int, int, str]]:
    """The (start, end, value) of each number of a line that can be a figure, judged by the
    characters around it alone.

    The numbers of the whole line are found in one scan. None runs across the whitespace that
    parts two sentences, and whitespace stands before each sentence, so every number found
    is the one a scan of its sentence alone finds, and what these tests read of the line
    around it (a unit's first character, a "£" before it, the day of a date) lies within its
    sentence. Most lines quote no figure and need not be split into sentences at all."""
    found: list[tuple[int, int, str]] = []
    # Without a "£", only a number that a unit's first character follows can be a figure, and
    # _UNIT_NUMBER finds just those.
    money = "£" in body
    for m in (_NUMBER if money else _UNIT_NUMBER).finditer(body):
        at, stop = m.span()
        if money:
            lead = body[stop : stop + 1]
            if lead in _NOT_A_FIGURE_NEXT:
                continue
            # Money has "£" just before it; every other unit starts with whitespace, "%" or
            # "per". Most numbers (dates, times, references) fail here.
            if (
                not (lead.isspace() or lead in ("%", "p", "P"))
                and "£" not in body[max(0, at - 2) : at]
            ):
                continue
        value = m.group(1)
        # Years and days of a month are never figures.
        if _YEARISH.match(value) or _DATE_NEXT.match(body, stop):
            continue
        found.append((at, stop, value))
    return found


def extract_figures(lines: list[Line], items: Items, *, start: int) -> list[Figure]:
    """Find the figures quoted, each value once."""
    figures: list[Figure] = []
    seen: set[str] = set()
    for line in lines[start:]:
        body = line.body
        if line.number is not None and len(body) < 80:
            continue
        in_line = _candidates(body)
        if not in_line:
            continue
        for offset, sentence in split_sentences(body):
            limit = offset + len(sentence)
            numbers = [(a - offset, b - offset, v) for a, b, v in in_line if offset <= a < limit]
            if not numbers or _ACTION_LABEL.match(sentence):
                continue
            targets = _targets(sentence)
            target_norm = {value for value, _ in targets}
            claimed: set[int] = set()
            has_figure = False
            # Worked out once per sentence, and only for sentences that quote a figure.
            stops: list[tuple[int, int]] | None = None
            period: re.Match[str] | None = None
            for at, stop, value in numbers:
                # The tests below are pure; the cheapest and most selective come first.
                found = _classify(sentence, at, stop)
                before = sentence[max(0, at - 16) : at]
                if found is None or (
                    _may_end_with(before, _NAMING_ENDS) and _NAMING.search(before)
                ):
                    continue
                kind, unit, end = found
                if value in _SERVICE_NUMBERS and kind in {"count", "time"}:
                    continue
                window = max(0, at - 24)
                if (has_figure or _TO_NUMBER.match(sentence, end)) and _COMPARED.search(
                    sentence, window, at
                ):
                    continue
                if _AIM.search(sentence, window, at) or (
                    _may_end_with(sentence[window:at], _WHOLE_ENDS)
                    and _WHOLE.search(sentence, window, at)
                ):
                    continue
                if kind == "count" and float(value.replace(",", "")) < 3:
                    continue
                if kind == "time" and not _is_duration_figure(sentence, at, end, unit):
                    continue
                key = f"{value}{kind}"
                percent = f"{value}%" if kind == "%" else None
                is_target = percent is not None and percent in target_norm
                if (is_target and has_figure) or key in seen:
                    seen.add(key)
                    continue
                seen.add(key)
                target = None
                if percent is not None:
                    target = _own_target(targets, percent, at, claimed) or (
                        percent if is_target else None
                    )
                    seen.update(target_norm)
                if stops is None:
                    stops = _clause_stops(sentence)
                    period = _PERIOD.search(sentence)
                qualifier = _QUALIFIER.search(sentence[max(0, at - 16) : at])
                figures.append(
                    Figure(
                        measure=_measure(sentence, at, end, stops, unit if kind == "count" else ""),
                        value=f"{qualifier.group(1)} {value}" if qualifier else value,
                        unit=unit.split()[-1].lower() if kind == "count" else unit or None,
                        target=target,
                        period=period.group("p") if period else None,
                        span=SourceSpan(
                            line.body_start + offset + at, line.body_start + offset + end
                        ),
                    )
                )
                has_figure = True
    return figures
