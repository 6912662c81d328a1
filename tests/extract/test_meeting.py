"""Whole-record extraction from small fictional minutes in several layouts."""

from __future__ import annotations

import datetime as dt

import pytest

from oversight.extract import NotMinutesError
from tests.extract.helpers import document, extract

TABLE_NOTES = (
    "Quarterly Accountability Meeting March 2025 – Meeting Notes\n\n"
    "Date: Tuesday 11th March, 10:00 am\n"
    "Chair: Rowan Kestrel\n"
    "Minutes: Ellis Farrow, Policy Officer, OPCC\n"
    "Venue: Brackenford HQ\n\n"
    "\tName:\tCapacity:\n"
    "Attendance:\tRowan Kestrel\tPolice and Crime Commissioner (PCC)\n"
    "\tMaya Oduya\tChief Constable (CC)\n"
    "\tTobias Wren\tT/ Deputy Chief Constable (T/DCC)\n"
    "Apologies:\tPriya Lund\tDeputy Police and Crime Commissioner (DPCC)\n\n"
    "1.\tOutstanding matters N/A\n"
    "2.\tHolding to account – Performance\n"
    "2.1\tResponse times The PCC noted that Grade 1 response within target was 74.2% against "
    "a 90% aspiration.\n"
    "\tACTION: T/DCC to provide a recovery plan for response times in 3 months (Jun 2025).\tT/DCC\n"
    "2.2\tVictim care <p>The CC said the new service would be live by the end of April 2025.</p>\n"
    "\t<p>Action: The PCC asked the Chief to share the survey results.</p>\tPCC / CC\n"
    "3.\tDate of next meeting: Tuesday 8th April 2025 at 14:00, Committee Room 2.\n"
)


def test_table_notes_give_the_whole_record() -> None:
    meeting = extract(TABLE_NOTES)
    assert meeting.title == "Quarterly Accountability Meeting March 2025"
    assert meeting.date == dt.date(2025, 3, 11)
    assert meeting.date_note is not None and "2025" in meeting.date_note
    assert (meeting.start_time, meeting.venue, meeting.chair) == (
        "10:00",
        "Brackenford HQ",
        "Rowan Kestrel",
    )
    assert (meeting.minute_taker, meeting.minute_taker_role) == (
        "Ellis Farrow",
        "Policy Officer, OPCC",
    )
    assert [(p.name, p.role, p.abbreviation) for p in meeting.attendees] == [
        ("Rowan Kestrel", "Police and Crime Commissioner", "PCC"),
        ("Maya Oduya", "Chief Constable", "CC"),
        ("Tobias Wren", "T/ Deputy Chief Constable", "T/DCC"),
    ]
    assert [p.name for p in meeting.apologies] == ["Priya Lund"]
    assert [(i.number, i.title) for i in meeting.items] == [
        ("1", "Outstanding matters"),
        ("2", "Holding to account – Performance"),
        ("2.1", "Response times"),
        ("2.2", "Victim care"),
        ("3", "Date of next meeting"),
    ]
    first, second = meeting.actions
    assert first.owners == ["T/DCC"]
    assert first.item == "2.1"
    assert first.due_date == dt.date(2025, 6, 1)
    assert second.owners == ["PCC", "CC"]
    assert second.text == "The PCC asked the Chief to share the survey results."
    assert meeting.next_meeting is not None
    assert (meeting.next_meeting.date, meeting.next_meeting.time) == (dt.date(2025, 4, 8), "14:00")
    (figure,) = [f for f in meeting.figures if f.value == "74.2"]
    assert (figure.unit, figure.target) == ("%", "90%")
    assert any("end of April 2025" in (c.by or "") for c in meeting.commitments)


def test_every_fact_points_at_its_source() -> None:
    doc = document(TABLE_NOTES)
    from oversight.extract import extract_meeting

    meeting = extract_meeting(doc)
    for action in meeting.actions:
        assert action.span is not None
        assert doc.text[action.span.start : action.span.end] == action.text
    for item in meeting.items:
        assert item.span is not None
        assert item.title in doc.text[item.span.start : item.span.end] or doc.text[
            item.span.start : item.span.end
        ].startswith(item.title.split()[0])


def test_extraction_is_deterministic() -> None:
    assert extract(TABLE_NOTES) == extract(TABLE_NOTES)


