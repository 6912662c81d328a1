"""Add the indexes the website's pages need on thousands of meetings.

Revision ID: 0004_indexes
Revises: 0003_tracking
Create Date: 2026-12-02
"""

from __future__ import annotations

from alembic import op

revision: str = "0004_indexes"
down_revision: str | None = "0003_tracking"
branch_labels: str | None = None
depends_on: str | None = None

INDEXES = (
    ("ix_tracked_item_kind_due_date", "tracked_item", ["kind", "due_date", "key"]),
    (
        "ix_tracked_item_kind_status",
        "tracked_item",
        ["kind", "date", "ended", "ended_on", "due_date", "updated_on"],
    ),
    ("ix_tracked_item_kind_owners", "tracked_item", ["kind", "owners"]),
    ("ix_tracked_item_kind_people", "tracked_item", ["kind", "people"]),
    ("ix_item_event_item_id_position", "item_event", ["item_id", "position"]),
    ("ix_role_tenure_role_first_date", "role_tenure", ["role", "first_date"]),
    ("ix_topic_hit_topic_meeting_id", "topic_hit", ["topic", "meeting_id"]),
    ("ix_topic_hit_date_topic", "topic_hit", ["date", "topic"]),
    ("ix_figure_point_series_key_date", "figure_point", ["series_key", "date"]),
    ("ix_meeting_next_date", "meeting", ["next_date"]),
)
# Single-column indexes that the new ones begin with, and so replace.
REPLACED = (
    ("ix_tracked_item_kind", "tracked_item", ["kind"]),
    ("ix_item_event_item_id", "item_event", ["item_id"]),
    ("ix_role_tenure_role", "role_tenure", ["role"]),
    ("ix_topic_hit_topic", "topic_hit", ["topic"]),
    ("ix_figure_point_series_key", "figure_point", ["series_key"]),
)


def upgrade() -> None:
    """Create the indexes, and drop those they replace."""
    for name, table, columns in INDEXES:
        op.create_index(name, table, columns)
    for name, table, _ in REPLACED:
        op.drop_index(name, table_name=table)


def downgrade() -> None:
    """Bring back the single-column indexes and drop the new ones."""
    for name, table, columns in REPLACED:
        op.create_index(name, table, columns)
    for name, table, _ in reversed(INDEXES):
        op.drop_index(name, table_name=table)
