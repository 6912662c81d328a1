"""The audit log: every change made through the site or the account commands, for admins.

Entries are written in the same transaction as the change they describe, so a change that
is rolled back leaves no entry and no change goes unrecorded. `before` and `after` hold the
changed state as JSON objects.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy.orm import Session

from oversight.store.audit import add_audit_entry, count_audit_entries, list_audit_entries
from oversight.store.summaries import AuditEntry

__all__ = ["AuditEntry", "AuditLog", "audit_log", "record_change"]


def _json(state: Mapping[str, object] | None) -> str | None:
    return None if state is None else json.dumps(state, sort_keys=True, default=str)


def record_change(
    *,
    session: Session,
    actor: str,
    action: str,
    target: str,
    before: Mapping[str, object] | None,
    after: Mapping[str, object] | None,
    now: dt.datetime | None = None,
) -> None:
    """Write one change to the audit log, in the caller's transaction."""
    add_audit_entry(
        session=session,
        actor=actor,
        action=action,
        target=target,
        before=_json(before),
        after=_json(after),
        now=now or dt.datetime.now(dt.UTC),
    )


@dataclass(frozen=True, slots=True)
class AuditLog:
    """One page of the audit log, newest first, and how many entries there are in all."""

    entries: list[AuditEntry]
    total: int


def audit_log(*, session: Session, page: int = 1, per_page: int = 50) -> AuditLog:
    """Return one page of the audit log, newest first."""
    offset = (max(page, 1) - 1) * per_page
    return AuditLog(
        entries=list_audit_entries(session=session, limit=per_page, offset=offset),
        total=count_audit_entries(session=session),
    )
