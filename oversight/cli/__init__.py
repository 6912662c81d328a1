"""The `oversight` command: parse options, call one service function, print, set the exit code.

Each module here adds one family of subcommands; `common` holds what they share. Heavy
libraries are imported inside the commands so that `oversight --help` starts fast.
"""

from __future__ import annotations

import typer

from oversight.cli import common, records, tracking, web


def make_cli() -> typer.Typer:
    """Build the `oversight` command with all its subcommands."""
    app = typer.Typer(
        name="oversight", no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False
    )
    app.callback()(common.root)
    records.register(app)
    tracking.register(app)
    web.register(app)
    return app


def main() -> None:
    """Run the `oversight` command."""
    make_cli()()
