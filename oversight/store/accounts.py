"""Store staff accounts and failed sign-ins; the services decide what they mean.

Account names are compared without regard to case, so that "Alice" and "alice" are one
account and one lock-out counter.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from oversight.store.account_tables import AccountRow, LoginFailureRow
from oversight.store.summaries import AccountSummary


def _aware(moment: dt.datetime) -> dt.datetime:
    # SQLite keeps no time zone; every moment the store writes is UTC.
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=dt.UTC)


def _summary(row: AccountRow) -> AccountSummary:
    return AccountSummary(
        id=row.id,
        name=row.name,
        role=row.role,
        password_hash=row.password_hash,
        created_at=_aware(row.created_at),
    )


def find_account(*, session: Session, name: str) -> AccountSummary | None:
    """Return the account with this name (in any case), if there is one."""
    row = session.scalars(
        select(AccountRow).where(func.lower(AccountRow.name) == name.strip().lower())
    ).one_or_none()
    return None if row is None else _summary(row)


def add_account(
    *, session: Session, name: str, password_hash: str, role: str, now: dt.datetime
) -> AccountSummary:
    """Insert an account; the caller has checked that the name is free."""
    row = AccountRow(name=name, password_hash=password_hash, role=role, created_at=now)
    session.add(row)
    session.flush()
    return _summary(row)


def set_password_hash(*, session: Session, account_id: int, password_hash: str) -> None:
    """Replace an account's password hash (after a rehash with stronger parameters)."""
    row = session.get(AccountRow, account_id)
    if row is not None:
        row.password_hash = password_hash


def list_accounts(*, session: Session) -> list[AccountSummary]:
    """List every account by name."""
    return [_summary(r) for r in session.scalars(select(AccountRow).order_by(AccountRow.name))]


def add_login_failure(*, session: Session, key: str, now: dt.datetime) -> None:
    """Record one failed sign-in against a key (an account name or a client)."""
    session.add(LoginFailureRow(key=key[:200], failed_at=now))
    session.flush()


def login_failures(*, session: Session, key: str, since: dt.datetime) -> list[dt.datetime]:
    """Return when sign-ins failed for a key since a moment, oldest first."""
    statement = (
        select(LoginFailureRow.failed_at)
        .where(LoginFailureRow.key == key[:200], LoginFailureRow.failed_at >= since)
        .order_by(LoginFailureRow.failed_at)
    )
    return [_aware(moment) for moment in session.scalars(statement)]


def clear_login_failures(*, session: Session, key: str, before: dt.datetime | None = None) -> None:
    """Forget a key's failed sign-ins (all of them, or those before a moment)."""
    statement = delete(LoginFailureRow).where(LoginFailureRow.key == key[:200])
    if before is not None:
        statement = statement.where(LoginFailureRow.failed_at < before)
    session.execute(statement)
