"""Score the tracked record of the fictional year in `examples/year` against its answer key.

The key (`expected-tracking.json`) was written by hand from the minutes. Items and updates
are found by a distinctive phrase of their text, so the scoring does not depend on how keys
are made.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from oversight.records.tracking import Effect, ItemKind, LinkMethod, TrackedItem
from oversight.services.tracking import role_timeline, tracked_item, tracked_items
from oversight.tracking.roles import canonical_role

YEAR = Path(__file__).resolve().parents[2] / "examples" / "year"
KEY = YEAR / "expected-tracking.json"


def minutes_files() -> list[Path]:
    """Return the year's minutes, without the README and the key."""
    return sorted(p for p in YEAR.iterdir() if p.suffix in {".txt", ".md"} and p.stem != "README")


def answer_key() -> dict[str, Any]:
    """Return the hand-written answer key."""
    loaded: dict[str, Any] = json.loads(KEY.read_text(encoding="utf-8"))
    return loaded


def _flat(text: str) -> str:
    return " ".join(re.sub(r"[*_`<>]", " ", text).lower().split())


def _contains(text: str, phrase: str) -> bool:
    return _flat(phrase) in _flat(text)


@dataclass
class Score:
    """Counts and mismatches of one comparison."""

    right: int = 0
    predicted: int = 0
    expected: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.right / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.right / self.expected if self.expected else 1.0


def _items(session: Session, kind: ItemKind, day: dt.date) -> dict[str, tuple[TrackedItem, str]]:
    rows = tracked_items(session=session, kind=kind, as_of=day)
    return {
        row.item.key: (tracked_item(session=session, key=row.item.key, as_of=day).item, row.status)
        for row in rows
    }


def _find(
    items: dict[str, tuple[TrackedItem, str]], ids: dict[int, str], file: str, phrase: str
) -> tuple[TrackedItem, str] | None:
    for item, status in items.values():
        if ids.get(item.meeting_id) == file and _contains(item.text, phrase):
            return item, status
    return None


def score_actions(session: Session, ids: dict[int, str]) -> dict[str, Score]:
    """Score links, effects, statuses and due dates of the year's actions."""
    key = answer_key()
    day = dt.date.fromisoformat(key["as_of"])
    items = _items(session, ItemKind.ACTION, day)
    expected = {a["id"]: a for a in key["actions"]}
    found = {a: _find(items, ids, e["meeting"], e["text_contains"]) for a, e in expected.items()}
    scores = {name: Score() for name in ("actions", "links", "effects", "status", "due")}
    for action_id, entry in expected.items():
        hit = found[action_id]
        scores["actions"].expected += 1
        if hit is None:
            scores["actions"].misses.append(f"{action_id} not found")
            continue
        scores["actions"].right += 1
        item, status = hit
        for name, want, got in (
            ("status", entry["status"], status),
            ("due", entry["due"], str(item.due_date) if item.due_date else None),
        ):
            scores[name].expected += 1
            scores[name].predicted += 1
            if want == got:
                scores[name].right += 1
            else:
                scores[name].misses.append(f"{action_id} {name}: want {want}, got {got}")
    scores["actions"].predicted = len(items)
    links = scores["links"]
    links.expected = len(key["links"])
    matched: set[tuple[str, int]] = set()
    for link in key["links"]:
        hit = found.get(link["action"])
        event = None
        if hit is not None:
            event = next(
                (
                    (n, e)
                    for n, e in enumerate(hit[0].events)
                    if ids.get(e.meeting_id) == link["meeting"]
                    and _contains(e.text, link["update_contains"])
                ),
                None,
            )
        if event is None or hit is None:
            links.misses.append(
                f"missed {link['action']} at {link['meeting'][:2]}: {link['update_contains'][:50]}"
            )
            continue
        links.right += 1
        matched.add((hit[0].key, event[0]))
        scores["effects"].expected += 1
        scores["effects"].predicted += 1
        if event[1].effect.value == link["effect"]:
            scores["effects"].right += 1
        else:
            scores["effects"].misses.append(
                f"{link['action']} at {link['meeting'][:2]}: want {link['effect']}, "
                f"got {event[1].effect.value}"
            )
    for item, _ in items.values():
        for n, event in enumerate(item.events):
            if event.effect is Effect.RAISED or event.method is LinkMethod.CORRECTION:
                continue
            links.predicted += 1
            if (item.key, n) not in matched:
                links.misses.append(
                    f"wrong {item.key} at {ids.get(event.meeting_id, '?')[:2]}: {event.text[:50]}"
                )
    return scores


def score_roles(session: Session, ids: dict[int, str]) -> Score:
    """Score the role timeline: (role, holder, qualifier, first, last) tenures."""

    def canonical(role: str) -> str:
        found = canonical_role(role)
        return found.name if found else role

    expected = {
        (canonical(r["role"]), r["holder"], r["qualifier"], r["first"], r["last"])
        for r in answer_key()["roles"]
    }
    roles = {role for role, *_ in expected}
    predicted = {
        (t.role, t.name, t.qualifier, ids.get(t.first_meeting_id), ids.get(t.last_meeting_id))
        for t in role_timeline(session=session)
        if t.role in roles
    }
    score = Score(len(expected & predicted), len(predicted), len(expected))
    score.misses = [f"missing {e}" for e in sorted(expected - predicted, key=str)] + [
        f"extra {p}" for p in sorted(predicted - expected, key=str)
    ]
    return score