COUNCIL = (
    "BRACKENFORD POLICE AND CRIME PANEL\n\n"
    "MINUTES of a meeting held in the Guildhall, Brackenford on Monday 3 February 2025 at 2pm\n\n"
    "Members present: Councillor Aled Price (Chair), Councillor Nia Holt and Dr Sam Ferris "
    "(Independent Member).\n\n"
    "12. APOLOGIES\n\n"
    "Apologies for absence were received from Councillor Joe Marr.\n\n"
    "13. PRECEPT PROPOSAL\n\n"
    "RESOLVED: That the proposed precept be endorsed.\n\n"
    "14. WORK PROGRAMME\n\n"
    "RESOLVED:\n(a) that the work programme be agreed;\n(b) that a report on rural crime be "
    "brought to the June meeting.\n"
)


def test_council_minutes() -> None:
    meeting = extract(COUNCIL)
    assert meeting.title == "BRACKENFORD POLICE AND CRIME PANEL"
    assert meeting.date == dt.date(2025, 2, 3)
    assert meeting.start_time == "14:00"
    assert meeting.venue == "Guildhall, Brackenford"
    assert meeting.chair == "Aled Price" or meeting.chair == "Councillor Aled Price"
    assert [p.name for p in meeting.attendees] == [
        "Councillor Aled Price",
        "Councillor Nia Holt",
        "Dr Sam Ferris",
    ]
    assert [p.name for p in meeting.apologies] == ["Councillor Joe Marr"]
    assert [i.number for i in meeting.items] == ["12", "13", "14"]
    assert [d.text for d in meeting.decisions] == [
        "That the proposed precept be endorsed.",
        "that the work programme be agreed;",
        "that a report on rural crime be brought to the June meeting.",
    ]


def test_summary_of_actions_does_not_count_twice() -> None:
    meeting = extract(
        "Date: Friday 7 March 2025 – 10:00hrs\nChair: Rowan Kestrel\n"
        "- Rowan Kestrel – Police and Crime Commissioner (PCC)\n"
        "- Maya Oduya – Chief Constable (CC)\n"
        "Review of Action Tracker\nNo outstanding actions.\n"
        "Performance Against The Plan\n"
        "The CC described the quarter.\n"
        "ACTION: CC to provide the burglary problem profile at the next meeting.\n"
        "Summary of Actions\n"
        "- CC to provide the burglary problem profile at the next meeting.\n"
    )
    assert len(meeting.actions) == 1
    assert meeting.actions[0].owners == ["CC"]
    assert meeting.actions[0].item == "Performance Against The Plan"
    assert [u.update for u in meeting.action_updates] == ["No outstanding actions."]


@pytest.mark.parametrize(
    "text",
    [
        "Shopping list: eggs, milk, bread.\nRemember to call the plumber.\n",
        "def main():\n    return 42\n",
    ],
)
def test_text_that_is_not_minutes_is_refused(text: str) -> None:
    with pytest.raises(NotMinutesError):
        extract(text)


BOARD_WITH_BARE_DATE_LINE = (
    "Eastvale Office of the Police, Fire and Crime Commissioner\n"
    "Accountability Board – Minutes\n"
    "Thursday 6th February 2025, 1.30pm, Conference Room A, Eastvale Police HQ\n\n"
    "Present\nSara Quill\tPolice, Fire and Crime Commissioner\nTom Birch\tChief Constable\n\n"
    "Apologies\nLee Dunn\tDeputy Chief Constable\n\n"
    "1. Performance report\n"
    "The CC reported that 999 calls answered within 10 seconds stood at 91.2% against a 90% "
    "target.\n"
    "Actions:\n- CC to provide a breakdown of burglary by district at the next meeting\n\n"
    "Date of next meeting: Thursday 6 March 2025 at 1.30pm\n"
)


def test_a_bare_date_line_gives_date_time_and_venue() -> None:
    meeting = extract(BOARD_WITH_BARE_DATE_LINE)
    assert meeting.title == "Accountability Board"
    assert (meeting.date, meeting.start_time) == (dt.date(2025, 2, 6), "13:30")
    assert meeting.venue == "Conference Room A, Eastvale Police HQ"
    assert [(p.name, p.role) for p in meeting.attendees] == [
        ("Sara Quill", "Police, Fire and Crime Commissioner"),
        ("Tom Birch", "Chief Constable"),
    ]
    assert [p.name for p in meeting.apologies] == ["Lee Dunn"]
    (action,) = meeting.actions
    assert (action.owners, action.due_date) == (["CC"], dt.date(2025, 3, 6))
    # "within 10 seconds" is part of the measure, not a figure of its own.
    assert [(f.value, f.target) for f in meeting.figures] == [("91.2", "90%")]
