"""List stored actions: open ones, one owner's, those overdue on a given day."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import exists, func, select
from sqlalchemy.orm import Session

from oversight.store.facts import action_of, owners_of
from oversight.store.summaries import ActionSummary
from oversight.store.tables import ActionOwnerRow, ActionRow, DocumentRow, MeetingRow

OPEN = "open"


def _is_overdue(row: ActionRow, day: dt.date | None) -> bool:
    return (
        day is not None and row.status == OPEN and row.due_date is not None and row.due_date < day
    )


def list_actions(
    *,
    session: Session,
    open_only: bool = False,
    owner: str | None = None,
    overdue_as_of: dt.date | None = None,
    as_of: dt.date | None = None,
) -> list[ActionSummary]:
    """List actions, oldest meeting first; filter by status, owner (any case) or overdue date.

    An action is overdue on a day when it is open and its due date is before that day;
    `overdue_as_of` keeps only those overdue on that day, and `as_of` (by default the same
    day) marks each action listed as overdue or not.
    """
    marking_day = as_of or overdue_as_of
    statement = (
        select(ActionRow, MeetingRow.title, MeetingRow.date, DocumentRow.source)
        .join(MeetingRow, MeetingRow.id == ActionRow.meeting_id)
        .join(DocumentRow, DocumentRow.id == MeetingRow.document_id)
        .order_by(
            MeetingRow.date.asc().nulls_last(),
            DocumentRow.source,
            MeetingRow.id,
            ActionRow.position,
        )
    )
    if open_only or overdue_as_of is not None:
        statement = statement.where(ActionRow.status == OPEN)
    if overdue_as_of is not None:
        statement = statement.where(ActionRow.due_date < overdue_as_of)
    if owner is not None and owner.strip():
        statement = statement.where(
            exists().where(
                ActionOwnerRow.action_id == ActionRow.id,
                func.lower(ActionOwnerRow.name) == owner.strip().lower(),
            )
        )
    found = session.execute(statement).all()
    owners = owners_of(session, [row.id for row, *_ in found])
    return [
        ActionSummary(
            id=row.id,
            meeting_id=row.meeting_id,
            meeting_title=title,
            meeting_date=date,
            source=source,
            status=row.status,
            action=action_of(row, owners[row.id]),
            overdue=_is_overdue(row, marking_day),
        )
        for row, title, date, source in found
    ]
