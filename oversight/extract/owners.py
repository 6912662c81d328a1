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
    r"(?:(?:[A-Z][a-z]+\s+){0,3}(?:Officer|Manager|Director|Lead|Adviser|Advisor|Clerk|Executive|"
    r"Treasurer|Secretary|Registrar|Team|Unit|Analyst)|Head\s+of\s+[A-Z][a-z]+(?:\s+[A-Z][a-z]+){0,2})"
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


_NAME = r"(?:[A-Z][a-z'’]+(?:-[A-Z][a-z'’]+)?\s+){1,2}[A-Z][a-z'’]+(?:-[A-Z][a-z'’]+)?"
_TOKEN = (
    rf"(?:{_RANK}|{_ROLE_PHRASE}|(?:Police\s+and\s+Crime\s+|Deputy\s+)?Commissioner|"
    rf"(?:Deputy\s+|Assistant\s+)?Chief(?:\s+Constable)?|{_ACRONYM}(?:\s[A-Z]{{1,4}}\b)?|{_NAME})"
)
_GROUP = rf"(?P<o>{_TOKEN}(?:\s*(?:/|,|&|\band\b)\s*(?:the\s+)?{_TOKEN})*)"
# Before "to …" a rank or office may carry the holder's surname: "ACC Elwood to report".
_SURNAME = r"(?:\s+[A-Z][a-z'’]+(?:-[A-Z][a-z'’]+)?)?"
_SUBJECT_TOKEN = rf"(?:(?:{_RANK}|{_ACRONYM}){_SURNAME}|{_TOKEN})"
_RANKED = re.compile(rf"(?:{_RANK}|{_ACRONYM}){_SURNAME}")
_SUBJECT_GROUP = rf"(?P<o>{_SUBJECT_TOKEN}(?:\s*(?:/|,|&|\band\b)\s*(?:the\s+)?{_SUBJECT_TOKEN})*)"


class OwnerFinder:
    """Infers an action's owners from its sentence. Names and abbreviations of the meeting's
    attendance, and the role words that stand for them, map to the abbreviations."""

    def __init__(self, *, known: Iterable[str], aliases: dict[str, str]) -> None:
        self.aliases = aliases
        self.known = set(known)

    def owners(self, text: str) -> list[str]:
        """The owners the sentence names, as abbreviations where the meeting has them."""
        for pattern in _PATTERNS:
            m = pattern.search(text)
            if m:
                owners = [_canonical(o, self.aliases) for o in _split_group(m.group("o"))]
                owners = [o for o in owners if o and self._plausible(o)]
                if owners:
                    return owners
        return []

    def _plausible(self, owner: str) -> bool:
        """A capitalised name counts only when the attendance lists it."""
        if _RANKED.fullmatch(owner) or _ROLE_PHRASE_ALONE.fullmatch(owner):
            return True
        if _NAME_ALONE.fullmatch(owner):
            return owner in self.known or owner in self.aliases
        return True


def _patterns(group: str, subject: str) -> tuple[str, ...]:
    return (
        rf"^(?:-\s*)?(?:The\s+|the\s+)?{subject}\s+{_LEAD_VERBS}\b",
        rf"\b(?:asked|requested|invited|tasked|requires?|required)\s+(?:that\s+)?(?:the\s+)?{group}\s+(?:to|would|will|should|for)\b",
        rf"\b(?:briefing|update|report|paper|note|response|presentation|details|information)\s+"
        rf"(?:\w+\s+){{0,3}}?from\s+(?:the\s+)?{group}",
        rf"\b(?:undertaken|led|provided|completed|carried\s+out|done|prepared|given)\s+by\s+(?:the\s+)?{group}",
    )


_PATTERNS = [re.compile(p) for p in _patterns(_GROUP, _SUBJECT_GROUP)]
_ROLE_PHRASE_ALONE = re.compile(_ROLE_PHRASE)
_NAME_ALONE = re.compile(_NAME)
_GROUP_SEPARATOR = re.compile(r"\s*(?:/|,|&|\band\b)\s*(?:the\s+)?")
_SPACES = re.compile(r"\s+")


def _split_group(text: str) -> list[str]:
    protected = _ROLE_PREFIX.sub(lambda m: m.group(1) + "\u2044", text)
    parts = _GROUP_SEPARATOR.split(protected)
    return [p.strip().replace("\u2044", "/") for p in parts if p.strip()]


def _canonical(owner: str, aliases: dict[str, str]) -> str:
    owner = _SPACES.sub(" ", owner).strip()
    return aliases.get(owner, aliases.get(owner.lower(), owner))
