"""Reads for activities: the filtered list and its counts, one activity, a country's timeline, and the
aggregates other features call (the plenary report, the dashboard). Filters and counts run in SQL;
relations are loaded eagerly, so a page runs the same number of queries whatever the number of rows.
"""

from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from sqlalchemy import Integer, cast, distinct, exists, extract, func, or_, select
from sqlalchemy.orm import selectinload

from tracker.activities.models import (
    Activity,
    ActivityKind,
    ActivityStatus,
    Topic,
    activity_beneficiaries,
    activity_contributors,
    activity_events,
    activity_topics,
)
from tracker.core.collation import name_order
from tracker.countries.models import Country
from tracker.events import attendance as event_attendance
from tracker.events import queries as event_queries
from tracker.events.models import CountryRole, Event, EventKind
from tracker.extensions import db

NOT_RECORDED = "Region not recorded"


def _eager(*extra):
    return (
        selectinload(Activity.topics),
        selectinload(Activity.beneficiaries),
        selectinload(Activity.contributors),
        *extra,
    )


# -- the list -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ActivityFilters:
    kind: ActivityKind | None = None
    status: ActivityStatus | None = None
    country_id: int | None = None
    role: str | None = None  # "beneficiary", "contributor", or None for either
    region: str | None = None  # a region of at least one beneficiary
    programme: str | None = None
    topic_id: int | None = None
    year: int | None = None  # of the start date

    def as_args(self, **values) -> dict:
        """The page's query string for these filters (a country as its ISO code, given in `values`)."""
        args = {
            "kind": self.kind.value if self.kind else None,
            "status": self.status.value if self.status else None,
            "role": self.role,
            "region": self.region,
            "programme": self.programme,
            "topic": self.topic_id,
            "year": self.year,
        } | values
        return {key: value for key, value in args.items() if value not in (None, "")}


def _has_beneficiary_in(region: str):
    return exists().where(
        activity_beneficiaries.c.activity_id == Activity.id,
        activity_beneficiaries.c.country_id == Country.id,
        Country.region == region,
    )


def _filtered(query, filters: ActivityFilters, *, by_kind: bool = True):
    if by_kind and filters.kind:
        query = query.where(Activity.kind == filters.kind)
    if filters.status:
        query = query.where(Activity.status == filters.status)
    if filters.country_id:
        received = exists().where(
            activity_beneficiaries.c.activity_id == Activity.id,
            activity_beneficiaries.c.country_id == filters.country_id,
        )
        contributed = exists().where(
            activity_contributors.c.activity_id == Activity.id,
            activity_contributors.c.country_id == filters.country_id,
        )
        query = query.where(
            {"beneficiary": received, "contributor": contributed}.get(
                filters.role or "", or_(received, contributed)
            )
        )
    if filters.region:
        query = query.where(_has_beneficiary_in(filters.region))
    if filters.programme:
        query = query.where(Activity.programme == filters.programme)
    if filters.topic_id:
        query = query.where(
            exists().where(
                activity_topics.c.activity_id == Activity.id, activity_topics.c.topic_id == filters.topic_id
            )
        )
    if filters.year:
        query = query.where(Activity.start_date.between(date(filters.year, 1, 1), date(filters.year, 12, 31)))
    return query


def _ordered(query):
    return query.order_by(Activity.start_date.desc(), Activity.id.desc())


def activities_page(filters: ActivityFilters, *, page: int, per_page: int):
    query = _ordered(_filtered(select(Activity), filters)).options(*_eager())
    return db.paginate(query, page=page, per_page=per_page, error_out=False)


def activities_for_export(filters: ActivityFilters) -> list[Activity]:
    query = _ordered(_filtered(select(Activity), filters)).options(*_eager(selectinload(Activity.events)))
    return list(db.session.scalars(query))


def counts_by_kind(filters: ActivityFilters) -> dict[ActivityKind, int]:
    """How many activities of each kind match the other filters (every kind present, zero included)."""
    query = _filtered(select(Activity.kind, func.count(Activity.id)), filters, by_kind=False)
    counts = {ActivityKind(kind): n for kind, n in db.session.execute(query.group_by(Activity.kind))}
    return {kind: counts.get(kind, 0) for kind in ActivityKind}


def activity_for_page(activity_id: int) -> Activity | None:
    return db.session.scalar(
        select(Activity).where(Activity.id == activity_id).options(*_eager(selectinload(Activity.events)))
    )


# -- options for filters and forms ----------------------------------------------------------------------


def programmes() -> list[str]:
    return list(
        db.session.scalars(
            select(Activity.programme)
            .where(Activity.programme.is_not(None))
            .distinct()
            .order_by(Activity.programme)
        )
    )


