"""Commands that follow the record across meetings: the tracker, people and roles, topics,
figures, the HMICFRS register, corrections and the agenda pack."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from oversight.cli.common import (
    JsonOption,
    fail,
    make_console,
    parse_day,
    print_json,
    text,
    topics_file,
    using_session,
)

if TYPE_CHECKING:
    from oversight.services import ItemRow

AsOfOption = Annotated[
    str | None, typer.Option("--as-of", help="Status as of this day (YYYY-MM-DD; default today).")
]


def _items_table(rows: list[ItemRow], title: str) -> None:
    # A list rather than a table: long texts stay readable in a narrow terminal.
    from rich.markup import escape

    console = make_console()
    console.print(f"[bold]{escape(title)}[/bold] ({len(rows)})")
    for row in rows:
        item = row.item
        head = "  ".join(
            x
            for x in (
                item.key,
                item.reference or "",
                row.status,
                f"raised {text(item.date)}",
                f"due {text(item.due_date)}" if item.due_date else "no due date",
                " / ".join(item.owners),
            )
            if x
        )
        console.print(escape(head), style="bold" if row.status == "overdue" else None)
        console.print(escape(f"    {item.text}"))


def tracker(
    ctx: typer.Context,
    kind: Annotated[str, typer.Option(help="action, promise or recommendation.")] = "action",
    status: Annotated[
        list[str] | None, typer.Option(help="open, updated, overdue, closed or dropped.")
    ] = None,
    owner: Annotated[str | None, typer.Option(help="Owner as written, e.g. DCC.")] = None,
    person: Annotated[str | None, typer.Option(help="Person key, e.g. julia-amberley.")] = None,
    topic: Annotated[str | None, typer.Option(help="Topic key, e.g. response.")] = None,
    due_from: Annotated[str | None, typer.Option(help="Due on or after (YYYY-MM-DD).")] = None,
    due_to: Annotated[str | None, typer.Option(help="Due on or before (YYYY-MM-DD).")] = None,
    sort: Annotated[str, typer.Option(help="due, raised, -raised or key.")] = "due",
    as_of: AsOfOption = None,
    as_json: JsonOption = False,
) -> None:
    """List tracked actions, promises or recommendations with their status as of a day."""
    from oversight.records.tracking import ItemKind
    from oversight.services import ServiceError
    from oversight.services.tracking import tracked_items

    try:
        chosen = ItemKind(kind)
    except ValueError:
        raise fail(f"unknown kind {kind!r}: use action, promise or recommendation", 2) from None
    with using_session(ctx) as session:
        try:
            rows = tracked_items(
                session=session,
                kind=chosen,
                statuses=tuple(status or ()),
                owner=owner,
                person=person,
                topic=topic,
                due_from=parse_day(due_from),
                due_to=parse_day(due_to),
                as_of=parse_day(as_of),
                sort=sort,
            )
        except ServiceError as exc:
            raise fail(str(exc), 2) from None
    if as_json:
        print_json(rows)
    else:
        _items_table(rows, f"{chosen.value.capitalize()}s")


def item(
    ctx: typer.Context,
    key: Annotated[str, typer.Argument(help="The item's key, e.g. 20250410-A03.")],
    as_of: AsOfOption = None,
    as_json: JsonOption = False,
) -> None:
    """Show one tracked item and its history across meetings."""
    from oversight.services import ServiceError
    from oversight.services.tracking import tracked_item

    with using_session(ctx) as session:
        try:
            row = tracked_item(session=session, key=key, as_of=parse_day(as_of))
        except ServiceError as exc:
            raise fail(str(exc), 1) from None
    if as_json:
        print_json(row)
        return
    console = make_console()
    found = row.item
    console.print(f"{found.key} ({found.kind.value}, {row.status}) raised {text(found.date)}")
    console.print(found.text)
    console.print(
        f"Owners: {' / '.join(found.owners) or '-'}   Due: {text(found.due)} "
        f"({text(found.due_date)}{', ' + found.due_note if found.due_note else ''})"
    )
    for event in found.events:
        console.print(
            f"  {text(event.date)}  {event.effect.value:<16} {event.method.value:<10} "
            f"{event.confidence:.2f}  {event.text[:100]}"
        )


def roles(
    ctx: typer.Context,
    role: Annotated[str | None, typer.Argument(help="One role, e.g. 'Chief Constable'.")] = None,
    as_json: JsonOption = False,
) -> None:
    """Show who held each role when, from the attendance of the meetings."""
    from rich.table import Table

    from oversight.services.tracking import role_timeline

    with using_session(ctx) as session:
        found = role_timeline(session=session, role=role)
    if as_json:
        print_json(found)
        return
    table = Table(title="Roles over time")
    for column in ("Role", "Person", "From", "To", "Meetings"):
        table.add_column(column)
    for t in found:
        table.add_row(t.title, t.name, text(t.first_date), text(t.last_date), str(t.meetings))
    make_console().print(table)


def person(
    ctx: typer.Context,
    key: Annotated[str, typer.Argument(help="The person's key, e.g. julia-amberley.")],
    as_json: JsonOption = False,
) -> None:
    """Show one person's names, roles over time and attendance."""
    from oversight.services import ServiceError
    from oversight.services.tracking import person_history

    with using_session(ctx) as session:
        try:
            found = person_history(session=session, key=key)
        except ServiceError as exc:
            raise fail(str(exc), 1) from None
    if as_json:
        print_json(found)
        return
    console = make_console()
    console.print(f"{found.person.name} ({found.person.key})")
    console.print(f"Written as: {', '.join(found.person.variants)}")
    for t in found.tenures:
        console.print(f"  {t.title}: {text(t.first_date)} to {text(t.last_date)}")
    for a in found.person.attendance:
        console.print(f"  {text(a.date)}  {a.status:<9} {a.written} ({text(a.role)})")


