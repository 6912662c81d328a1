"""Commands that read, store and ask the record of single meetings."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from oversight.cli.common import (
    PROGRESS_THRESHOLD,
    JsonOption,
    fail,
    make_console,
    max_file_bytes,
    parse_day,
    print_json,
    text,
    topics_file,
    using_database,
    using_session,
)

if TYPE_CHECKING:
    from rich.progress import TaskID

    from oversight.services import IngestReport, Progress, SearchHit, StoredMeeting


def extract(
    files: Annotated[list[Path], typer.Argument(help="Files or folders of minutes.")],
    out: Annotated[Path, typer.Option("--out", help="Folder for the JSON records.")],
) -> None:
    """Extract each file's meeting record to <out>/<stem>.json, without storing it."""
    from oversight.services import extract_paths

    with _progress() as on_progress:
        report = extract_paths(
            paths=files, out_dir=out, on_progress=on_progress, max_bytes=max_file_bytes()
        )
    typer.echo(f"Wrote {len(report.written)} record(s) to {out}.")
    for problem in report.failures:
        typer.echo(problem.line, err=True)
    if not report.ok:
        raise typer.Exit(1)


@contextmanager
def _progress() -> Iterator[Callable[[Progress], None]]:
    """Yield an on_progress callback that shows a Rich progress bar for longer batches."""
    from rich.progress import Progress as Bar

    console = make_console(stderr=True)
    bar = Bar(console=console, transient=True, disable=not console.is_terminal)
    task: list[TaskID] = []

    def update(progress: Progress) -> None:
        if progress.total <= PROGRESS_THRESHOLD:
            return
        if not task:
            bar.start()
            task.append(bar.add_task("Reading", total=progress.total))
        bar.update(task[0], completed=progress.done, description=Path(progress.file).name[:40])

    try:
        yield update
    finally:
        if task:
            bar.stop()


def ingest(
    ctx: typer.Context,
    paths: Annotated[list[Path], typer.Argument(help="Files or folders of minutes.")],
    as_json: JsonOption = False,
) -> None:
    """Read, extract and store files and folders; exit 1 if any file failed."""
    from oversight.services import ingest_paths

    max_bytes, taxonomy = max_file_bytes(), topics_file()
    with using_database(ctx) as database, _progress() as on_progress:
        report = ingest_paths(
            engine=database.engine,
            paths=paths,
            on_progress=None if as_json else on_progress,
            max_bytes=max_bytes,
            taxonomy_path=taxonomy,
        )
    if as_json:
        print_json(report)
    else:
        _print_ingest_report(report)
    for problem in report.failures:
        typer.echo(problem.line, err=True)
    if not report.ok:
        raise typer.Exit(1)


def _print_ingest_report(report: IngestReport) -> None:
    typer.echo(
        f"Read {report.documents_read} document(s): {report.new} new, "
        f"{report.replaced} replaced, {report.unchanged} unchanged."
    )
    typer.echo(f"Stored {report.meetings_stored} meeting(s) and {report.actions_stored} action(s).")
    for problem in report.not_understood:
        typer.echo(f"{problem.file}: stored as not understood ({problem.reason})")
    if report.failures:
        typer.echo(f"{len(report.failures)} file(s) failed:")


def meetings(ctx: typer.Context, as_json: JsonOption = False) -> None:
    """List stored meetings, newest first."""
    from rich.table import Table

    from oversight.services import list_meetings

    with using_session(ctx) as session:
        found = list_meetings(session=session)
    if as_json:
        print_json(found)
        return
    table = Table("id", "date", "title", "source", "present", "actions", "decisions")
    for m in found:
        table.add_row(
            str(m.id),
            text(m.date),
            text(m.title),
            m.source,
            str(m.attendees),
            str(m.actions),
            str(m.decisions),
        )
    make_console().print(table)


def show(
    ctx: typer.Context,
    meeting: Annotated[str, typer.Argument(help="Meeting id, or source file name.")],
    as_json: JsonOption = False,
) -> None:
    """Show one meeting's full record."""
    from oversight.services import MeetingNotFoundError, show_meeting

    with using_session(ctx) as session:
        try:
            found = show_meeting(session=session, meeting=meeting)
        except MeetingNotFoundError as exc:
            raise fail(str(exc), 1) from None
    if as_json:
        print_json(found)
    else:
        _print_meeting(found)


