"""The next meetings that stored minutes announce, for the dashboard and the calendar."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class AnnouncedMeeting:
    """A next meeting as one set of minutes announced it."""

    meeting_id: int
    announced_by: str | None
    date: dt.date
    time: str | None
    kind: str | None
    venue: str | None
