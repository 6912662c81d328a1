"""Who an action belongs to: the owner column, or the grammar of the action's sentence
("DCC to provide…", "asked the CC to…", "a briefing from the ACC", "work undertaken by the
FCR and …")."""

from __future__ import annotations

import re
from collections.abc import Iterable

_ACRONYM = r"(?:[A-Z]/\s?)?[A-Z][A-Z&]{1,6}(?![a-z])"
_RANK = (
    r"(?:[A-Z][a-z]+\s+)?(?:Ch\.?\s*Supt|Ch\.?\s*Insp|Det\.?\s*Supt|Supt|Insp|Superintendent|"
    r"Inspector|Sergeant|Registrar|Treasurer|Clerk|Secretary)"
)
_ROLE_PHRASE = (
    r"(?:[A-Z][a-z]+\s+){0,3}(?:Officer|Manager|Director|Lead|Adviser|Advisor|Clerk|Executive|"
    r"Treasurer|Secretary|Registrar|Team|Unit|Analyst)"
)
_SPLIT = re.compile(r"\s*(?:/|,|&|\band\b|\+)\s*")
_LEAD_VERBS = (
    r"(?:to|will|would|is\s+to|are\s+to|agreed\s+to|has\s+agreed\s+to|have\s+agreed\s+to|should|"
    r"must|needs?\s+to|undertook\s+to|committed\s+to|was\s+asked\s+to|were\s+asked\s+to|"
    r"has\s+been\s+asked\s+to|offered\s+to|confirmed\s+(?:they|he|she)\s+would)"
)


_ROLE_PREFIX = re.compile(r"\b([ATD])/\s?(?=[A-Z])")


def split_owners(text: str) -> list[str]:
    """Split an owner column such as "PCC / CC" into its owners, keeping "T/DCC" whole."""
    protected = _ROLE_PREFIX.sub(lambda m: m.group(1) + "\u2044", text.strip())
    parts = [p.strip(" .").replace("\u2044", "/") for p in _SPLIT.split(protected)]
    return [p for p in parts if p]


def _token(names: Iterable[str]) -> str:
    known = sorted({re.escape(n) for n in names if n}, key=len, reverse=True)
    options = [*known, _RANK, _ROLE_PHRASE, _ACRONYM]
    return "(?:" + "|".join(options) + ")"


def owners_from_text(text: str, *, known: Iterable[str], aliases: dict[str, str]) -> list[str]:
    """Infer an action's owners from its sentence; `known` are names and abbreviations
    from the attendance, `aliases` map role words ("Chief Constable", "Chief") to them."""
    names = list(known) + list(aliases)
    tok = _token(names)
    group = rf"(?P<o>{tok}(?:\s*(?:/|,|&|\band\b)\s*(?:the\s+)?{tok})*)"
    patterns = (
        rf"^(?:-\s*)?(?:The\s+|the\s+)?{group}\s+{_LEAD_VERBS}\b",
        rf"\b(?:asked|requested|invited|tasked|requires?|required)\s+(?:that\s+)?(?:the\s+)?{group}\s+(?:to|would|will|should|for)\b",
        rf"\b(?:briefing|update|report|paper|note|response|presentation|details|information)\s+"
        rf"(?:\w+\s+){{0,3}}?from\s+(?:the\s+)?{group}",
        rf"\b(?:undertaken|led|provided|completed|carried\s+out|done|prepared|given)\s+by\s+(?:the\s+)?{group}",
    )
    for pattern in patterns:
        m = re.search(pattern, text)
        if m:
            owners = [_canonical(o, aliases) for o in _split_group(m.group("o"))]
            owners = [o for o in owners if o]
            if owners:
                return owners
    return []


def _split_group(text: str) -> list[str]:
    protected = _ROLE_PREFIX.sub(lambda m: m.group(1) + "\u2044", text)
    parts = re.split(r"\s*(?:/|,|&|\band\b)\s*(?:the\s+)?", protected)
    return [p.strip().replace("\u2044", "/") for p in parts if p.strip()]


def _canonical(owner: str, aliases: dict[str, str]) -> str:
    owner = re.sub(r"\s+", " ", owner).strip()
    return aliases.get(owner, aliases.get(owner.lower(), owner))
