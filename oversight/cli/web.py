"""Commands of the web layer: run the website, and add staff accounts."""

from __future__ import annotations

import os
import sys
from typing import Annotated

import typer

from oversight.cli.common import database_url, fail, using_session

# uvicorn imports the app by name, so that this module never imports the web layer.
APP_FACTORY = "oversight.web.app:app_from_environment"


def serve(
    ctx: typer.Context,
    host: Annotated[str, typer.Option("--host", help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[
        int, typer.Option("--port", help="Port to listen on.", min=1, max=65535)
    ] = 8000,
    workers: Annotated[
        int, typer.Option("--workers", help="Server processes (one per core serves most).", min=1)
    ] = 1,
) -> None:
    """Run the website (pages, JSON API and feeds) on the database."""
    import secrets

    import uvicorn

    from oversight.services import ServiceError, open_database
    from oversight.settings import SettingsError, get_settings

    os.environ["OVERSIGHT_DATABASE_URL"] = database_url(ctx)
    try:
        settings = get_settings()
    except SettingsError as exc:
        raise fail(str(exc), 2) from None
    # Upgrade the schema once here, so that several workers starting together never race to.
    try:
        open_database(settings.database_url).close()
    except ServiceError as exc:
        raise fail(str(exc), 1) from None
    if workers > 1 and settings.session_secret is None:
        # Every worker must sign sessions with the same secret; it still ends with the server.
        os.environ["OVERSIGHT_SESSION_SECRET"] = secrets.token_urlsafe(32)
    shown = f"[{host}]" if ":" in host else host
    typer.echo(f"Oversight is at http://{shown}:{port}/ (Ctrl+C stops it)")
    uvicorn.run(
        APP_FACTORY, factory=True, host=host, port=port, proxy_headers=False, workers=workers
    )


def _password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    value: str = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
    return value


def user_add(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="The account's name, used to sign in.")],
    role: Annotated[str, typer.Option("--role", help="editor or admin.")] = "editor",
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help="Read the password from standard input.")
    ] = False,
) -> None:
    """Add a staff account (the password is asked for, or read with --password-stdin)."""
    from oversight.services.accounts import AccountError, add_account

    password = _password(password_stdin)
    with using_session(ctx) as session:
        try:
            viewer = add_account(
                session=session, name=name, password=password, role=role, actor="cli"
            )
        except AccountError as exc:
            raise fail(str(exc), 2) from None
        session.commit()
    typer.echo(f"Added {viewer.role.value} {viewer.name}.")


def register(app: typer.Typer) -> None:
    """Add this module's commands to `app`."""
    app.command()(serve)
    user = typer.Typer(name="user", help="Staff accounts for the website.", no_args_is_help=True)
    user.command("add")(user_add)
    app.add_typer(user)
