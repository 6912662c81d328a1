"""`oversight user add` and `oversight serve`, through the command line."""

from __future__ import annotations

from typing import Any

import pytest
from typer.testing import CliRunner

from oversight.cli import make_cli
from oversight.services import Database
from oversight.services.accounts import LockoutPolicy, Role, sign_in

from .conftest import PASSWORD


def _run(database_url: str, *args: str, stdin: str | None = None) -> Any:
    return CliRunner().invoke(make_cli(), ["--db", database_url, *args], input=stdin)


def test_user_add_reads_the_password_from_stdin(database: Database, database_url: str) -> None:
    result = _run(
        database_url,
        "user",
        "add",
        "ada",
        "--role",
        "admin",
        "--password-stdin",
        stdin=PASSWORD + "\n",
    )
    assert result.exit_code == 0, result.output
    assert "Added admin ada." in result.output
    with database.session() as session:
        viewer = sign_in(
            session=session, name="ada", password=PASSWORD, client="t", policy=LockoutPolicy()
        )
    assert viewer.role is Role.ADMIN


def test_user_add_prompts_twice_for_the_password(database: Database, database_url: str) -> None:
    result = _run(database_url, "user", "add", "erin", stdin=f"{PASSWORD}\n{PASSWORD}\n")
    assert result.exit_code == 0, result.output
    assert "Added editor erin." in result.output
    assert PASSWORD not in result.output


@pytest.mark.parametrize(
    ("args", "stdin", "problem"),
    [
        (["user", "add", "erin", "--password-stdin"], "short\n", "12 to"),
        (
            ["user", "add", "erin", "--role", "owner", "--password-stdin"],
            PASSWORD + "\n",
            "unknown role",
        ),
    ],
)
def test_user_add_refuses_with_exit_code_2(
    database: Database, database_url: str, args: list[str], stdin: str, problem: str
) -> None:
    result = _run(database_url, *args, stdin=stdin)
    assert result.exit_code == 2
    assert problem in result.output


def test_serve_runs_uvicorn_on_the_database_given(
    monkeypatch: pytest.MonkeyPatch, database_url: str
) -> None:
    import uvicorn

    calls: list[tuple[tuple[Any, ...], dict[str, Any]]] = []
    monkeypatch.setattr(uvicorn, "run", lambda *a, **k: calls.append((a, k)))
    monkeypatch.delenv("OVERSIGHT_DATABASE_URL", raising=False)
    result = _run(database_url, "serve", "--host", "0.0.0.0", "--port", "8765")
    assert result.exit_code == 0, result.output
    (args, kwargs) = calls[0]
    assert args == ("oversight.web.app:app_from_environment",)
    assert kwargs["factory"] is True and kwargs["host"] == "0.0.0.0" and kwargs["port"] == 8765
    assert "http://0.0.0.0:8765/" in result.output
    import os

    assert os.environ["OVERSIGHT_DATABASE_URL"] == database_url
    from oversight.web.app import app_from_environment

    app = app_from_environment()
    assert app.title == "Oversight"
    app.state.site.database.close()
