"""Rebuild the record across meetings from the stored meetings and people's corrections.

`build` is pure: the same meetings, corrections and taxonomy give the same record.
`refresh_tracking` reads them from the store, builds, and replaces the derived tables in
the caller's transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from sqlalchemy.orm import Session

from oversight.records import Meeting
from oversight.records.tracking import Correction, Topic, TrackingRecord
from oversight.store.tracked import (
    list_corrections,
    load_meetings,
    load_texts,
    replace_tracking,
)
from oversight.tracking.calendar import Calendar
from oversight.tracking.corrections import apply_to_items, apply_to_people
from oversight.tracking.figures import figure_series
from oversight.tracking.follow import Follower, Texts
from oversight.tracking.hmicfrs import track_recommendations
from oversight.tracking.lifecycle import track_actions
from oversight.tracking.meetings import meeting_refs
from oversight.tracking.mentions import Resolver
from oversight.tracking.people import find_people
from oversight.tracking.promises import track_promises
from oversight.tracking.roles import tenures
from oversight.tracking.topics import Tagger, load_taxonomy, tag_meetings


def build(
    meetings: Sequence[tuple[int, Meeting]],
    corrections: Sequence[Correction] = (),
    taxonomy: Sequence[Topic] | None = None,
    texts: Texts | None = None,
) -> TrackingRecord:
    """Derive the tracked record from (meeting id, meeting) pairs, corrections and, when
    given, each meeting's running text (where promises are looked for again)."""
    refs = meeting_refs(meetings)
    calendar = Calendar([ref for ref, _ in refs])
    actions, _ = track_actions(refs, calendar)
    follower = Follower(refs, texts)
    items = [*actions, *track_promises(refs, follower), *track_recommendations(refs, follower)]
    people, holdings = find_people(refs)
    people, holdings = apply_to_people(people, holdings, corrections)
    role_tenures = tenures(holdings)
    Resolver(people, role_tenures).resolve_items(items)
    items = apply_to_items(items, corrections)
    tagger = Tagger(taxonomy if taxonomy is not None else load_taxonomy())
    by_id = {ref.meeting_id: ref for ref, _ in refs}
    hits = tag_meetings(refs, items, tagger, by_id)
    return TrackingRecord(
        items=items,
        people=people,
        tenures=role_tenures,
        topic_hits=hits,
        series=figure_series(refs),
    )


def refresh_tracking(*, session: Session, taxonomy_path: Path | None = None) -> TrackingRecord:
    """Rebuild the derived tracking tables from what is stored; return the record."""
    record = build(
        load_meetings(session=session),
        list_corrections(session=session),
        load_taxonomy(taxonomy_path),
        load_texts(session=session),
    )
    replace_tracking(session=session, record=record)
    return record
