"""Add the record across meetings: tracked items and events, people, roles, topics, figures.

Revision ID: 0003_tracking
Revises: 0002_accounts
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0003_tracking"
down_revision: str | None = "0002_accounts"
branch_labels: str | None = None
depends_on: str | None = None


def _id(table: str) -> tuple[sa.Column[int], sa.PrimaryKeyConstraint]:
    return sa.Column("id", sa.Integer(), nullable=False), sa.PrimaryKeyConstraint(
        "id", name=f"pk_{table}"
    )


def _fk(table: str, column: str, target: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], [f"{target}.id"], name=f"fk_{table}_{column}_{target}", ondelete="CASCADE"
    )


def _span() -> list[sa.Column[int]]:
    return [sa.Column("span_start", sa.Integer()), sa.Column("span_end", sa.Integer())]


def upgrade() -> None:
    """Create the tracking tables."""
    column, key = _id("tracked_item")
    op.create_table(
        "tracked_item",
        column,
        sa.Column("key", sa.String(64), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("date", sa.Date()),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("owners", sa.Text(), nullable=False),
        sa.Column("people", sa.Text(), nullable=False),
        sa.Column("reference", sa.String(128)),
        sa.Column("item", sa.Text()),
        sa.Column("due", sa.Text()),
        sa.Column("due_date", sa.Date()),
        sa.Column("due_note", sa.Text()),
        *_span(),
        sa.Column("ended", sa.String(16)),
        sa.Column("ended_on", sa.Date()),
        sa.Column("updated_on", sa.Date()),
        sa.Column("topics", sa.Text(), nullable=False),
        key,
        _fk("tracked_item", "meeting_id", "meeting"),
        sa.UniqueConstraint("key", name="uq_tracked_item_key"),
    )
    op.create_index("ix_tracked_item_kind", "tracked_item", ["kind"])
    op.create_index("ix_tracked_item_meeting_id", "tracked_item", ["meeting_id"])
    op.create_index("ix_tracked_item_due_date", "tracked_item", ["due_date"])

    column, key = _id("item_event")
    op.create_table(
        "item_event",
        column,
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("effect", sa.String(32), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("date", sa.Date()),
        sa.Column("text", sa.Text(), nullable=False),
        *_span(),
        sa.Column("method", sa.String(16), nullable=False),
        sa.Column("confidence", sa.Float(), nullable=False),
        sa.Column("fact_key", sa.String(64)),
        key,
        _fk("item_event", "item_id", "tracked_item"),
        _fk("item_event", "meeting_id", "meeting"),
    )
    for name in ("item_id", "meeting_id", "fact_key"):
        op.create_index(f"ix_item_event_{name}", "item_event", [name])

    column, key = _id("person")
    op.create_table(
        "person",
        column,
        sa.Column("key", sa.String(128), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("variants", sa.Text(), nullable=False),
        sa.Column("roles", sa.Text(), nullable=False),
        key,
        sa.UniqueConstraint("key", name="uq_person_key"),
    )

    column, key = _id("person_attendance")
    op.create_table(
        "person_attendance",
        column,
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("date", sa.Date()),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("written", sa.Text(), nullable=False),
        sa.Column("role", sa.Text()),
        sa.Column("abbreviation", sa.String(64)),
        key,
        _fk("person_attendance", "person_id", "person"),
        _fk("person_attendance", "meeting_id", "meeting"),
    )
    op.create_index("ix_person_attendance_person_id", "person_attendance", ["person_id"])
    op.create_index("ix_person_attendance_meeting_id", "person_attendance", ["meeting_id"])

    column, key = _id("role_tenure")
    op.create_table(
        "role_tenure",
        column,
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.Text(), nullable=False),
        sa.Column("qualifier", sa.String(16)),
        sa.Column("first_meeting_id", sa.Integer(), nullable=False),
        sa.Column("first_date", sa.Date()),
        sa.Column("last_meeting_id", sa.Integer(), nullable=False),
        sa.Column("last_date", sa.Date()),
        sa.Column("meetings", sa.Integer(), nullable=False),
        key,
        _fk("role_tenure", "person_id", "person"),
        _fk("role_tenure", "first_meeting_id", "meeting"),
        _fk("role_tenure", "last_meeting_id", "meeting"),
    )
    op.create_index("ix_role_tenure_person_id", "role_tenure", ["person_id"])
    op.create_index("ix_role_tenure_role", "role_tenure", ["role"])
    op.create_index("ix_role_tenure_first_meeting_id", "role_tenure", ["first_meeting_id"])

    column, key = _id("topic_hit")
    op.create_table(
        "topic_hit",
        column,
        sa.Column("topic", sa.String(64), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("date", sa.Date()),
        sa.Column("target_kind", sa.String(16), nullable=False),
        sa.Column("target_key", sa.String(64), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("words", sa.Text(), nullable=False),
        *_span(),
        key,
        _fk("topic_hit", "meeting_id", "meeting"),
    )
    op.create_index("ix_topic_hit_topic", "topic_hit", ["topic"])
    op.create_index("ix_topic_hit_meeting_id", "topic_hit", ["meeting_id"])

    column, key = _id("figure_point")
    op.create_table(
        "figure_point",
        column,
        sa.Column("series_key", sa.String(128), nullable=False),
        sa.Column("measure", sa.Text(), nullable=False),
        sa.Column("unit", sa.Text()),
        sa.Column("series_target", sa.Text()),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("date", sa.Date()),
        sa.Column("value", sa.Text(), nullable=False),
        sa.Column("target", sa.Text()),
        sa.Column("area", sa.Text()),
        sa.Column("period", sa.Text()),
        *_span(),
        key,
        _fk("figure_point", "meeting_id", "meeting"),
    )
    op.create_index("ix_figure_point_series_key", "figure_point", ["series_key"])
    op.create_index("ix_figure_point_meeting_id", "figure_point", ["meeting_id"])

    column, key = _id("correction")
    op.create_table(
        "correction",
        column,
        sa.Column("target_kind", sa.String(16), nullable=False),
        sa.Column("target_key", sa.String(128), nullable=False),
        sa.Column("operation", sa.String(16), nullable=False),
        sa.Column("value", sa.Text()),
        sa.Column("author", sa.Text()),
        sa.Column("note", sa.Text()),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        key,
    )
    op.create_index("ix_correction_target_key", "correction", ["target_key"])


def downgrade() -> None:
    """Drop the tracking tables."""
    for table in (
        "correction",
        "figure_point",
        "topic_hit",
        "role_tenure",
        "person_attendance",
        "person",
        "item_event",
        "tracked_item",
    ):
        op.drop_table(table)
