"""Build the pages of topics and figures from what the services return, and the dashboard's
list of topics rising.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from urllib.parse import urlencode

from sqlalchemy.orm import Session

from oversight.records.tracking import FigureSeries
from oversight.services.accounts import Viewer
from oversight.services.figure_series import number_of, series_page
from oversight.services.item_tracker import TrackerRequest, tracker_page
from oversight.services.topic_trends import TopicLine, topic_index, topic_view, topics_rising
from oversight.services.tracking import NotFoundError
from oversight.web.pages import RisingTopicPublic, paging
from oversight.web.tracking_pages import (
    FiguresPage,
    PointPublic,
    SeriesPublic,
    TopicMeetingPublic,
    TopicPage,
    TopicPassagePublic,
    TopicRowPublic,
    TopicsPage,
    WordCountPublic,
    YearCountPublic,
)
from oversight.web.tracking_schemas import (
    LinkPublic,
    item_row,
    meeting_link,
    passage_url,
    topic_url,
)

PER_PAGE = 50
SERIES_PER_PAGE = 10
# A chart on the list shows a series' latest points; its own page shows them all, to a limit.
POINTS_SHOWN = 24
MAX_POINTS = 1000
# The topic page lists this many of its open items; the tracker has them all.
OPEN_SHOWN = 20


def _row(t: TopicLine) -> TopicRowPublic:
    return TopicRowPublic(
        key=t.key,
        label=t.label,
        words=list(t.words),
        hits=t.hits,
        meetings=t.meetings,
        url=topic_url(t.key),
    )


def build_topics(
    session: Session, viewer: Viewer | None, taxonomy_path: Path | None = None
) -> TopicsPage:
    """Build the list of topics."""
    found = topic_index(session=session, drafts=viewer is not None, taxonomy_path=taxonomy_path)
    return TopicsPage(topics=[_row(t) for t in found])


def build_topic(
    session: Session,
    viewer: Viewer | None,
    key: str,
    as_of: dt.date | None,
    page: int,
    taxonomy_path: Path | None = None,
) -> TopicPage:
    """Build one topic's page: its meetings, counts, words and open items."""
    day = as_of or dt.date.today()
    staff = viewer is not None
    found = topic_view(
        session=session,
        drafts=staff,
        key=key,
        page=page,
        per_page=PER_PAGE,
        taxonomy_path=taxonomy_path,
    )
    wanted = TrackerRequest(kind=None, status="outstanding", topic=key)
    open_items = tracker_page(
        session=session, drafts=staff, wanted=wanted, as_of=day, per_page=OPEN_SHOWN
    )
    return TopicPage(
        as_of=day,
        topic=_row(found.topic),
        years=[YearCountPublic(year=y, first=m, second=h) for y, m, h in found.years],
        words_seen=[WordCountPublic(word=w, count=n) for w, n in found.words_seen],
        meetings=[
            TopicMeetingPublic(
                meeting=meeting_link(m.meeting_id, m.title, m.date),
                hits=m.hits,
                passages=[
                    TopicPassagePublic(
                        target_kind=p.target_kind,
                        text=p.text,
                        words=p.words,
                        source_url=passage_url(p.meeting_id, p.span),
                    )
                    for p in found.passages.get(m.meeting_id, [])
                ],
            )
            for m in found.meetings
        ],
        paging=paging(page, found.total_meetings, PER_PAGE),
        open_items=[item_row(i, staff=staff) for i in open_items.items],
        open_total=open_items.total,
        open_url="/actions?" + urlencode({"kind": "", "status": "outstanding", "topic": key}),
    )


def build_rising(
    session: Session,
    viewer: Viewer | None,
    as_of: dt.date,
    limit: int,
    taxonomy_path: Path | None = None,
) -> list[RisingTopicPublic]:
    """Build the dashboard's topics rising."""
    found = topics_rising(
        session=session,
        drafts=viewer is not None,
        as_of=as_of,
        limit=limit,
        taxonomy_path=taxonomy_path,
    )
    return [
        RisingTopicPublic(
            topic=LinkPublic(key=t.key, label=t.label, url=topic_url(t.key)),
            before=t.before,
            lately=t.lately,
        )
        for t in found
    ]


def series_public(series: FigureSeries, total_points: int) -> SeriesPublic:
    """Describe a figure series with each point's number read from its value."""
    return SeriesPublic(
        total_points=total_points,
        url="/figures?" + urlencode({"series": series.key}),
        key=series.key,
        measure=series.measure,
        unit=series.unit,
        target=series.target,
        target_number=number_of(series.target),
        points=[
            PointPublic(
                meeting=meeting_link(p.meeting_id, None, p.date),
                date=p.date,
                value=p.value,
                number=number_of(p.value),
                target=p.target,
                area=p.area,
                period=p.period,
                source_url=passage_url(p.meeting_id, p.span),
            )
            for p in series.points
        ],
    )


def build_figures(
    session: Session, viewer: Viewer | None, page: int, series: str | None = None
) -> FiguresPage:
    """Build one page of figure series, each with its latest points; or one series with
    all of its points."""
    found = series_page(
        session=session,
        drafts=viewer is not None,
        page=1 if series else page,
        per_page=SERIES_PER_PAGE,
        latest=MAX_POINTS if series else POINTS_SHOWN,
        key=series,
    )
    if series is not None and not found.series:
        raise NotFoundError(f"no figure series {series!r}")
    return FiguresPage(
        series_key=series,
        series=[series_public(s, found.sizes.get(s.key, len(s.points))) for s in found.series],
        paging=paging(1 if series else page, found.total, SERIES_PER_PAGE),
    )