def activity_years() -> list[int]:
    year = cast(extract("year", Activity.start_date), Integer)
    return [int(y) for y in db.session.scalars(select(year).distinct().order_by(year.desc()))]


def topics() -> list[Topic]:
    """Every topic, retired ones last (the list filters by them too: past activities have them)."""
    return list(db.session.scalars(select(Topic).order_by(Topic.retired, name_order(Topic.name))))


def topic_usage() -> dict[int, int]:
    """{topic id: number of activities with it}."""
    query = select(activity_topics.c.topic_id, func.count()).group_by(activity_topics.c.topic_id)
    return dict(db.session.execute(query).all())


def topic_options(keep_ids=()) -> list[tuple[int, str]]:
    """(id, name) of the topics an activity may be given: those not retired, and `keep_ids` (the topics it
    already has) even if retired."""
    query = select(Topic.id, Topic.name, Topic.retired).order_by(name_order(Topic.name))
    keep = set(keep_ids)
    return [
        (id_, f"{name} (retired)" if retired else name)
        for id_, name, retired in db.session.execute(query)
        if not retired or id_ in keep
    ]


def country_codes() -> list[tuple[str, str]]:
    """(ISO alpha-3, name) of every country, for filters."""
    rows = db.session.execute(select(Country.iso3, Country.name).order_by(name_order(Country.name)))
    return [(iso3, name) for iso3, name in rows]


def event_options() -> list[tuple[int, str]]:
    """Every event, newest first, as “18 Oct 2024 · title”: the form's picker searches them by title or
    date as one types, so an activity can be linked to an event of any year (a network holds a few dozen
    events a year, so the whole list stays small)."""
    rows = db.session.execute(
        select(Event.id, Event.title, Event.start_date).order_by(Event.start_date.desc(), Event.id.desc())
    )
    return [(id_, f"{start:%d %b %Y} · {title}") for id_, title, start in rows]


# -- an activity logged from an event -------------------------------------------------------------------

EVENT_KINDS = {
    EventKind.STUDY_VISIT: ActivityKind.STUDY_VISIT,
    EventKind.REGIONAL_MEETING: ActivityKind.REGIONAL_MEETING,
    EventKind.TRAINING: ActivityKind.TRAINING,
    EventKind.EXERCISE: ActivityKind.TRAINING,
}
# events whose host country is served by them (see event_prefill)
HOST_SERVED = (EventKind.WORKSHOP, EventKind.TRAINING, EventKind.EXERCISE, EventKind.REGIONAL_MEETING)


def event_prefill(event_id: int) -> dict | None:
    """Form values for an activity logged from an event: the event linked, its kind, title, dates and
    organiser, and its countries. Beneficiaries are the countries the event served: its beneficiary,
    visiting and participating countries. The host depends on the event: at a study visit its contact
    point receives the visitors and shares its practice, so it is the contributor; a workshop, training,
    exercise or regional meeting held in a country serves it too, so it is a beneficiary; at a meeting,
    plenary or conference it is only the venue, and is left out."""
    event = event_queries.event_for_page(event_id)
    if event is None:
        return None
    beneficiaries, contributors = [], []
    for link in event.countries:
        if link.role != CountryRole.HOST:
            beneficiaries.append(link.country_id)
        elif event.kind == EventKind.STUDY_VISIT:
            contributors.append(link.country_id)
        elif event.kind in HOST_SERVED:
            beneficiaries.append(link.country_id)
    return {
        "kind": EVENT_KINDS.get(event.kind, ActivityKind.OTHER).value,
        "title": event.title,
        "start_date": event.start_date,
        "end_date": event.end_date if event.end_date != event.start_date else None,
        "programme": event.organiser,
        "beneficiary_ids": [str(i) for i in sorted(beneficiaries)],
        "contributor_ids": [str(i) for i in sorted(contributors)],
        "event_ids": [str(event.id)],
        "event": event,
    }


# -- for the plenary report and the dashboard -----------------------------------------------------------


def activities_between(start: date, end: date, *, include_cancelled: bool = False) -> list[Activity]:
    """Activities whose start date is within [start, end], oldest first, with their topics, beneficiaries
    and contributors loaded (`beneficiary_names`, `contributor_names`, `topic_names`; `kind.label`).
    Cancelled activities are left out unless asked for: a report counts the work done or under way."""
    query = select(Activity).where(Activity.start_date.between(start, end))
    if not include_cancelled:
        query = query.where(Activity.status != ActivityStatus.CANCELLED)
    query = query.options(*_eager()).order_by(Activity.start_date, Activity.id)
    return list(db.session.scalars(query))


class KindRegionYear(NamedTuple):
    year: int
    kind: ActivityKind
    region: str
    count: int