def topics(
    ctx: typer.Context,
    topic: Annotated[str | None, typer.Argument(help="One topic's key for its timeline.")] = None,
    as_of: AsOfOption = None,
    as_json: JsonOption = False,
) -> None:
    """List the topics and how often they came up, or one topic's timeline."""
    from oversight.services import ServiceError
    from oversight.services.tracking import topic_timeline
    from oversight.services.tracking import topics as all_topics

    taxonomy = topics_file()
    with using_session(ctx) as session:
        try:
            found: object = (
                topic_timeline(
                    session=session, topic=topic, as_of=parse_day(as_of), taxonomy_path=taxonomy
                )
                if topic
                else all_topics(session=session, taxonomy_path=taxonomy)
            )
        except ServiceError as exc:
            raise fail(str(exc), 1) from None
    if as_json:
        print_json(found)
        return
    console = make_console()
    if isinstance(found, list):
        for t in found:
            console.print(f"{t.key:<20} {t.meetings:>4} meetings {t.hits:>5} mentions  {t.label}")
        return
    from oversight.services.tracking import TopicTimeline

    assert isinstance(found, TopicTimeline)
    console.print(f"{found.topic.label}: {found.topic.meetings} meetings")
    for hit in found.hits:
        console.print(
            f"  {text(hit.date)} {hit.target_kind:<8} [{', '.join(hit.words)}] {hit.text[:90]}"
        )


def before(
    ctx: typer.Context,
    meeting: Annotated[int, typer.Argument(help="The meeting's id (see `oversight meetings`).")],
    as_json: JsonOption = False,
) -> None:
    """Show, for each agenda item of a meeting, when the same matter was raised before."""
    from oversight.services.tracking import raised_before

    with using_session(ctx) as session:
        found = raised_before(session=session, meeting_id=meeting)
    if as_json:
        print_json(found)
        return
    console = make_console()
    for key, hits in found.items():
        console.print(f"{key}:")
        for hit in hits:
            console.print(f"  raised {text(hit.date)} (meeting {hit.meeting_id}): {hit.text[:90]}")


def figures(
    ctx: typer.Context,
    min_points: Annotated[int, typer.Option(help="Quoted at this many meetings or more.")] = 2,
    as_json: JsonOption = False,
) -> None:
    """Show each measure quoted at several meetings as a series over time."""
    from oversight.services.tracking import figure_series

    with using_session(ctx) as session:
        found = figure_series(session=session, min_points=min_points)
    if as_json:
        print_json(found)
        return
    console = make_console()
    for series in found:
        target = f" (target {series.target})" if series.target else ""
        console.print(f"{series.measure}{target}")
        for p in series.points:
            console.print(f"  {text(p.date)}  {p.value}{series.unit or ''}")


def hmicfrs(ctx: typer.Context, as_of: AsOfOption = None, as_json: JsonOption = False) -> None:
    """Show the HMICFRS register: recommendations, deadlines, updates and status."""
    from oversight.records.tracking import ItemKind
    from oversight.services.tracking import tracked_items

    with using_session(ctx) as session:
        rows = tracked_items(
            session=session, kind=ItemKind.RECOMMENDATION, as_of=parse_day(as_of), sort="raised"
        )
    if as_json:
        print_json(rows)
    else:
        _items_table(rows, "HMICFRS recommendations")


