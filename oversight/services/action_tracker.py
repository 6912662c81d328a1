"""The action tracker: actions the viewer may see, filtered by status, owner, meeting and
due dates, and sorted.

An action is open until the record says otherwise, and overdue when open with a due date
before the day asked about (today unless given).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from oversight import store
from oversight.services.errors import ServiceError
from oversight.store import ActionSummary
from oversight.store.publication import PUBLISHED, meeting_states

ACTION_STATUSES = ("open", "overdue", "closed")
ACTION_SORTS = ("due", "-due", "raised", "-raised", "owner")


class InvalidFilterError(ServiceError, ValueError):
    """A filter or sort that does not exist was asked for."""


@dataclass(frozen=True, slots=True)
class ActionFilter:
    """What to narrow the actions to; every field is optional."""

    status: str | None = None
    owner: str | None = None
    meeting_id: int | None = None
    due_from: dt.date | None = None
    due_to: dt.date | None = None
    sort: str = "due"


@dataclass(frozen=True, slots=True)
class ActionTracker:
    """The actions that match, and every owner and meeting there is to filter by."""

    actions: list[ActionSummary]
    owners: list[str]
    meetings: list[tuple[int, str | None, dt.date | None]]
    # Each action's number within its meeting (1 for the first), as the meeting page counts.
    numbers: dict[int, int]


def _status_matches(action: ActionSummary, status: str | None) -> bool:
    if status is None:
        return True
    if status == "open":
        return action.status == "open"
    if status == "overdue":
        return action.overdue
    return action.status != "open"


def _sort_key(sort: str) -> Callable[[ActionSummary], tuple[Any, ...]]:
    far = dt.date.max
    keys: dict[str, Callable[[ActionSummary], tuple[Any, ...]]] = {
        "due": lambda a: (a.action.due_date or far, a.meeting_date or far, a.id),
        "-due": lambda a: (-(a.action.due_date or dt.date.min).toordinal(), a.id),
        "raised": lambda a: ((a.meeting_date or far), a.id),
        "-raised": lambda a: (-(a.meeting_date or dt.date.min).toordinal(), a.id),
        "owner": lambda a: (", ".join(a.action.owners).casefold() or "\uffff", a.id),
    }
    return keys[sort]


def track_actions(
    *, session: Session, drafts: bool, wanted: ActionFilter, as_of: dt.date | None = None
) -> ActionTracker:
    """Return the actions of meetings the viewer may see that match the filter, sorted."""
    if wanted.status is not None and wanted.status not in ACTION_STATUSES:
        raise InvalidFilterError(
            f"unknown status {wanted.status!r}: use {', '.join(ACTION_STATUSES)}"
        )
    if wanted.sort not in ACTION_SORTS:
        raise InvalidFilterError(f"unknown sort {wanted.sort!r}: use {', '.join(ACTION_SORTS)}")
    states = meeting_states(session=session)
    every = [
        a
        for a in store.list_actions(session=session, as_of=as_of or dt.date.today())
        if drafts or states.get(a.meeting_id) == PUBLISHED
    ]
    owner = (wanted.owner or "").strip().casefold()
    chosen = [
        a
        for a in every
        if _status_matches(a, wanted.status)
        and (not owner or owner in (o.casefold() for o in a.action.owners))
        and (wanted.meeting_id is None or a.meeting_id == wanted.meeting_id)
        and (
            wanted.due_from is None
            or (a.action.due_date is not None and a.action.due_date >= wanted.due_from)
        )
        and (
            wanted.due_to is None
            or (a.action.due_date is not None and a.action.due_date <= wanted.due_to)
        )
    ]
    chosen.sort(key=_sort_key(wanted.sort))
    meetings = sorted(
        {(a.meeting_id, a.meeting_title, a.meeting_date) for a in every},
        key=lambda m: (m[2] is None, m[2] or dt.date.min, m[0]),
        reverse=False,
    )
    owners = sorted({o for a in every for o in a.action.owners}, key=str.casefold)
    numbers: dict[int, int] = {}
    counts: dict[int, int] = {}
    for a in every:  # listed in their order within each meeting
        counts[a.meeting_id] = numbers[a.id] = counts.get(a.meeting_id, 0) + 1
    return ActionTracker(actions=chosen, owners=owners, meetings=meetings, numbers=numbers)
