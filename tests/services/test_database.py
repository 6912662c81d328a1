"""Opening the store: schema brought up to date, unusable databases refused in one line."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import inspect, text

from oversight.services import DatabaseUnavailableError, open_database
from oversight.store import head_revision


def test_open_database_migrates_on_first_use(database_url: str) -> None:
    with open_database(database_url) as database:
        assert "meeting" in inspect(database.engine).get_table_names()
        with database.session() as session:
            version = session.scalar(text("SELECT version_num FROM alembic_version"))
        assert version == head_revision()
    with open_database(database_url) as again, again.session() as session:
        assert session.scalar(text("SELECT count(*) FROM meeting")) == 0


def test_schema_from_an_unknown_version_is_refused(database_url: str) -> None:
    with open_database(database_url) as database, database.engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    with pytest.raises(DatabaseUnavailableError, match="schema is not one this version knows"):
        open_database(database_url)


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("not a url", "not a database URL"),
        ("nosuchdialect://x/y", "not a database URL"),
    ],
)
def test_bad_urls_are_refused(url: str, message: str) -> None:
    with pytest.raises(DatabaseUnavailableError, match=message) as caught:
        open_database(url)
    assert "\n" not in str(caught.value)


def test_unreachable_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(DatabaseUnavailableError, match="cannot open the database"):
        open_database(f"sqlite:///{tmp_path / 'missing-dir' / 'x.db'}")
