"""The interchange shape of a meeting record (minutes.schema.json) to and from `Meeting`.

The shape keeps the schema's names; provenance travels as an extra `span` property
(`[start, end]`) on every fact, which the schema allows.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from oversight.records.types import (
    Action,
    ActionUpdate,
    AgendaItem,
    Commitment,
    Decision,
    Figure,
    Meeting,
    NextMeeting,
    Person,
    Recommendation,
    SourceSpan,
)

JsonObject = dict[str, Any]


def _span(span: SourceSpan | None) -> list[int] | None:
    return None if span is None else [span.start, span.end]


def _from_span(value: Any) -> SourceSpan | None:
    if isinstance(value, list | tuple) and len(value) == 2:
        return SourceSpan(int(value[0]), int(value[1]))
    return None


def _date(value: dt.date | None) -> str | None:
    return None if value is None else value.isoformat()


def _from_date(value: Any) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        return None


def _person(p: Person) -> JsonObject:
    return {"name": p.name, "role": p.role, "abbreviation": p.abbreviation, "span": _span(p.span)}


def meeting_to_json(meeting: Meeting) -> JsonObject:
    """Return the interchange form of a meeting record."""
    next_meeting = meeting.next_meeting
    return {
        "source": meeting.source,
        "meeting": {
            "title": meeting.title,
            "body": meeting.body,
            "date": _date(meeting.date),
            "date_note": meeting.date_note,
            "start_time": meeting.start_time,
            "venue": meeting.venue,
            "chair": meeting.chair,
            "minute_taker": meeting.minute_taker,
            "minute_taker_role": meeting.minute_taker_role,
        },
        "attendees": [_person(p) for p in meeting.attendees],
        "apologies": [_person(p) for p in meeting.apologies],
        "items": [
            {"number": i.number, "title": i.title, "level": i.level, "span": _span(i.span)}
            for i in meeting.items
        ],
        "actions": [
            {
                "text": a.text,
                "owner": list(a.owners),
                "item": a.item,
                "due": a.due,
                "due_date": _date(a.due_date),
                "reference": a.reference,
                "span": _span(a.span),
            }
            for a in meeting.actions
        ],
        "action_updates": [
            {
                "refers_to": u.refers_to,
                "update": u.update,
                "reference": u.reference,
                "span": _span(u.span),
            }
            for u in meeting.action_updates
        ],
        "decisions": [
            {"text": d.text, "item": d.item, "span": _span(d.span)} for d in meeting.decisions
        ],
        "hmicfrs": [
            {
                "report": r.report,
                "recommendation": r.recommendation,
                "text": r.text,
                "deadline": r.deadline,
                "deadline_date": _date(r.deadline_date),
                "span": _span(r.span),
            }
            for r in meeting.hmicfrs
        ],
        "figures": [
            {
                "measure": f.measure,
                "value": f.value,
                "unit": f.unit,
                "target": f.target,
                "area": f.area,
                "period": f.period,
                "span": _span(f.span),
            }
            for f in meeting.figures
        ],
        "commitments": [
            {
                "who": c.who,
                "text": c.text,
                "by": c.by,
                "by_date": _date(c.by_date),
                "span": _span(c.span),
            }
            for c in meeting.commitments
        ],
        "next_meeting": None
        if next_meeting is None
        else {
            "date": _date(next_meeting.date),
            "time": next_meeting.time,
            "kind": next_meeting.kind,
            "venue": next_meeting.venue,
            "span": _span(next_meeting.span),
        },
    }


def _from_person(obj: JsonObject) -> Person:
    return Person(
        name=str(obj.get("name") or ""),
        role=obj.get("role"),
        abbreviation=obj.get("abbreviation"),
        span=_from_span(obj.get("span")),
    )


def _list(obj: JsonObject, key: str) -> list[JsonObject]:
    value = obj.get(key)
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def meeting_from_json(obj: JsonObject) -> Meeting:
    """Build a meeting record from its interchange form; unknown keys are ignored."""
    head = obj.get("meeting") or {}
    nm = obj.get("next_meeting")
    return Meeting(
        source=str(obj.get("source") or ""),
        title=head.get("title"),
        body=head.get("body"),
        date=_from_date(head.get("date")),
        date_note=head.get("date_note"),
        start_time=head.get("start_time"),
        venue=head.get("venue"),
        chair=head.get("chair"),
        minute_taker=head.get("minute_taker"),
        minute_taker_role=head.get("minute_taker_role"),
        attendees=[_from_person(p) for p in _list(obj, "attendees")],
        apologies=[_from_person(p) for p in _list(obj, "apologies")],
        items=[
            AgendaItem(
                title=str(i.get("title") or ""),
                number=i.get("number"),
                level=int(i.get("level") or 1),
                span=_from_span(i.get("span")),
            )
            for i in _list(obj, "items")
        ],
        actions=[
            Action(
                text=str(a.get("text") or ""),
                owners=[str(o) for o in a.get("owner") or []],
                item=a.get("item"),
                due=a.get("due"),
                due_date=_from_date(a.get("due_date")),
                reference=a.get("reference"),
                span=_from_span(a.get("span")),
            )
            for a in _list(obj, "actions")
        ],
        action_updates=[
            ActionUpdate(
                refers_to=str(u.get("refers_to") or ""),
                update=str(u.get("update") or ""),
                reference=u.get("reference"),
                span=_from_span(u.get("span")),
            )
            for u in _list(obj, "action_updates")
        ],
        decisions=[
            Decision(
                text=str(d.get("text") or ""), item=d.get("item"), span=_from_span(d.get("span"))
            )
            for d in _list(obj, "decisions")
        ],
        hmicfrs=[
            Recommendation(
                report=str(r.get("report") or ""),
                text=str(r.get("text") or ""),
                recommendation=r.get("recommendation"),
                deadline=r.get("deadline"),
                deadline_date=_from_date(r.get("deadline_date")),
                span=_from_span(r.get("span")),
            )
            for r in _list(obj, "hmicfrs")
        ],
        figures=[
            Figure(
                measure=str(f.get("measure") or ""),
                value=str(f.get("value") or ""),
                unit=f.get("unit"),
                target=f.get("target"),
                area=f.get("area"),
                period=f.get("period"),
                span=_from_span(f.get("span")),
            )
            for f in _list(obj, "figures")
        ],
        commitments=[
            Commitment(
                text=str(c.get("text") or ""),
                who=c.get("who"),
                by=c.get("by"),
                by_date=_from_date(c.get("by_date")),
                span=_from_span(c.get("span")),
            )
            for c in _list(obj, "commitments")
        ],
        next_meeting=None
        if not isinstance(nm, dict)
        else NextMeeting(
            date=_from_date(nm.get("date")),
            time=nm.get("time"),
            kind=nm.get("kind"),
            venue=nm.get("venue"),
            span=_from_span(nm.get("span")),
        ),
    )
