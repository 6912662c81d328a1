"""The store's change version moves with every committed write, and with nothing else."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from sqlalchemy import Engine, select, text
from sqlalchemy.orm import Session, sessionmaker

from oversight.store import make_engine
from oversight.store.account_tables import LoginFailureRow
from oversight.store.changes import ChangeCounter


@pytest.fixture
def counter(engine: Engine) -> Iterator[ChangeCounter]:
    made = ChangeCounter(engine)
    yield made
    made.close()


def _failure(key: str) -> LoginFailureRow:
    return LoginFailureRow(key=key, failed_at=dt.datetime(2025, 1, 1, tzinfo=dt.UTC))


def test_an_orm_write_committed_moves_the_version(
    counter: ChangeCounter, session_factory: sessionmaker[Session]
) -> None:
    before = counter.version()
    assert before is not None
    with session_factory() as session:
        session.add(_failure("a"))
        session.commit()
    assert counter.version() not in (None, before)


def test_a_statement_written_as_text_moves_the_version(
    counter: ChangeCounter, engine: Engine
) -> None:
    before = counter.version()
    with engine.begin() as connection:
        connection.execute(
            text("INSERT INTO login_failure (key, failed_at) VALUES ('b', :when)"),
            {"when": dt.datetime(2025, 1, 1, tzinfo=dt.UTC)},
        )
    assert counter.version() not in (None, before)


def test_reads_and_rolled_back_writes_leave_the_version(
    counter: ChangeCounter, session_factory: sessionmaker[Session]
) -> None:
    with session_factory() as session:
        session.add(_failure("c"))
        session.commit()
    before = counter.version()
    with session_factory() as session:
        session.scalars(select(LoginFailureRow)).all()
        session.commit()
    with session_factory() as session:
        session.add(_failure("d"))
        session.flush()
        session.rollback()
    assert counter.version() == before
    with session_factory() as session:
        assert session.scalars(select(LoginFailureRow.key)).all() == ["c"]


def test_a_write_through_another_engine_is_seen(counter: ChangeCounter, database_url: str) -> None:
    before = counter.version()
    other = make_engine(database_url)
    try:
        with other.begin() as connection:
            connection.execute(
                text("INSERT INTO login_failure (key, failed_at) VALUES ('e', :when)"),
                {"when": dt.datetime(2025, 1, 1, tzinfo=dt.UTC)},
            )
    finally:
        other.dispose()
    assert counter.version() not in (None, before)


@pytest.mark.postgres
def test_writes_the_statement_does_not_announce_are_counted(
    counter: ChangeCounter, engine: Engine
) -> None:
    if engine.dialect.name != "postgresql":
        pytest.skip("SQLite's data_version sees every write by itself")
    before = counter.version()
    with engine.connect() as connection:
        connection.execute(
            text(
                "WITH added AS (INSERT INTO login_failure (key, failed_at) "
                "VALUES ('f', now()) RETURNING id) SELECT count(*) FROM added"
            )
        )
        connection.commit()
    after_cte = counter.version()
    assert after_cte not in (None, before)
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.execute(text("DELETE FROM login_failure WHERE key = 'f'"))
    assert counter.version() not in (None, after_cte)
