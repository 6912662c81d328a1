"""Who the minutes mean: role mentions, letters and name variants resolved to a person.

"The DCC", "T/CC" and "ACC RJ" are whoever held that role at the meeting: someone recorded
in it at that meeting first, else the tenure covering the day. Letters such as "BL" or
"HoPP" are the person the attendance of that meeting (or the nearest meeting using them)
gives them to. A name ("J. Amberley", "DCC Amberley", "Ms Amberley") is the person with
that name or, failing that, the one person with that surname and a matching initial,
rank or honorific.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Sequence

from oversight.records.tracking import Attendance, PersonRecord, RoleTenure, TrackedItem
from oversight.tracking.people import NAME_THRESHOLD, name_similarity, parse_name
from oversight.tracking.roles import canonical_role, resolve_mention

_LETTERS = re.compile(r"^[A-Za-z][A-Za-z/&]{1,9}$")
_ROLE_LETTERS = re.compile(r"(?:[TA]/\s*)?(?:DPCC|PCC|DCC|ACC|CC|CEX|CFO|ACO)", re.IGNORECASE)
_ROLE_WITH_INITIALS = re.compile(r"^((?:[TA]/\s*)?[A-Z]{2,5})\s+([A-Z]{2,3})$")


def _bare(text: str) -> str:
    return re.sub(r"^(?:the|our)\s+", "", " ".join(text.split()), flags=re.IGNORECASE).strip(" .,")


def _initials(name: str) -> str:
    return "".join(part[0] for part in name.split() if part[:1].isalpha()).upper()


class Resolver:
    """Resolves mentions to person keys, given the people and role tenures of the record."""

    def __init__(self, people: Sequence[PersonRecord], tenures: Sequence[RoleTenure]) -> None:
        self._people = {p.key: p for p in people}
        self._tenures = list(tenures)
        self._by_meeting: defaultdict[int, list[tuple[str, Attendance]]] = defaultdict(list)
        self._by_day: defaultdict[dt.date, list[int]] = defaultdict(list)
        self._letters: defaultdict[str, list[tuple[dt.date | None, str]]] = defaultdict(list)
        self._variants = {v: p.key for p in people for v in p.variants}
        self._by_initial: defaultdict[str, list[PersonRecord]] = defaultdict(list)
        for person in people:
            self._by_initial[person.name.split()[-1][:1].lower()].append(person)
            for a in person.attendance:
                self._by_meeting[a.meeting_id].append((person.key, a))
                if a.date is not None and a.meeting_id not in self._by_day[a.date]:
                    self._by_day[a.date].append(a.meeting_id)
                if a.abbreviation:
                    self._letters[_fold(a.abbreviation)].append((a.date, person.key))

    def person(self, key: str) -> PersonRecord | None:
        """Return the person record with this key."""
        return self._people.get(key)

    def resolve(self, text: str, day: dt.date | None, meeting_id: int | None = None) -> str | None:
        """Return the key of the person a mention means on `day` (at `meeting_id`), or None."""
        mention = _bare(text)
        if not mention:
            return None
        meetings = (
            [meeting_id] if meeting_id is not None else self._by_day.get(day, []) if day else []
        )
        if _LETTERS.match(mention) or _ROLE_WITH_INITIALS.match(mention):
            found = self._by_letters(mention, meetings, day) or self._by_role(
                mention, meetings, day
            )
            if found:
                return found
        return self._by_name(mention, meetings)

    def _meetings(self, meeting_id: int | None, day: dt.date | None) -> list[int]:
        if meeting_id is not None:
            return [meeting_id]
        return list(self._by_day.get(day, [])) if day is not None else []

    def _by_letters(self, mention: str, meetings: Sequence[int], day: dt.date | None) -> str | None:
        folded = _fold(mention)
        for meeting in meetings:
            for key, a in self._by_meeting[meeting]:
                if a.abbreviation and _fold(a.abbreviation) == folded:
                    return key
        uses = self._letters.get(folded, [])
        if not uses or (canonical_role(mention) is not None and _is_role_letters(mention)):
            return None
        if day is None:
            return uses[-1][1]
        return min(uses, key=lambda use: abs(((use[0] or day) - day).days))[1]

    def _by_role(self, mention: str, meetings: Sequence[int], day: dt.date | None) -> str | None:
        with_initials = _ROLE_WITH_INITIALS.match(mention)
        role_text, initials = (
            (with_initials.group(1), with_initials.group(2)) if with_initials else (mention, None)
        )
        role = canonical_role(role_text)
        if role is None or (
            not _is_role_letters(role_text) and role_text.lower() not in (role.name.lower(),)
        ):
            return None
        here = [
            (key, a)
            for meeting in meetings
            for key, a in self._by_meeting[meeting]
            if a.role
            and (found := canonical_role(a.role)) is not None
            and found.name == role.name
            and (role.qualifier is None or found.qualifier == role.qualifier)
        ]
        if initials:
            here = [(k, a) for k, a in here if _initials(self._people[k].name) == initials] or here
        present = [k for k, a in here if a.status == "present"] or [k for k, _ in here]
        if len(set(present)) == 1:
            return present[0]
        tenure = resolve_mention(mention, day, self._tenures)
        return tenure.person_key if tenure is not None else None

    def _by_name(self, mention: str, meetings: Sequence[int]) -> str | None:
        if mention in self._variants:
            return self._variants[mention]
        name = parse_name(mention)
        if name is None:
            return None
        namesakes = self._by_initial.get(name.surname[:1].lower(), [])
        if name.is_full:
            scored = [
                (max(name_similarity(mention, v) for v in p.variants), p.key) for p in namesakes
            ]
            best = max(scored, default=(0.0, ""))
            if best[0] >= NAME_THRESHOLD:
                return best[1]
        candidates = [
            p.key
            for p in namesakes
            if p.name.split()[-1].lower() == name.surname.lower()
            and (not name.given or p.name[:1].lower() == name.given[0][:1].lower())
        ]
        if len(candidates) > 1 and meetings:
            here = {key for m in meetings for key, _ in self._by_meeting[m]}
            candidates = [k for k in candidates if k in here] or candidates
        return candidates[0] if len(candidates) == 1 else None

    def resolve_items(self, items: Sequence[TrackedItem]) -> None:
        """Fill in `people` on each item from its owners."""
        for item in items:
            keys = (self.resolve(o, item.date, item.meeting_id) for o in item.owners)
            item.people = list(dict.fromkeys(k for k in keys if k))


def _fold(letters: str) -> str:
    return letters.replace(" ", "").replace(".", "").upper()


def _is_role_letters(text: str) -> bool:
    return bool(
        re.fullmatch(r"(?:[TA]/\s*)?(?:DPCC|PCC|DCC|ACC|CC|CEX|CFO|ACO)", text.strip(), re.I)
    )
