"""The typed context of each page of the record across meetings: the tracker, one item's
history, promises, the HMICFRS register, people, roles, topics and figures.

As in `pages`, the HTML route renders a context with its template and the API route returns
it as JSON; who is viewing is passed to the templates beside it.
"""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel

from oversight.web.pages import PagingPublic
from oversight.web.schemas import MeetingLinkPublic
from oversight.web.tracking_schemas import (
    EventPublic,
    TenurePublic,
    TrackedItemPublic,
    TrackedItemRowPublic,
)


class OptionPublic(BaseModel):
    """A choice in a filter: the value sent and the words shown."""

    value: str
    label: str


class TrackerFiltersPublic(BaseModel):
    """The filters a list of tracked items was asked for."""

    kind: str | None
    status: str | None
    owner: str | None
    person: str | None
    topic: str | None
    meeting: int | None
    due_from: dt.date | None
    due_to: dt.date | None
    sort: str


class ActionTrackerPage(BaseModel):
    """The tracker: one page of tracked actions (or promises) and what to filter them by."""

    as_of: dt.date
    filters: TrackerFiltersPublic
    items: list[TrackedItemRowPublic]
    paging: PagingPublic
    statuses: list[str]
    sorts: list[str]
    kinds: list[str]
    owners: list[str]
    people: list[OptionPublic]
    topics: list[OptionPublic]
    meetings: list[MeetingLinkPublic]


class PromiseTrackerPage(ActionTrackerPage):
    """The promises the force made, with the later meetings that came back to them."""


class ItemHistoryPage(BaseModel):
    """One tracked item and a page of its history across meetings."""

    as_of: dt.date
    item: TrackedItemPublic
    events: list[EventPublic]
    paging: PagingPublic
    error: str | None


class RegisterEntryPublic(BaseModel):
    """An HMICFRS report with the recommendations of it on this page of the register."""

    report: str
    recommendations: list[TrackedItemRowPublic]


class HmicfrsRegisterPage(BaseModel):
    """The HMICFRS register: reports, recommendations, deadlines, status and updates."""

    as_of: dt.date
    status: str | None
    statuses: list[str]
    reports: list[RegisterEntryPublic]
    paging: PagingPublic


class PersonRowPublic(BaseModel):
    """A person in the list of people."""

    key: str
    name: str
    roles: list[str]
    present: int
    apologies: int
    first: dt.date | None
    last: dt.date | None
    url: str


class PeoplePage(BaseModel):
    """People across meetings, by name, a page at a time."""

    name: str | None
    people: list[PersonRowPublic]
    paging: PagingPublic


class YearCountPublic(BaseModel):
    """How often in one year: present and apologies, or meetings and mentions."""

    year: int
    first: int
    second: int


class AttendancePublic(BaseModel):
    """One person at one meeting, as the minutes wrote them."""

    meeting: MeetingLinkPublic
    status: str
    written: str
    role: str | None


class PersonPage(BaseModel):
    """One person: names seen, role timeline, attendance over time."""

    key: str
    name: str
    names_seen: list[str]
    roles: list[str]
    present: int
    apologies: int
    years: list[YearCountPublic]
    tenures: list[TenurePublic]
    attendance: list[AttendancePublic]
    paging: PagingPublic
    url: str
    error: str | None


class RoleSummaryPublic(BaseModel):
    """A role, how many spells of it there have been, and the latest holder."""

    role: str
    tenures: int
    latest: TenurePublic | None
    url: str


class RolesPage(BaseModel):
    """Who held each role when: every role, and one role's timeline a page at a time."""

    roles: list[RoleSummaryPublic]
    role: str | None
    tenures: list[TenurePublic]
    paging: PagingPublic


class TopicRowPublic(BaseModel):
    """A policing theme and how often it came up."""

    key: str
    label: str
    words: list[str]
    hits: int
    meetings: int
    url: str


class TopicsPage(BaseModel):
    """Every theme of the taxonomy with how often it came up."""

    topics: list[TopicRowPublic]


class TopicPassagePublic(BaseModel):
    """One place a theme came up: what was tagged, its words, where in the minutes."""

    target_kind: str
    text: str
    words: list[str]
    source_url: str | None


class TopicMeetingPublic(BaseModel):
    """A meeting that raised a theme, how often, and where."""

    meeting: MeetingLinkPublic
    hits: int
    passages: list[TopicPassagePublic]


class WordCountPublic(BaseModel):
    """A trigger word and how many times it tagged the theme."""

    word: str
    count: int


class TopicPage(BaseModel):
    """One theme: its timeline of meetings, counts, open items and trigger words."""

    as_of: dt.date
    topic: TopicRowPublic
    years: list[YearCountPublic]
    words_seen: list[WordCountPublic]
    meetings: list[TopicMeetingPublic]
    paging: PagingPublic
    open_items: list[TrackedItemRowPublic]
    open_total: int
    open_url: str


class PointPublic(BaseModel):
    """One quotation of a measure: the meeting, the value as written and as a number."""

    meeting: MeetingLinkPublic
    date: dt.date | None
    value: str
    number: float | None
    target: str | None
    area: str | None
    period: str | None
    source_url: str | None


class SeriesPublic(BaseModel):
    """A measure quoted at several meetings, with its target and its latest points (of
    `total_points`; all of them at `url`)."""

    key: str
    measure: str
    unit: str | None
    target: str | None
    target_number: float | None
    points: list[PointPublic]
    total_points: int
    url: str


class FiguresPage(BaseModel):
    """The same measures over time, a page of series at a time, or one series in full."""

    series_key: str | None
    series: list[SeriesPublic]
    paging: PagingPublic
