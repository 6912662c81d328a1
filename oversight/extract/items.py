"""Agenda items: numbered rows ("2.1", "3.", "Ref 03/21/06/2023"), minute numbers ("12/25
Minutes"), sub-items numbered inside a row ("a. Title", "1. Title"), and unnumbered headings,
in title case or in sentence case above a paragraph; and which item each line is under."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from oversight.documents.document import BlockKind
from oversight.extract.lines import ITEM_NUMBER, Line
from oversight.extract.tables import action_table_columns
from oversight.records.types import AgendaItem

_INLINE_NUMBER = re.compile(
    r"^(?:-\s*)?(?:(?P<num>\d{1,2}(?:\.\d{1,2}){0,3}|[a-z]|[ivx]{1,4})[.)]|\((?P<paren>[a-z]|\d{1,2})\)"
    r"|(?P<named>Ref\.?\s*[\w/.-]+|(?:Item|Minute)\s+\d{1,3}(?:/\d{2,4})?)[.:]?"
    # Minute numbers with the year: "12/25", "PCP 12/25", "JAC/24/13".
    r"|(?P<minute>(?:[A-Z]{2,5}[ /])?\d{1,3}/\d{2,4}(?:/\d{1,3})?)[.:]?)\s+(?P<title>\S.*)$"
)
_SENTENCE_START = re.compile(
    r"\s(?=(?:The|This|These|There|It|In|Following|Since|Both|A|An|All|As|At|During|Due|"
    r"Data|Work|We|He|She|They|Prior|Members|Officers|Mr|Mrs|Ms|Dr|Cllr|Councillor|Update|"
    r"Discussion|Papers?|Report|PCC|CC|DCC|ACC|T/CC|T/DCC)\s+[a-z\w])"
)
_EMPTY_MARK = re.compile(r"\s*(?:[-–:]\s*)?\b(?:N/?A|None|Nil|No items?)\.?\s*$", re.I)
_EMPTY_HINT = re.compile(r"N/?A|[Nn]one|NONE|[Nn]il|NIL|[Nn]o items?")
_LABELS = re.compile(
    r"^(?:findings?|update|updates|action(?:s)?(?:\s+arising)?|decision|decisions|resolved|"
    r"recommendation(?:s)?(?:\s+\d+)?|summary\s+of\s+actions?(?:\s+arising)?|"
    r"actions?\s+summary|present|apologies|attendance|attendees|in\s+attendance|name|capacity|"
    r"no\.?|item|items|ref|owner|lead|due|question(?:s)?(?:\s+\d+)?|answer|response|"
    r"discussion|purpose|background|notes?|minutes|agenda|date|venue|"
    r"chair(?:man|woman|person)?|signed|time)\b",
    re.I,
)
# A label that opens a heading naming a topic: "Update on previous actions", "Questions from
# the Commissioner".
_LABEL_TOPIC = re.compile(
    r"^(?:updates?|questions?|progress)\s+(?:on|from|to|for|about|of|regarding)\s", re.I
)
_NO_CONTENT = re.compile(r"^(?:N/?A|None|Nil|No\s+items?)$", re.I)
_CAPS_LABEL = re.compile(r"^([A-Z][A-Z0-9&/,'’ –-]{12,100}?)\s*:\s*\S")
_STOP_AND_SPACE = re.compile(r"[.?!]\s")
_ENDS_WITH_STOP = re.compile(r"[.?!]$")
_STOP = re.compile(r"[.?!](?:\s|$)")
_ENDS_WITH_PUNCTUATION = re.compile(r"[.?!:;,]$")
_MINOR_WORDS = {
    "and",
    "or",
    "of",
    "the",
    "a",
    "an",
    "to",
    "in",
    "on",
    "for",
    "by",
    "with",
    "at",
    "from",
    "&",
    "–",
    "-",
    "/",
    "vs",
    "v",
    "into",
    "its",
    "their",
}


@dataclass(slots=True)
class Items:
    """The agenda items, and for each line the item it falls under."""

    items: list[AgendaItem] = field(default_factory=list)
    line_item: dict[int, int] = field(default_factory=dict)
    title_lines: set[int] = field(default_factory=set)

    def item_at(self, line_index: int) -> AgendaItem | None:
        """The item a line falls under, if any."""
        position = self.line_item.get(line_index)
        return None if position is None else self.items[position]


# The last letter of each word _EMPTY_MARK ends with, in every form re.I matches.
_EMPTY_LAST_LETTERS = frozenset("aAeElLmMsS\u017f")


def _may_end_empty(tail: str) -> bool:
    """Say whether text can end with "N/A", "None", "Nil" or "No items", as _EMPTY_MARK
    requires: after its trailing spaces and one full stop, the last letter must be theirs."""
    end = tail.rstrip()
    if end.endswith("."):
        end = end[:-1]
    return end[-1:] in _EMPTY_LAST_LETTERS


def _ends_as_sentence(body: str) -> bool:
    """Say whether a stripped line ends with a stop that clean_title keeps, so that it cannot
    read as a title: most lines of minutes are sentences, and this spares cleaning them."""
    return body.endswith(("?", ";", ",")) or (body.endswith(".") and not _may_end_empty(body))


def clean_title(text: str) -> str:
    """Trim labels, trailing colons, bullets and "N/A" from an item title."""
    text = text.strip().lstrip("-•* ").strip()
    tail = text[-24:]
    if _may_end_empty(tail) and _EMPTY_HINT.search(tail):
        text = text[: len(text) - len(tail)] + _EMPTY_MARK.sub("", tail)
    return text.strip(" :–-").strip()


def title_from_body(body: str) -> tuple[str, int]:
    """Split a row's text into its title and the length of the title part."""
    text = body.strip()
    lead = len(text) - len(text.lstrip("-•* "))
    text = text[lead:]
    colon = text.find(":")
    if 0 < colon < 110 and not _STOP_AND_SPACE.search(text[:colon]):
        return clean_title(text[:colon]), lead + colon
    words = text.split()
    if len(words) <= 14 and not _ENDS_WITH_STOP.search(text):
        return clean_title(text), lead + len(text)
    cut = len(text)
    period = _STOP.search(text)
    if period:
        cut = period.start()
    split = _SENTENCE_START.search(text, 1)
    if split and split.start() < cut:
        cut = split.start()
    return clean_title(text[:cut]), lead + cut


