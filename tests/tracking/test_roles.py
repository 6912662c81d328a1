"""Roles brought to one name, tenures from attendance, and role mentions resolved."""

from __future__ import annotations

import datetime as dt

import pytest

from oversight.tracking.roles import Holding, Role, canonical_role, resolve_mention, tenures


@pytest.mark.parametrize(
    ("written", "role"),
    [
        (("T/ Chief Constable",), Role("Chief Constable", "temporary")),
        (("Temporary Deputy Chief Constable",), Role("Deputy Chief Constable", "temporary")),
        ((None, "A/ACC"), Role("Assistant Chief Constable", "acting")),
        (("Assistant Chief Constable Local Policing",), Role("Assistant Chief Constable")),
        (("Deputy Police and Crime Commissioner",), Role("Deputy Police and Crime Commissioner")),
        (("Police and Crime Commissioner",), Role("Police and Crime Commissioner")),
        (("Chief Executive for the Police and Crime Commissioner",), Role("Chief Executive")),
        (("Staff Officer to the Chief Constable",), Role("Staff Officer")),
        (("Business Support Officer, OPCC",), Role("Business Support Officer")),
        ((None, "DCC"), Role("Deputy Chief Constable")),
    ],
)
def test_canonical_role(written: tuple[str | None, ...], role: Role) -> None:
    assert canonical_role(*written) == role


def _hold(meeting: int, month: int, role: Role, who: str) -> Holding:
    return Holding(meeting, dt.date(2025, month, 1), role, who.lower().replace(" ", "-"), who)


CC, TCC = Role("Chief Constable"), Role("Chief Constable", "temporary")
DCC, TDCC = Role("Deputy Chief Constable"), Role("Deputy Chief Constable", "temporary")
HOLDINGS = [
    _hold(1, 4, CC, "Ann Old"),
    _hold(1, 4, DCC, "Bea Deputy"),
    _hold(2, 6, CC, "Ann Old"),
    _hold(2, 6, DCC, "Bea Deputy"),
    _hold(3, 8, TCC, "Bea Deputy"),
    _hold(3, 8, TDCC, "Cal Cover"),
    _hold(4, 10, CC, "Dee New"),
    _hold(4, 10, DCC, "Bea Deputy"),
]


def test_tenures_follow_the_attendance() -> None:
    found = [(t.title, t.name, t.first_date, t.last_date) for t in tenures(HOLDINGS)]
    assert found == [
        ("Chief Constable", "Ann Old", dt.date(2025, 4, 1), dt.date(2025, 6, 1)),
        ("Temporary Chief Constable", "Bea Deputy", dt.date(2025, 8, 1), dt.date(2025, 8, 1)),
        ("Chief Constable", "Dee New", dt.date(2025, 10, 1), dt.date(2025, 10, 1)),
        # Acting up as T/CC ends her run as DCC; her return starts a new one.
        ("Deputy Chief Constable", "Bea Deputy", dt.date(2025, 4, 1), dt.date(2025, 6, 1)),
        ("Temporary Deputy Chief Constable", "Cal Cover", dt.date(2025, 8, 1), dt.date(2025, 8, 1)),
        ("Deputy Chief Constable", "Bea Deputy", dt.date(2025, 10, 1), dt.date(2025, 10, 1)),
    ]


def test_role_mentions_resolve_to_who_held_the_role_that_day() -> None:
    all_tenures = tenures(HOLDINGS)

    def who(text: str, month: int) -> str | None:
        found = resolve_mention(text, dt.date(2025, month, 1), all_tenures)
        return found.name if found else None

    assert who("the CC", 4) == "Ann Old"
    assert who("the CC", 10) == "Dee New"
    assert who("T/CC", 8) == "Bea Deputy"
    assert who("the DCC", 8) == "Cal Cover"
    assert who("the DCC", 6) == "Bea Deputy"
    assert who("the PCC", 6) is None
