"""Create the store: documents, meetings and their facts, and the full-text search index.

Revision ID: 0001
Revises:
Create Date: 2025-01-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | None = None
depends_on: str | None = None

_SQLITE_SEARCH = (
    "CREATE VIRTUAL TABLE passage_fts USING fts5("
    "text, content='passage', content_rowid='id', "
    "tokenize='porter unicode61 remove_diacritics 2')",
    "CREATE TRIGGER passage_fts_insert AFTER INSERT ON passage BEGIN "
    "INSERT INTO passage_fts(rowid, text) VALUES (new.id, new.text); END",
    "CREATE TRIGGER passage_fts_delete AFTER DELETE ON passage BEGIN "
    "INSERT INTO passage_fts(passage_fts, rowid, text) VALUES ('delete', old.id, old.text); END",
    "CREATE TRIGGER passage_fts_update AFTER UPDATE ON passage BEGIN "
    "INSERT INTO passage_fts(passage_fts, rowid, text) VALUES ('delete', old.id, old.text); "
    "INSERT INTO passage_fts(rowid, text) VALUES (new.id, new.text); END",
)
_POSTGRES_SEARCH = (
    "ALTER TABLE passage ADD COLUMN search_vector tsvector "
    "GENERATED ALWAYS AS (to_tsvector('english', text)) STORED",
    "CREATE INDEX ix_passage_search_vector ON passage USING GIN (search_vector)",
)
_SEARCH = {"sqlite": _SQLITE_SEARCH, "postgresql": _POSTGRES_SEARCH}


def _span() -> list[sa.Column[int]]:
    return [sa.Column("span_start", sa.Integer()), sa.Column("span_end", sa.Integer())]


def _fact(name: str, *columns: sa.Column[object]) -> None:
    op.create_table(
        name,
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        *_span(),
        *columns,
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meeting.id"],
            name=f"fk_{name}_meeting_id_meeting",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=f"pk_{name}"),
    )
    op.create_index(f"ix_{name}_meeting_id", name, ["meeting_id"])


def upgrade() -> None:
    """Create every table and the search index of the current backend."""
    op.create_table(
        "document",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(512), nullable=False),
        sa.Column("path", sa.Text(), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("format", sa.String(32), nullable=False),
        sa.Column("encoding", sa.String(32)),
        sa.Column("status", sa.String(32), nullable=False),
        sa.Column("reason", sa.Text()),
        sa.Column("raw_text", sa.Text(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_document"),
        sa.UniqueConstraint("path", name="uq_document_path"),
    )
    op.create_index("ix_document_source", "document", ["source"])
    op.create_index("ix_document_sha256", "document", ["sha256"])

    op.create_table(
        "meeting",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.Text()),
        sa.Column("body", sa.Text()),
        sa.Column("date", sa.Date()),
        sa.Column("date_note", sa.Text()),
        sa.Column("start_time", sa.String(32)),
        sa.Column("venue", sa.Text()),
        sa.Column("chair", sa.Text()),
        sa.Column("minute_taker", sa.Text()),
        sa.Column("minute_taker_role", sa.Text()),
        sa.Column("next_date", sa.Date()),
        sa.Column("next_time", sa.String(32)),
        sa.Column("next_kind", sa.Text()),
        sa.Column("next_venue", sa.Text()),
        sa.Column("next_span_start", sa.Integer()),
        sa.Column("next_span_end", sa.Integer()),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["document.id"],
            name="fk_meeting_document_id_document",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_meeting"),
    )
    op.create_index("ix_meeting_document_id", "meeting", ["document_id"])
    op.create_index("ix_meeting_date", "meeting", ["date"])

    _fact(
        "attendance",
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("role", sa.Text()),
        sa.Column("abbreviation", sa.String(64)),
        sa.Column("status", sa.String(16), nullable=False),
    )
    _fact(
        "agenda_item",
        sa.Column("number", sa.String(64)),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("level", sa.Integer(), nullable=False),
    )
    _fact(
        "action",
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("item", sa.Text()),
        sa.Column("due", sa.Text()),
        sa.Column("due_date", sa.Date()),
        sa.Column("reference", sa.String(128)),
        sa.Column("status", sa.String(32), server_default="open", nullable=False),
    )
    op.create_index("ix_action_due_date", "action", ["due_date"])
    op.create_table(
        "action_owner",
        sa.Column("action_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["action_id"],
            ["action.id"],
            name="fk_action_owner_action_id_action",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("action_id", "position", name="pk_action_owner"),
    )
    op.create_index("ix_action_owner_name", "action_owner", ["name"])
    _fact(
        "action_update",
        sa.Column("refers_to", sa.Text(), nullable=False),
        sa.Column("update_text", sa.Text(), nullable=False),
        sa.Column("reference", sa.String(128)),
    )
    _fact(
        "decision",
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("item", sa.Text()),
    )
    _fact(
        "recommendation",
        sa.Column("report", sa.Text(), nullable=False),
        sa.Column("recommendation", sa.Text()),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("deadline", sa.Text()),
        sa.Column("deadline_date", sa.Date()),
    )
    _fact(
        "figure",
        sa.Column("measure", sa.Text(), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.Column("unit", sa.Text()),
        sa.Column("target", sa.Text()),
        sa.Column("area", sa.Text()),
        sa.Column("period", sa.Text()),
    )
    _fact(
        "commitment",
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("who", sa.Text()),
        sa.Column("by_when", sa.Text()),
        sa.Column("by_date", sa.Date()),
    )

    op.create_table(
        "passage",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer()),
        sa.Column("section", sa.String(32), nullable=False),
        sa.Column("label", sa.Text()),
        sa.Column("text", sa.Text(), nullable=False),
        *_span(),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["document.id"],
            name="fk_passage_document_id_document",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meeting.id"],
            name="fk_passage_meeting_id_meeting",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_passage"),
    )
    op.create_index("ix_passage_document_id", "passage", ["document_id"])
    op.create_index("ix_passage_meeting_id", "passage", ["meeting_id"])

    dialect = op.get_bind().dialect.name
    if dialect not in _SEARCH:
        raise NotImplementedError(f"full-text search is not available on {dialect}")
    for statement in _SEARCH[dialect]:
        op.execute(statement)


def downgrade() -> None:
    """Drop everything `upgrade` created."""
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE IF EXISTS passage_fts")
    for name in (
        "passage",
        "commitment",
        "figure",
        "recommendation",
        "decision",
        "action_update",
        "action_owner",
        "action",
        "agenda_item",
        "attendance",
        "meeting",
        "document",
    ):
        op.drop_table(name)