def is_title_like(text: str, *, heading: bool = False, numbered: bool = False) -> bool:
    """Say whether a line reads as a heading rather than a sentence."""
    text = text.strip()
    if not text or len(text) > 110 or not (text[0].isupper() or text[0].isdigit()):
        return False
    if text.endswith((".", "?", ";", ",", ":")) or text.startswith("- "):
        return False
    words = text.split()
    if len(words) > 14:
        return False
    if not numbered and _is_label(text) and len(words) <= 4:
        return False
    if heading or text.isupper():
        return True
    significant = [w for w in words if w.lower() not in _MINOR_WORDS and w[:1].isalpha()]
    if not significant:
        return False
    capitalised = sum(1 for w in significant if w[:1].isupper())
    return capitalised / len(significant) >= 0.6 and len(words) >= 2


def _is_label(text: str) -> bool:
    """Say whether a line opens with a label ("Findings", "Action arising", "No.") rather
    than naming a topic."""
    return bool(_LABELS.match(text)) and not _LABEL_TOPIC.match(text)


def _is_plain_heading(lines: list[Line], position: int) -> bool:
    """Say whether a short line in sentence case heads the paragraphs after it ("Any other
    business" above a paragraph): it ends without a stop and the next line is prose or a
    label."""
    body = lines[position].body.strip()
    words = body.split()
    if not words or len(words) > 8 or len(body) > 70 or not body[0].isupper():
        return False
    if body[-1] in ".?!:;,)" or _NO_CONTENT.match(body) or _is_label(body):
        return False
    if position + 1 >= len(lines):
        return False
    following = lines[position + 1]
    text = following.body.strip()
    if following.number is not None or following.kind is BlockKind.HEADING:
        return False
    return len(text.split()) >= 10 or (bool(_LABELS.match(text)) and ":" in text[:40])


def _action_log_rows(lines: list[Line], start: int) -> set[int]:
    """The rows of action log tables, whose numbers are action numbers, not items."""
    rows: set[int] = set()
    inside = False
    for position in range(start, len(lines)):
        line = lines[position]
        if "\t" not in line.text:
            inside = False
        elif action_table_columns(line) is not None:
            inside = True
        elif inside:
            rows.add(position)
    return rows


def _is_question(text: str) -> bool:
    return text.rstrip().endswith("?")


