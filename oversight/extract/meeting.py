"""Compose the section extractors into one meeting record.

Extraction is pure: the same document always gives the same record, and nothing here reads
files, clocks or settings.
"""

from __future__ import annotations

import re

from oversight.documents.document import Document
from oversight.extract.actions import extract_actions
from oversight.extract.attendance import apologies_in_text, extract_attendance
from oversight.extract.commitments import extract_commitments
from oversight.extract.decisions import extract_decisions
from oversight.extract.figures import extract_figures
from oversight.extract.header import extract_header
from oversight.extract.hmicfrs import extract_hmicfrs
from oversight.extract.items import extract_items
from oversight.extract.lines import split_lines
from oversight.extract.next_meeting import extract_next_meeting
from oversight.extract.updates import extract_updates
from oversight.records.types import Meeting, Person


class NotMinutesError(ValueError):
    """The document does not look like the minutes of a meeting."""


# The abbreviations policing uses for the offices that usually own actions; the attendance
# list of a meeting, where it gives its own, takes precedence.
_STANDARD_ROLES = {
    "Police and Crime Commissioner": "PCC",
    "Commissioner": "PCC",
    "Deputy Police and Crime Commissioner": "DPCC",
    "Deputy Commissioner": "DPCC",
    "Chief Constable": "CC",
    "Chief": "CC",
    "Deputy Chief Constable": "DCC",
    "Assistant Chief Constable": "ACC",
    "Chief Executive": "CEX",
    "Chief Finance Officer": "CFO",
}
# "T/", "A/" or "D/" before a role: temporary, acting or detective.
_ACTING = re.compile(r"^[ATD]/\s*")


def _aliases(people: list[Person]) -> dict[str, str]:
    """Map role words used in sentences ("Chief Constable", "the Chief") to abbreviations."""
    aliases: dict[str, str] = dict(_STANDARD_ROLES)
    for person in people:
        if not person.abbreviation:
            continue
        aliases[person.name] = person.abbreviation
        if person.role:
            role = _ACTING.sub("", person.role).strip()
            aliases[role] = person.abbreviation
            if role.lower() == "chief constable":
                aliases["Chief"] = person.abbreviation
    return aliases


def extract_meeting(document: Document) -> Meeting:
    """Extract the meeting record from a document; raise NotMinutesError for other text."""
    lines = split_lines(document)
    header = extract_header(lines, document.text)
    attendance = extract_attendance(lines, header.end)
    body_start = max(header.end, attendance.end)
    if not attendance.apologies:
        attendance.apologies = apologies_in_text(lines, body_start)
    items = extract_items(lines, body_start)
    people = attendance.attendees + attendance.apologies
    if header.date is None and not people:
        raise NotMinutesError("no meeting date and no attendance found")
    next_meeting = extract_next_meeting(lines[body_start:], header.date)
    aliases = _aliases(people)
    known = {p.abbreviation for p in people if p.abbreviation} | {p.name for p in people}
    actions = extract_actions(
        lines,
        items,
        start=body_start,
        meeting_date=header.date,
        next_meeting=next_meeting.date if next_meeting else None,
        known_owners=known,
        aliases=aliases,
    )
    chair = header.chair or attendance.chair
    minute_taker, minute_taker_role = header.minute_taker, header.minute_taker_role
    if minute_taker is None and attendance.minute_taker is not None:
        minute_taker, minute_taker_role = attendance.minute_taker
    if minute_taker and not minute_taker_role:
        match = next((p for p in people if p.name == minute_taker), None)
        minute_taker_role = match.role if match else None
    return Meeting(
        source=document.source,
        title=header.title,
        body=header.body,
        date=header.date,
        date_note=header.date_note,
        start_time=header.start_time,
        venue=header.venue,
        chair=chair,
        minute_taker=minute_taker,
        minute_taker_role=minute_taker_role,
        attendees=attendance.attendees,
        apologies=attendance.apologies,
        items=items.items,
        actions=actions,
        action_updates=extract_updates(lines, items),
        decisions=extract_decisions(lines, items),
        hmicfrs=extract_hmicfrs(lines, items, meeting_date=header.date),
        figures=extract_figures(lines, items, start=body_start),
        commitments=extract_commitments(
            lines,
            items,
            start=body_start,
            meeting_date=header.date,
            actions=[a.text for a in actions],
        ),
        next_meeting=next_meeting,
    )
