"""Owners as written ("DCC", "ACC RJ", "BL", "J. Amberley") resolved to the person meant.

Letters that the meeting's own attendance gives someone ("Bethan Lowry (BL)") come first;
then a role ("the DCC", "T/CC", "ACC RJ") is the person who held it at that meeting; then a
name is the person with that name or a variant of it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from rapidfuzz import fuzz

from oversight.records import Meeting
from oversight.records.tracking import MeetingRef, PersonRecord, RoleTenure, TrackedItem
from oversight.tracking.people import NAME_THRESHOLD, parse_name
from oversight.tracking.roles import resolve_mention


class OwnerResolver:
    """Resolves the owners of tracked items to person keys."""

    def __init__(
        self,
        meetings: Sequence[tuple[MeetingRef, Meeting]],
        people: Sequence[PersonRecord],
        tenures: Sequence[RoleTenure],
    ) -> None:
        self._tenures = list(tenures)
        self._people = list(people)
        self._by_written = {(a.meeting_id, a.written): p.key for p in people for a in p.attendance}
        self._letters: dict[tuple[int, str], str] = {}
        for ref, meeting in meetings:
            for person in (*meeting.attendees, *meeting.apologies):
                key = self._by_written.get((ref.meeting_id, person.name))
                if key and person.abbreviation:
                    self._letters[(ref.meeting_id, person.abbreviation.upper())] = key

    def resolve(self, owner: str, meeting_id: int, day: dt.date | None) -> str | None:
        """Return the key of the person an owner names at a meeting, or None."""
        text = owner.strip()
        letters = self._letters.get((meeting_id, text.upper().replace(" ", "")))
        if letters:
            return letters
        tenure = resolve_mention(text, day, self._tenures)
        if tenure is not None:
            return tenure.person_key
        name = parse_name(text)
        if name is None or len(text) < 4:
            return None
        for person in self._people:
            for variant in person.variants:
                if fuzz.ratio(variant.lower(), text.lower()) >= NAME_THRESHOLD:
                    return person.key
        surname = [p for p in self._people if p.name.split()[-1].lower() == name.surname.lower()]
        return surname[0].key if len(surname) == 1 else None

    def resolve_items(self, items: Sequence[TrackedItem]) -> None:
        """Fill in `people` on each item from its owners."""
        for item in items:
            keys = (self.resolve(o, item.meeting_id, item.date) for o in item.owners)
            item.people = list(dict.fromkeys(k for k in keys if k))