def correct(
    ctx: typer.Context,
    kind: Annotated[str, typer.Argument(help="item, link or person.")],
    key: Annotated[str, typer.Argument(help="The key of what is corrected.")],
    operation: Annotated[
        str, typer.Argument(help="close, drop, reopen, confirm, correct, merge, split or relink.")
    ],
    value: Annotated[str | None, typer.Argument(help="What the operation needs.")] = None,
    note: Annotated[str | None, typer.Option(help="Why.")] = None,
    author: Annotated[str | None, typer.Option(help="Who (default: $USER).")] = None,
) -> None:
    """Correct the tracked record; the correction survives re-ingesting the source."""
    import os

    from oversight.records.tracking import Correction
    from oversight.services import ServiceError
    from oversight.services.item_corrections import correct_as_given

    correction = Correction(
        kind, key, operation, value, author or os.environ.get("USER"), note, dt.datetime.now(dt.UTC)
    )
    with using_session(ctx) as session:
        try:
            number = correct_as_given(
                session=session, correction=correction, taxonomy_path=topics_file()
            )
        except ServiceError as exc:
            raise fail(str(exc), 2) from None
        session.commit()
    typer.echo(f"Correction {number} stored; the record has been rebuilt.")


def corrections(ctx: typer.Context, as_json: JsonOption = False) -> None:
    """List the corrections people have made, oldest first."""
    from oversight.services.tracking import corrections as all_corrections

    with using_session(ctx) as session:
        found = all_corrections(session=session)
    if as_json:
        print_json(found)
        return
    for c in found:
        typer.echo(
            f"{c.id}. {text(c.created_at)} {c.author or '-'}: {c.target_kind} "
            f"{c.target_key} {c.operation} {c.value or ''}".rstrip()
        )


def agenda(
    ctx: typer.Context,
    next_meeting: Annotated[
        bool, typer.Option("--next", help="For the next meeting the latest minutes announce.")
    ] = True,
    date: Annotated[str | None, typer.Option(help="For the meeting on this day instead.")] = None,
    out: Annotated[
        Path | None, typer.Option(help="Write outstanding-matters.md and .html here.")
    ] = None,
    as_of: AsOfOption = None,
) -> None:
    """Write the next meeting's "Outstanding matters": open actions and promises falling due."""
    from oversight.services.agenda import agenda_pack

    with using_session(ctx) as session:
        pack = agenda_pack(
            session=session,
            as_of=parse_day(as_of),
            meeting_date=parse_day(date) if date or not next_meeting else None,
        )
    if out is None:
        typer.echo(pack.markdown, nl=False)
        return
    out.mkdir(parents=True, exist_ok=True)
    (out / "outstanding-matters.md").write_text(pack.markdown, encoding="utf-8")
    (out / "outstanding-matters.html").write_text(pack.html, encoding="utf-8")
    typer.echo(f"Wrote {out / 'outstanding-matters.md'} and {out / 'outstanding-matters.html'}.")


def who(
    ctx: typer.Context,
    mention: Annotated[str, typer.Argument(help='A role mention, e.g. "the DCC" or "ACC RJ".')],
    on: Annotated[str | None, typer.Option(help="The day (YYYY-MM-DD; default today).")] = None,
    as_json: JsonOption = False,
) -> None:
    """Say who a role mention meant on a day."""
    from oversight.services.tracking import resolve_role

    day = parse_day(on) or dt.date.today()
    with using_session(ctx) as session:
        found = resolve_role(session=session, text=mention, on=day)
    if as_json:
        print_json(found)
    elif found is None:
        raise fail(f"no one found for {mention!r}", 1)
    else:
        typer.echo(
            f"{found.name} ({found.title}, {text(found.first_date)} to {text(found.last_date)})"
        )


def refresh(ctx: typer.Context) -> None:
    """Rebuild the record across meetings from what is stored."""
    from oversight.services.tracking import refresh as rebuild

    taxonomy = topics_file()
    with using_session(ctx) as session:
        count = rebuild(session=session, taxonomy_path=taxonomy)
        session.commit()
    typer.echo(f"Tracking {count} item(s).")


def register(app: typer.Typer) -> None:
    """Add the commands that follow the record across meetings."""
    for command in (
        tracker,
        item,
        roles,
        person,
        topics,
        before,
        figures,
        hmicfrs,
        correct,
        corrections,
        agenda,
        who,
        refresh,
    ):
        app.command()(command)