def _print_meeting(found: StoredMeeting) -> None:
    from rich.table import Table

    console = make_console()
    m = found.meeting
    console.print(f"[bold]{m.title or m.source}[/bold]  (meeting {found.id})", markup=True)
    for label, value in (
        ("Date", m.date),
        ("Date note", m.date_note),
        ("Time", m.start_time),
        ("Body", m.body),
        ("Venue", m.venue),
        ("Chair", m.chair),
        ("Minutes", ", ".join(p for p in (m.minute_taker, m.minute_taker_role) if p) or None),
        ("Source", f"{found.document.source} ({found.document.status})"),
    ):
        if value:
            console.print(f"{label}: {value}", markup=False)
    sections: list[tuple[str, list[str], Sequence[Sequence[object]]]] = [
        (
            "Attendance",
            ["name", "role", "letters", "status"],
            [[p.name, p.role, p.abbreviation, "present"] for p in m.attendees]
            + [[p.name, p.role, p.abbreviation, "apologies"] for p in m.apologies],
        ),
        ("Agenda", ["no.", "item"], [[i.number, i.title] for i in m.items]),
        (
            "Actions",
            ["id", "owners", "action", "due", "status"],
            [
                [aid, a.owners, a.text, a.due_date or a.due, status]
                for aid, a, status in zip(
                    found.action_ids, m.actions, found.action_statuses, strict=True
                )
            ],
        ),
        (
            "Updates on earlier actions",
            ["refers to", "update"],
            [[u.refers_to, u.update] for u in m.action_updates],
        ),
        ("Decisions", ["item", "decision"], [[d.item, d.text] for d in m.decisions]),
        (
            "HMICFRS",
            ["report", "rec.", "text", "deadline"],
            [
                [r.report, r.recommendation, r.text, r.deadline_date or r.deadline]
                for r in m.hmicfrs
            ],
        ),
        (
            "Figures",
            ["measure", "value", "unit", "area", "period"],
            [[f.measure, f.value, f.unit, f.area, f.period] for f in m.figures],
        ),
        (
            "Commitments",
            ["who", "commitment", "by"],
            [[c.who, c.text, c.by_date or c.by] for c in m.commitments],
        ),
    ]
    for title, headers, rows in sections:
        if rows:
            table = Table(*headers, title=title, title_justify="left")
            for row in rows:
                table.add_row(*(text(v) for v in row))
            console.print(table)
    nxt = m.next_meeting
    if nxt is not None:
        parts = [text(v) for v in (nxt.date, nxt.time, nxt.kind, nxt.venue) if v]
        console.print(f"Next meeting: {', '.join(parts)}", markup=False)


def documents(
    ctx: typer.Context,
    not_understood: Annotated[
        bool, typer.Option("--not-understood", help="Only documents with no meeting found.")
    ] = False,
    as_json: JsonOption = False,
) -> None:
    """List stored documents and whether a meeting was found in each."""
    from rich.table import Table

    from oversight.services import DocumentStatus, list_documents

    status = DocumentStatus.NOT_UNDERSTOOD if not_understood else None
    with using_session(ctx) as session:
        found = list_documents(session=session, status=status)
    if as_json:
        print_json(found)
        return
    table = Table("id", "source", "format", "status", "reason", "ingested")
    for d in found:
        table.add_row(
            str(d.id),
            d.source,
            d.format,
            d.status.value,
            text(d.reason),
            d.ingested_at.strftime("%Y-%m-%d %H:%M"),
        )
    make_console().print(table)


def actions(
    ctx: typer.Context,
    open_only: Annotated[bool, typer.Option("--open", help="Only open actions.")] = False,
    owner: Annotated[str | None, typer.Option(help="Only this owner's (e.g. CC).")] = None,
    overdue: Annotated[bool, typer.Option("--overdue", help="Only overdue actions.")] = False,
    as_of: Annotated[
        str | None, typer.Option("--as-of", help="Day for overdue (YYYY-MM-DD; default today).")
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """List actions from all meetings."""
    from rich.table import Table

    from oversight.services import list_actions

    day = parse_day(as_of)
    with using_session(ctx) as session:
        found = list_actions(
            session=session, open_only=open_only, owner=owner, overdue=overdue, as_of=day
        )
    if as_json:
        print_json(found)
        return
    table = Table("id", "meeting", "owners", "action", "due", "status")
    for a in found:
        status = "overdue" if a.overdue else a.status
        table.add_row(
            str(a.id),
            text(a.meeting_date or a.meeting_title or a.source),
            text(a.action.owners),
            a.action.text,
            text(a.action.due_date or a.action.due),
            status,
        )
    make_console().print(table)


def people(ctx: typer.Context, as_json: JsonOption = False) -> None:
    """List the people named in attendance across all meetings."""
    from rich.table import Table

    from oversight.services import list_people

    with using_session(ctx) as session:
        found = list_people(session=session)
    if as_json:
        print_json(found)
        return
    table = Table("name", "roles", "letters", "meetings", "present", "apologies")
    for p in found:
        table.add_row(
            p.name,
            "; ".join(p.roles),
            ", ".join(p.abbreviations),
            str(p.meetings),
            str(p.present),
            str(p.apologies),
        )
    make_console().print(table)


def search(
    ctx: typer.Context,
    query: Annotated[str, typer.Argument(help='Words, "quoted phrases", prefix* terms, OR.')],
    limit: Annotated[int, typer.Option(min=1, max=200, help="Most results to show.")] = 20,
    as_json: JsonOption = False,
) -> None:
    """Search the minutes; matches are highlighted in each snippet."""
    from oversight.services import SearchQueryError
    from oversight.services import search as run_search

    with using_session(ctx) as session:
        try:
            hits = run_search(session=session, query=query, limit=limit)
        except SearchQueryError as exc:
            raise fail(f"invalid search query: {exc}", 2) from None
    if as_json:
        print_json(hits)
    else:
        _print_hits(hits)


def _print_hits(hits: list[SearchHit]) -> None:
    from rich.text import Text

    console = make_console()
    if not hits:
        console.print("No matches.")
    for n, hit in enumerate(hits, start=1):
        where = " · ".join(x for x in (text(hit.date), hit.title, hit.source) if x)
        section = f"{hit.section} {hit.label}" if hit.label else hit.section
        console.print(Text(f"{n}. {where} [{section}]", style="bold"))
        # Table cells arrive tab-separated; one space each keeps the highlight offsets.
        snippet = Text("   " + hit.snippet.replace("\t", " "))
        for start, end in hit.highlights:
            snippet.stylize("bold yellow", start + 3, end + 3)
        console.print(snippet)


def register(app: typer.Typer) -> None:
    """Add the commands that read, store and ask the record of single meetings."""
    for command in (extract, ingest, meetings, show, actions, people, search, documents):
        app.command()(command)