def score_promises(session: Session, ids: dict[int, str]) -> dict[str, Score]:
    """Score the promises: found, status on the key's day, and the meetings they came up at."""
    key = answer_key()
    day = dt.date.fromisoformat(key["as_of"])
    items = _items(session, ItemKind.PROMISE, day)
    scores = {name: Score() for name in ("promises", "promise_status", "came_up")}
    scores["promises"].predicted = len(items)
    for entry in key["promises"]:
        scores["promises"].expected += 1
        hit = _find(items, ids, entry["meeting"], entry["text_contains"])
        if hit is None:
            scores["promises"].misses.append(f"{entry['id']} not found")
            continue
        scores["promises"].right += 1
        item, status = hit
        scores["promise_status"].expected += 1
        scores["promise_status"].predicted += 1
        if status == entry["status"]:
            scores["promise_status"].right += 1
        else:
            scores["promise_status"].misses.append(
                f"{entry['id']}: want {entry['status']}, got {status} (by {item.due_date})"
            )
        came = {ids.get(e.meeting_id) for e in item.events if e.effect is not Effect.RAISED}
        want = set(entry["came_up_at"])
        came_up = scores["came_up"]
        came_up.expected += len(want)
        came_up.predicted += len(came)
        came_up.right += len(want & came)
        if want != came:
            came_up.misses.append(
                f"{entry['id']}: missed {sorted(f[:2] for f in want - came)}, "
                f"extra {sorted(str(f)[:2] for f in came - want)}"
            )
    return scores


def score_people(session: Session) -> Score:
    """Score person merging: every way the year writes a person's name finds that person."""
    from oversight.services.tracking import resolve_person

    score = Score()
    for entry in answer_key()["people"]:
        names = [v for v in entry["variants"] if parse_name_full(v)]
        found = [resolve_person(session=session, text=v, on=None) for v in names]
        keys = {p.name if p else None for p in found}
        score.expected += 1
        score.predicted += 1
        if keys == {entry["name"]}:
            score.right += 1
        else:
            score.misses.append(f"{entry['name']}: {sorted(str(k) for k in keys)}")
    return score


def parse_name_full(written: str) -> bool:
    """True for a written name (not bare letters such as "HM", which are not attendance)."""
    return not re.fullmatch(r"[A-Z]{2,5}", written.strip())


def score_mentions(session: Session, ids: dict[int, str]) -> Score:
    """Score role mentions ("the DCC", "T/CC") resolved at the meeting they were made."""
    from oversight.services.tracking import resolve_person

    dates = {m["file"]: dt.date.fromisoformat(m["date"]) for m in answer_key()["meetings"]}
    score = Score()
    for entry in answer_key()["abbreviations"]:
        found = resolve_person(session=session, text=entry["text"], on=dates[entry["meeting"]])
        score.expected += 1
        score.predicted += 1
        if found is not None and found.name == entry["person"]:
            score.right += 1
        else:
            score.misses.append(
                f"{entry['text']} at {entry['meeting'][:2]}: want "
                f"{entry['person']}, got {found.name if found else None}"
            )
    return score


def score_register(session: Session, ids: dict[int, str]) -> Score:
    """Score the HMICFRS register: each recommendation found, its deadline, status, updates."""
    key = answer_key()
    day = dt.date.fromisoformat(key["as_of"])
    items = _items(session, ItemKind.RECOMMENDATION, day)
    score = Score(predicted=len(items))
    for entry in key["hmicfrs"]:
        score.expected += 1
        hit = next(
            (
                (i, s)
                for i, s in items.values()
                if _contains(i.text, entry["recommendation_contains"])
            ),
            None,
        )
        if hit is None:
            score.misses.append(f"not found: {entry['recommendation_contains']}")
            continue
        item, status = hit
        state = "completed" if status == "closed" else "open"
        updated = {ids.get(e.meeting_id) for e in item.events if e.effect is not Effect.RAISED}
        if (str(item.due_date), state) == (entry["deadline"], entry["status"]) and set(
            entry["updated_at"]
        ) <= updated:
            score.right += 1
        else:
            score.misses.append(
                f"{entry['recommendation_contains'][:30]}: deadline {item.due_date}, {state}, "
                f"updates missed {sorted(str(f)[:2] for f in set(entry['updated_at']) - updated)}"
            )
    return score


def score_series(session: Session, ids: dict[int, str]) -> Score:
    """Score figure series by their points: (meeting, value) pairs of each expected measure."""
    from oversight.services.tracking import figure_series

    series = figure_series(session=session, min_points=1)
    score = Score()
    for entry in answer_key()["figure_series"]:
        want = {(p["meeting"], p["value"]) for p in entry["points"]}
        found = next((s for s in series if _contains(s.measure, entry["measure_contains"])), None)
        got: set[tuple[str | None, str]] = set()
        if found is not None:
            unit = found.unit if found.unit == "%" else ""
            got = {(ids.get(p.meeting_id), f"{p.value}{unit}") for p in found.points}
            if found.target != entry["target"]:
                score.misses.append(f"{entry['measure_contains']}: target {found.target}")
        score.expected += len(want)
        score.predicted += len(got)
        score.right += len(want & got)
        if want != got:
            score.misses.append(
                f"{entry['measure_contains']}: missing {sorted(want - got)}, "
                f"extra {sorted(str(g) for g in got - want)}"
            )
    return score