def extract_items(lines: list[Line], start: int) -> Items:
    """Find the agenda items from line `start` on."""
    result = Items()
    log_rows = _action_log_rows(lines, start)
    table_numbered = (
        sum(
            1
            for position in range(start, len(lines))
            if lines[position].number is not None and position not in log_rows
        )
        >= 2
    )
    current_main: str | None = None
    previous_was_title = False
    body_since_title = True
    in_action_table = False
    for position in range(start, len(lines)):
        line = lines[position]
        body = line.body.strip()
        new_item: AgendaItem | None = None
        if not body:
            continue
        if action_table_columns(line) is not None:
            in_action_table = True
            if result.items:
                result.line_item[position] = len(result.items) - 1
            continue
        elif in_action_table and "\t" in line.text:
            # Rows of an action log carry action numbers, not agenda items.
            if result.items:
                result.line_item[position] = len(result.items) - 1
            continue
        else:
            in_action_table = False
        if line.number is not None and not _LABELS.fullmatch(body.lower().rstrip(":")):
            title, length = title_from_body(body)
            if title and not _is_question(title):
                number = line.number.rstrip(".")
                new_item = AgendaItem(
                    title=title,
                    number=number,
                    level=number.count(".") + 1 if number[:1].isdigit() else 1,
                    span=line.body_span(0, min(length, len(line.body))),
                )
                current_main = number
        else:
            inline = _INLINE_NUMBER.match(body)
            if (
                inline
                and inline.group("minute")
                and (line.kind is BlockKind.LIST_ITEM or inline.group("title")[:1] in "–—-")
            ):
                # "JAC/24/05 – CFO to circulate …" reports on an action; a minute number
                # heads its title directly.
                inline = None
            if inline and not _is_question(body):
                raw_num = (
                    inline.group("num")
                    or inline.group("paren")
                    or inline.group("named")
                    or inline.group("minute")
                )
                title_text = inline.group("title")
                title, length = title_from_body(title_text)
                heading = line.kind is BlockKind.HEADING
                if title and (
                    is_title_like(title, heading=True, numbered=True)
                    and (len(title_text.split()) <= 14 or heading or length < len(title_text))
                ):
                    if table_numbered and current_main is not None:
                        number = f"{current_main} {raw_num}"
                        level = current_main.count(".") + 2
                    else:
                        number = raw_num
                        level = (
                            raw_num.count(".") + 1
                            if raw_num[:1].isdigit()
                            else 1
                            if inline.group("minute")
                            else 2
                        )
                        current_main = number
                    offset = body.find(title_text)
                    new_item = AgendaItem(
                        title=title,
                        number=number,
                        level=level,
                        span=line.body_span(offset, offset + min(length, len(title_text))),
                    )
            elif (caps := _CAPS_LABEL.match(body)) and not line.continuation:
                title = clean_title(caps.group(1))
                new_item = AgendaItem(
                    title=title, number=None, level=1, span=line.body_span(0, len(caps.group(1)))
                )
            elif (
                table_numbered
                and line.kind is BlockKind.TABLE_ROW
                and line.number is None
                and position + 1 < len(lines)
                and lines[position + 1].continuation
                and len(body.split()) <= 14
                and body[:1].isupper()
                and not _ENDS_WITH_PUNCTUATION.search(body)
                and not _is_label(body)
            ):
                new_item = AgendaItem(
                    title=clean_title(body), number=None, level=2, span=line.body_span()
                )
            elif (
                not line.continuation
                and line.kind is not BlockKind.LIST_ITEM
                and (
                    (
                        not _ends_as_sentence(body)
                        and is_title_like(clean_title(body), heading=line.kind is BlockKind.HEADING)
                    )
                    or (
                        not table_numbered
                        and current_main is None
                        and _is_plain_heading(lines, position)
                    )
                )
                and not _is_label(body)
            ):
                next_line = lines[position + 1] if position + 1 < len(lines) else None
                next_numbered = next_line is not None and (
                    next_line.number is not None
                    or bool(ITEM_NUMBER.match(next_line.body.split(" ")[0] or "-"))
                )
                caption = (
                    previous_was_title
                    and not body_since_title
                    and (not table_numbered or next_numbered)
                )
                title = clean_title(body)
                if not caption and title:
                    new_item = AgendaItem(
                        title=title,
                        number=None,
                        level=2 if table_numbered and current_main else 1,
                        span=line.body_span(),
                    )
        if new_item is not None:
            result.items.append(new_item)
            result.title_lines.add(position)
            previous_was_title = True
            body_since_title = len(body) > len(new_item.title) + 12
        else:
            body_since_title = True
            previous_was_title = False
        if result.items:
            result.line_item[position] = len(result.items) - 1
    return result


def item_label(item: AgendaItem | None) -> str | None:
    """The label an action records for its item: the number, else the title."""
    if item is None:
        return None
    return item.number or item.title
