"""Commitments: what the force said would happen by when ("the training will be fully
delivered before the 30th of Sept deadline", "benefits from Q1 2023/24"), and promises listed
under a line that makes them ("improvements he hoped would be made: … over the next six
months")."""

from __future__ import annotations

import datetime as dt
import re

from oversight.extract.cues import has_any
from oversight.extract.due import find_due
from oversight.extract.items import Items
from oversight.extract.lines import Line
from oversight.extract.sentences import split_sentences
from oversight.extract.similarity import token_f1
from oversight.records.types import Commitment, SourceSpan

_CUE = re.compile(
    r"\b(?:will|would|should|shall|is\s+going\s+to|are\s+going\s+to|hopes?|hoped|anticipates?|"
    r"expects?|expected|plans?\s+to|planned|aims?\s+to|on\s+track|intends?\s+to|committed|"
    r"commitment|promised|undertook|agreed\s+to|to\s+be\s+(?:delivered|completed|in\s+place|live|rolled\s+out))\b"
)
# A word of each of _CUE's forms: a sentence with none of them cannot match it.
_CUE_WORDS = (
    "will", "would", "should", "shall", "going", "hope", "anticipate", "expect", "plan", "aim",
    "track", "intend", "commit", "promised", "undertook", "agreed", "deliver", "complet", "place",
    "live", "roll",
)  # fmt: skip
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_WHEN = re.compile(
    r"\b(?P<when>(?:by|before|from|in|during|over|within|at|until|prior\s+to)\s+(?:the\s+)?"
    r"(?:(?:end|start|beginning)\s+of\s+(?:the\s+)?(?:this\s+|next\s+)?)?"
    r"(?:\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH + r"(?:\s+(?:19|20)?\d\d)?(?:\s+deadline)?"
    r"|" + _MONTH + r"(?:\s+(?:19|20)\d\d)?"
    r"|q[1-4](?:\s+(?:19|20)\d\d/\d\d)?|(?:19|20)\d\d/\d\d|(?:19|20)\d\d"
    r"|(?:spring|summer|autumn|winter|new\s+year|christmas)(?:\s+(?:period|(?:19|20)\d\d))?"
    r"|(?:next|coming|following)\s+(?:\w+\s+)?(?:weeks?|months?|years?|quarter|meeting)"
    r"|(?:next|coming)\s+(?:\w+\s+){0,2}(?:weeks|months)"
    r"|(?:a|one|two|three|four|five|six|twelve|\d{1,2})\s+(?:weeks?|months?|years?)(?:'s?)?(?:\s+time)?"
    r"|a\s+years?'?\s+time|(?:this|next)\s+(?:month|year|quarter|financial\s+year)"
    r"|(?:this|the)\s+month|(?:the\s+)?next\s+\w+(?:\s+\w+)?\s+meeting"
    r"|(?:financial\s+|calendar\s+)?year(?:[- ]end)?"
    r")"
    # "on 12th Sept": a date, not a span of time.
    r"|on\s+(?:the\s+)?\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH + r"(?:\s+(?:19|20)?\d\d)?"
    r")\b"
)
_ASKING = re.compile(
    r"^(?:The\s+)?(?:PCC|Commissioner|DPCC|Chair|Panel|Members?)\b[^.]{0,40}?\b(?:asked|requested|"
    r"sought|queried|questioned|wanted|noted|highlighted|welcomed|said|stated|will\s+monitor|"
    r"would\s+like|acknowledged|raised|reminded|recalled)\b",
    re.I,
)
_SPEAKER = re.compile(
    r"\b(?:[A-Z]/\s?)?(?:CC|DCC|ACC|CEX|CFO|Chief\s+Constable|Deputy\s+Chief\s+Constable)\b"
)
# An inspectorate's recommendation says what the force should do, an action is recorded as
# such, a decision as such: none of them is the force's own promise.
# In two parts, which together find what one pattern with both would: the labels that open
# a sentence, asked at its start only, and what a force should do, asked only of a sentence
# that says "should" (no letter of "hould" has another form that re.I matches).
_NOT_PROMISE = re.compile(
    r"^(?:-\s*)?(?:recommendation|afi|area\s+for\s+improvement|cause\s+of\s+concern)\b"
    r"|^(?:-\s*)?(?:actions?|decisions?|resolved|agreed)\b[^:]{0,20}:|^(?:-\s*)?ACTIONS?\b",
    re.I,
)
_FORCE_SHOULD = re.compile(r"\b(?:chief\s+constables|forces|the\s+force)\s+should\b", re.I)
_INTRO = re.compile(
    r"\b(?:hoped|hopes|will|would|plans?|aims?|expects?|intends?|committed)\b.*:\s*$", re.I
)


