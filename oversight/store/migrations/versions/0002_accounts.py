"""Add staff accounts, failed sign-ins, publication states and the audit log.

Revision ID: 0002_accounts
Revises: 0001
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0002_accounts"
down_revision: str | None = "0001"
branch_labels: str | None = None
depends_on: str | None = None


def _id(table: str) -> tuple[sa.Column[int], sa.PrimaryKeyConstraint]:
    return sa.Column("id", sa.Integer(), nullable=False), sa.PrimaryKeyConstraint(
        "id", name=f"pk_{table}"
    )


def _moment(name: str, *, nullable: bool = False) -> sa.Column[object]:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def upgrade() -> None:
    """Create the account, login_failure, publication and audit_entry tables."""
    column, key = _id("account")
    op.create_table(
        "account",
        column,
        sa.Column("name", sa.String(64), nullable=False),
        sa.Column("password_hash", sa.Text(), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        _moment("created_at"),
        key,
        sa.UniqueConstraint("name", name="uq_account_name"),
    )
    column, key = _id("login_failure")
    op.create_table(
        "login_failure",
        column,
        sa.Column("key", sa.String(200), nullable=False),
        _moment("failed_at"),
        key,
    )
    op.create_index("ix_login_failure_key", "login_failure", ["key"])
    column, key = _id("publication")
    op.create_table(
        "publication",
        column,
        sa.Column("path", sa.Text(), nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        _moment("changed_at"),
        sa.Column("changed_by", sa.String(64)),
        key,
        sa.UniqueConstraint("path", name="uq_publication_path"),
    )
    column, key = _id("audit_entry")
    op.create_table(
        "audit_entry",
        column,
        _moment("at"),
        sa.Column("actor", sa.String(64), nullable=False),
        sa.Column("action", sa.String(64), nullable=False),
        sa.Column("target", sa.Text(), nullable=False),
        sa.Column("before", sa.Text()),
        sa.Column("after", sa.Text()),
        key,
    )
    op.create_index("ix_audit_entry_at", "audit_entry", ["at"])


def downgrade() -> None:
    """Drop everything `upgrade` created."""
    for name in ("audit_entry", "publication", "login_failure", "account"):
        op.drop_table(name)
