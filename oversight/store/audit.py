"""Store the audit log: one row per change made through the site, never edited."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from oversight.store.account_tables import AuditEntryRow
from oversight.store.summaries import AuditEntry


def _aware(moment: dt.datetime) -> dt.datetime:
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=dt.UTC)


def add_audit_entry(
    *,
    session: Session,
    actor: str,
    action: str,
    target: str,
    before: str | None,
    after: str | None,
    now: dt.datetime,
) -> None:
    """Append one entry to the audit log."""
    session.add(
        AuditEntryRow(at=now, actor=actor, action=action, target=target, before=before, after=after)
    )
    session.flush()


def list_audit_entries(*, session: Session, limit: int, offset: int = 0) -> list[AuditEntry]:
    """List audit entries, newest first."""
    statement = (
        select(AuditEntryRow)
        .order_by(AuditEntryRow.at.desc(), AuditEntryRow.id.desc())
        .limit(limit)
        .offset(offset)
    )
    return [
        AuditEntry(
            id=r.id,
            at=_aware(r.at),
            actor=r.actor,
            action=r.action,
            target=r.target,
            before=r.before,
            after=r.after,
        )
        for r in session.scalars(statement)
    ]


def count_audit_entries(*, session: Session) -> int:
    """Return how many entries the audit log holds."""
    return int(session.scalar(select(func.count()).select_from(AuditEntryRow)) or 0)