# What _who looks for before it reads a speaker.
_SPEAKER_MARKS = ("CC", "Chief", "CEX", "CFO")
_SPACES = re.compile(r"\s+")
_BY_WORD = re.compile(r"^(?:by|before|until|at)\s+(?:the\s+)?", re.I)


def _who(text: str, fallback: str | None) -> str | None:
    if "CC" not in text and "Chief" not in text and "CEX" not in text and "CFO" not in text:
        return fallback
    m = _SPEAKER.search(text)
    return _SPACES.sub("", m.group(0)) if m and len(m.group(0)) <= 6 else fallback


def _when(sentence: str, cue: int) -> re.Match[str] | None:
    """The time phrase of a sentence: the first after the promising word `cue` starts at,
    else the first that does not open the sentence ("In August the CC set out…" sets the
    scene rather than a deadline)."""
    first: re.Match[str] | None = None
    # The phrases come in order, so the scan stops at the first after the cue.
    for m in _WHEN.finditer(sentence):
        if m.start() > cue:
            return m
        if first is None and m.start() > 0:
            first = m
    return first


def extract_commitments(
    lines: list[Line],
    items: Items,
    *,
    start: int,
    meeting_date: dt.date | None,
    actions: list[str] | None = None,
) -> list[Commitment]:
    """Find the dated commitments made at the meeting, other than the actions given."""
    action_texts = list(actions or [])
    found: list[Commitment] = []
    speaker: str | None = None
    intro_active = False
    intro_who: str | None = None
    for position in range(start, len(lines)):
        line = lines[position]
        body = line.body
        if position in items.title_lines:
            intro_active = False
            continue
        is_list = body.startswith(("- ", "• "))
        if intro_active and is_list:
            text = body.lstrip("-• ").strip()
            when = _WHEN.search(text)
            if action_texts and any(token_f1(text, a) >= 0.6 for a in action_texts):
                continue
            if when:
                found.append(
                    _commitment(
                        text, line, body.find(text), intro_who, when.group("when"), meeting_date
                    )
                )
            continue
        intro_active = False
        # A sentence can hold a cue word only if its line does: asked once per line. A line
        # with no cue, no speaker and no colon (an introduction) changes nothing below.
        may_promise = has_any(body.lower(), _CUE_WORDS)
        if not may_promise and ":" not in body and not has_any(body, _SPEAKER_MARKS):
            continue
        for offset, sentence in split_sentences(body):
            speaker = _who(sentence, speaker)
            if (
                sentence.rstrip().endswith(":")
                and _INTRO.search(sentence)
                and position + 1 < len(lines)
                and lines[position + 1].body.startswith("- ")
            ):
                intro_active = True
                intro_who = speaker
                continue
            if not may_promise:
                continue
            lower = sentence.lower()
            cue = _CUE.search(lower)
            if cue is None:
                continue
            when = _when(lower, cue.start())
            if when is None or sentence.rstrip().endswith("?") or _ASKING.search(sentence):
                continue
            if (
                _NOT_PROMISE.match(sentence)
                or ("hould" in lower and _FORCE_SHOULD.search(sentence))
                or any(token_f1(sentence, a) >= 0.6 for a in action_texts)
            ):
                continue
            phrase = sentence[when.start("when") : when.end("when")]
            found.append(_commitment(sentence, line, offset, speaker, phrase, meeting_date))
    return found


def _commitment(
    text: str, line: Line, offset: int, who: str | None, when: str, meeting_date: dt.date | None
) -> Commitment:
    by = _BY_WORD.sub("", when).strip()
    due = find_due(when, meeting_date=meeting_date)
    return Commitment(
        text=text.strip(),
        who=who,
        by=by,
        by_date=due.date if due else None,
        span=SourceSpan(line.body_start + offset, line.body_start + offset + len(text.strip())),
    )
