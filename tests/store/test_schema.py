"""The migrations build the schema the tables declare, on every backend, idempotently."""

from __future__ import annotations

from typing import Any

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, inspect, text

from oversight.store import current_revision, head_revision, migrate
from oversight.store.tables import Base

TABLES = {
    "document",
    "meeting",
    "attendance",
    "agenda_item",
    "action",
    "action_owner",
    "action_update",
    "decision",
    "recommendation",
    "figure",
    "commitment",
    "passage",
}


def test_migrate_creates_every_table_at_head(engine: Engine) -> None:
    names = set(inspect(engine).get_table_names())
    assert names >= TABLES
    assert current_revision(engine) == head_revision()


def test_migrate_twice_changes_nothing(engine: Engine) -> None:
    before = set(inspect(engine).get_table_names())
    migrate(engine)
    assert set(inspect(engine).get_table_names()) == before


def _ours(obj: Any, name: str | None, kind: str, reflected: bool, compare_to: Any) -> bool:
    # The search index is made by hand per backend and is not in the metadata.
    if kind == "table" and name is not None and name.startswith("passage_fts"):
        return False
    return not (kind == "column" and name == "search_vector") and not (
        kind == "index" and name == "ix_passage_search_vector"
    )


def test_migrations_match_the_declared_tables(engine: Engine) -> None:
    with engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"include_object": _ours, "compare_type": True}
        )
        differences = compare_metadata(context, Base.metadata)
    assert differences == []


def test_sqlite_connections_enforce_foreign_keys_and_use_wal(engine: Engine) -> None:
    if engine.dialect.name != "sqlite":
        return
    with engine.connect() as connection:
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
