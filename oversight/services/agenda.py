"""The agenda pack: the next meeting's "Outstanding matters", in Markdown and in HTML.

It lists the actions still open (overdue first) and the promises falling due by the next
meeting, each with its history across meetings, so the chair can ask about each in turn.
Text from the minutes is escaped in the HTML.
"""

from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass

from sqlalchemy.orm import Session

from oversight.records.tracking import ItemKind
from oversight.services.tracking import OPEN_STATUSES, tracked_item, tracked_items
from oversight.store.meetings import latest_next_meeting
from oversight.store.tracked_queries import ItemRow


@dataclass(frozen=True)
class AgendaPack:
    """The outstanding matters for one meeting."""

    meeting_date: dt.date | None
    as_of: dt.date
    actions: list[ItemRow]
    promises: list[ItemRow]

    @property
    def markdown(self) -> str:
        """The pack as Markdown."""
        return _markdown(self)

    @property
    def html(self) -> str:
        """The pack as a standalone HTML page."""
        return _html(self)


def agenda_pack(
    *, session: Session, as_of: dt.date | None = None, meeting_date: dt.date | None = None
) -> AgendaPack:
    """Build the outstanding matters for the next meeting (or the meeting on `meeting_date`)."""
    today = as_of or dt.date.today()
    when = meeting_date or latest_next_meeting(session=session)[0]
    day = when or today
    actions = [
        tracked_item(session=session, key=row.item.key, as_of=day)
        for row in tracked_items(
            session=session, kind=ItemKind.ACTION, statuses=OPEN_STATUSES, as_of=day
        )
    ]
    promises = [
        tracked_item(session=session, key=row.item.key, as_of=day)
        for row in tracked_items(
            session=session, kind=ItemKind.PROMISE, statuses=OPEN_STATUSES, due_to=day, as_of=day
        )
    ]
    order = {"overdue": 0, "updated": 1, "open": 2}
    actions.sort(key=lambda r: (order.get(r.status, 3), r.item.due_date or dt.date.max))
    return AgendaPack(when, today, actions, promises)


def _when(day: dt.date | None) -> str:
    return day.strftime("%-d %B %Y") if day else "no date"


def _markdown(pack: AgendaPack) -> str:
    lines = [f"# Outstanding matters for the meeting on {_when(pack.meeting_date)}", ""]
    for title, rows in (("Actions", pack.actions), ("Promises falling due", pack.promises)):
        lines += [f"## {title}", ""]
        if not rows:
            lines += ["None.", ""]
        for row in rows:
            item = row.item
            owners = " / ".join(item.owners) or "no owner recorded"
            lines.append(f"### {item.reference or item.key}: {row.status}")
            lines += [
                "",
                item.text,
                "",
                f"- Owner: {owners}",
                f"- Raised: {_when(item.date)} ({row.source})",
                f"- Due: {item.due or '-'} ({_when(item.due_date)})",
            ]
            for event in item.events[1:]:
                lines.append(f"- {_when(event.date)}, {event.effect.value}: {event.text}")
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def _html(pack: AgendaPack) -> str:
    e = html.escape
    parts = [
        "<!doctype html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>Outstanding matters {e(_when(pack.meeting_date))}</title></head><body>",
        f"<h1>Outstanding matters for the meeting on {e(_when(pack.meeting_date))}</h1>",
    ]
    for title, rows in (("Actions", pack.actions), ("Promises falling due", pack.promises)):
        parts.append(f"<h2>{e(title)}</h2>")
        if not rows:
            parts.append("<p>None.</p>")
        for row in rows:
            item = row.item
            parts.append(f"<h3>{e(item.reference or item.key)}: {e(row.status)}</h3>")
            parts.append(f"<p>{e(item.text)}</p><ul>")
            parts.append(f"<li>Owner: {e(' / '.join(item.owners) or 'no owner recorded')}</li>")
            parts.append(f"<li>Raised: {e(_when(item.date))} ({e(row.source)})</li>")
            parts.append(f"<li>Due: {e(item.due or '-')} ({e(_when(item.due_date))})</li>")
            for event in item.events[1:]:
                parts.append(
                    f"<li>{e(_when(event.date))}, {e(event.effect.value)}: {e(event.text)}</li>"
                )
            parts.append("</ul>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"