def activities_by_kind_region_year() -> list[KindRegionYear]:
    """How many activities (cancelled ones left out) each year, of each kind, had beneficiaries in each
    region, computed in one grouped query. An activity with beneficiaries in two regions counts once in
    each; its year is its start date's."""
    year = cast(extract("year", Activity.start_date), Integer)
    query = (
        select(year, Activity.kind, Country.region, func.count(distinct(Activity.id)))
        .select_from(Activity)
        .join(activity_beneficiaries, activity_beneficiaries.c.activity_id == Activity.id)
        .join(Country, Country.id == activity_beneficiaries.c.country_id)
        .where(Activity.status != ActivityStatus.CANCELLED)
        .group_by(year, Activity.kind, Country.region)
        .order_by(year, Activity.kind, Country.region)
    )
    return [
        KindRegionYear(int(y), ActivityKind(kind), region or NOT_RECORDED, n)
        for y, kind, region, n in db.session.execute(query)
    ]


# -- a country's timeline (the country page) ------------------------------------------------------------


@dataclass(frozen=True)
class TimelineEntry:
    day: date
    activity: Activity | None = None
    received: bool = False
    contributed: bool = False
    topics: tuple[str, ...] = ()
    events: tuple[Event, ...] = ()  # the events the activity is linked to
    event_row: event_attendance.CountryEventRow | None = None  # or: an event the country took part in

    @property
    def sort_key(self):
        return (self.day, self.activity is not None, (self.activity or self.event_row.event).id)


def country_activities(country_id: int) -> list[TimelineEntry]:
    """The activities the country received or contributed to, newest first, with their topics and linked
    events: always three queries (with no rows too, so the country page's count never varies)."""
    received = exists().where(
        activity_beneficiaries.c.activity_id == Activity.id, activity_beneficiaries.c.country_id == country_id
    )
    contributed = exists().where(
        activity_contributors.c.activity_id == Activity.id, activity_contributors.c.country_id == country_id
    )
    rows = db.session.execute(
        select(Activity, received.label("received"), contributed.label("contributed"))
        .where(or_(received, contributed))
        .order_by(Activity.start_date.desc(), Activity.id.desc())
    ).all()
    ids = [activity.id for activity, _r, _c in rows]
    topics: dict[int, list[str]] = {}
    for activity_id, name in db.session.execute(
        select(activity_topics.c.activity_id, Topic.name)
        .join(Topic, Topic.id == activity_topics.c.topic_id)
        .where(activity_topics.c.activity_id.in_(ids))
        .order_by(name_order(Topic.name))
    ):
        topics.setdefault(activity_id, []).append(name)
    events: dict[int, list[Event]] = {}
    for activity_id, event in db.session.execute(
        select(activity_events.c.activity_id, Event)
        .join(Event, Event.id == activity_events.c.event_id)
        .where(activity_events.c.activity_id.in_(ids))
        .order_by(Event.start_date, Event.id)
    ):
        events.setdefault(activity_id, []).append(event)
    return [
        TimelineEntry(
            activity.start_date,
            activity=activity,
            received=bool(r),
            contributed=bool(c),
            topics=tuple(topics.get(activity.id, ())),
            events=tuple(events.get(activity.id, ())),
        )
        for activity, r, c in rows
    ]


def activities_of_event(event_id: int) -> list[Activity]:
    """The activities linked to an event (logged from it), oldest first, kinds and countries loaded."""
    return list(
        db.session.scalars(
            select(Activity)
            .join(activity_events, activity_events.c.activity_id == Activity.id)
            .where(activity_events.c.event_id == event_id)
            .options(selectinload(Activity.beneficiaries))
            .order_by(Activity.start_date, Activity.id)
        )
    )


def country_timeline(country_id: int) -> list[TimelineEntry]:
    """The country's activities (received, contributed) and events on one timeline, newest first, in a
    fixed number of queries (the activities' three, and the events section's)."""
    entries = country_activities(country_id)
    entries += [
        TimelineEntry(row.event.start_date, event_row=row)
        for row in event_attendance.country_events(country_id)
    ]
    return sorted(entries, key=lambda e: e.sort_key, reverse=True)


def activities_by_kind_year() -> list[tuple[int, ActivityKind, int]]:
    """(year, kind, activities) with cancelled ones left out, in one grouped query."""
    year = cast(extract("year", Activity.start_date), Integer)
    query = (
        select(year, Activity.kind, func.count(Activity.id))
        .where(Activity.status != ActivityStatus.CANCELLED)
        .group_by(year, Activity.kind)
        .order_by(year, Activity.kind)
    )
    return [(int(y), ActivityKind(kind), n) for y, kind, n in db.session.execute(query)]


def activity_count_between(start: date, end: date) -> int:
    return db.session.scalar(
        select(func.count(Activity.id)).where(
            Activity.start_date.between(start, end), Activity.status != ActivityStatus.CANCELLED
        )
    )
