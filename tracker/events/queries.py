"""Reads for events: the lists and the event page, action items across events, a country's
contributions and open action items, and the plenary report's per-event details. Attendance statistics
are in `events.attendance`.
"""

from datetime import date

from sqlalchemy import Integer, cast, exists, extract, func, literal, or_, select
from sqlalchemy.orm import contains_eager, selectinload

from tracker.core.collation import name_order
from tracker.countries.models import Country, Organisation
from tracker.events.models import (
    OUTSTANDING,
    ActionItem,
    ActionStatus,
    Contribution,
    Event,
    EventCountry,
    EventKind,
    Participant,
)
from tracker.extensions import db

# -- events ---------------------------------------------------------------------------------------------


def _involving(country_id: int):
    """Events the country hosts, takes part in with a role, or sent participants to."""
    return or_(
        Event.host_country_id == country_id,
        exists().where(EventCountry.event_id == Event.id, EventCountry.country_id == country_id),
        exists().where(Participant.event_id == Event.id, Participant.country_id == country_id),
    )


def events_page(
    *, kind: EventKind | None, year: int | None, country_id: int | None, page: int, per_page: int
):
    query = select(Event).options(selectinload(Event.host_country))
    if kind:
        query = query.where(Event.kind == kind)
    if year:
        query = query.where(Event.start_date.between(date(year, 1, 1), date(year, 12, 31)))
    if country_id:
        query = query.where(_involving(country_id))
    query = query.order_by(Event.start_date.desc(), Event.id.desc())
    return db.paginate(query, page=page, per_page=per_page, error_out=False)


def event_years() -> list[int]:
    year = cast(extract("year", Event.start_date), Integer)
    return [int(y) for y in db.session.scalars(select(year).distinct().order_by(year.desc()))]


def event_for_page(event_id: int) -> Event | None:
    return db.session.scalar(
        select(Event)
        .where(Event.id == event_id)
        .options(
            selectinload(Event.host_country),
            selectinload(Event.countries).selectinload(EventCountry.country),
        )
    )


def participants_of(event_id: int) -> list[Participant]:
    """Every participant with the country or organisation it represents, in one query."""
    return list(
        db.session.scalars(
            select(Participant)
            .outerjoin(Participant.country)
            .outerjoin(Participant.organisation)
            .where(Participant.event_id == event_id)
            .options(contains_eager(Participant.country), contains_eager(Participant.organisation))
            .order_by(
                name_order(func.coalesce(Country.name, Organisation.name)),
                Participant.role,
                name_order(Participant.name),
                Participant.id,
            )
        )
    )


def contributions_of(event_id: int) -> list[Contribution]:
    return list(
        db.session.scalars(
            select(Contribution)
            .join(Contribution.country)
            .where(Contribution.event_id == event_id)
            .options(contains_eager(Contribution.country))
            .order_by(Contribution.kind, name_order(Country.name), Contribution.id)
        )
    )


def action_items_of(event_id: int) -> list[ActionItem]:
    return list(
        db.session.scalars(
            select(ActionItem)
            .where(ActionItem.event_id == event_id)
            .options(selectinload(ActionItem.notes))
            .order_by(ActionItem.id)
        )
    )


# -- action items across events -------------------------------------------------------------------------


def action_item_counts(start: date | None = None, end: date | None = None) -> dict[str, int]:
    """{status: count} over every action item (of events starting within [start, end] if given)."""
    query = select(ActionItem.status, func.count(ActionItem.id)).group_by(ActionItem.status)
    if start or end:
        query = query.join(ActionItem.event)
        if start:
            query = query.where(Event.start_date >= start)
        if end:
            query = query.where(Event.start_date <= end)
    counts = {ActionStatus(status).value: n for status, n in db.session.execute(query)}
    return {status.value: counts.get(status.value, 0) for status in ActionStatus}


def open_action_items(statuses=OUTSTANDING) -> list[ActionItem]:
    """Action items in the given statuses (by default open or in progress) across events, with their event
    and notes loaded; those due soonest first, undated last."""
    return list(
        db.session.scalars(
            select(ActionItem)
            .join(ActionItem.event)
            .where(ActionItem.status.in_([ActionStatus(s) for s in statuses]))
            .options(contains_eager(ActionItem.event), selectinload(ActionItem.notes))
            .order_by(
                ActionItem.due_date.is_(None), ActionItem.due_date, Event.start_date.desc(), ActionItem.id
            )
        )
    )


# -- form options ---------------------------------------------------------------------------------------


def country_options() -> list[tuple[str, str]]:
    """(ISO alpha-3, name) of every country, for filters."""
    rows = db.session.execute(select(Country.iso3, Country.name).order_by(name_order(Country.name)))
    return [(iso3, name) for iso3, name in rows]


def organisation_options() -> list[tuple[int, str]]:
    rows = db.session.execute(
        select(Organisation.id, Organisation.name, Organisation.acronym).order_by(
            name_order(Organisation.name)
        )
    )
    return [(id_, f"{name} ({acronym})" if acronym else name) for id_, name, acronym in rows]


# -- for the plenary report -----------------------------------------------------------------------------


def contributions_for_events(event_ids) -> dict[int, list[Contribution]]:
    """{event id: its contributions with their country}, in one query."""
    grouped: dict[int, list[Contribution]] = {event_id: [] for event_id in event_ids}
    if grouped:
        for contribution in db.session.scalars(
            select(Contribution)
            .join(Contribution.country)
            .where(Contribution.event_id.in_(grouped))
            .options(contains_eager(Contribution.country))
            .order_by(Contribution.kind, name_order(Country.name))
        ):
            grouped[contribution.event_id].append(contribution)
    return grouped


def action_items_for_events(event_ids) -> dict[int, list[ActionItem]]:
    """{event id: its action items}, in one query."""
    grouped: dict[int, list[ActionItem]] = {event_id: [] for event_id in event_ids}
    if grouped:
        for item in db.session.scalars(
            select(ActionItem).where(ActionItem.event_id.in_(grouped)).order_by(ActionItem.id)
        ):
            grouped[item.event_id].append(item)
    return grouped


def latest_event_ending_before(day: date, kind: EventKind) -> Event | None:
    """The most recent event of `kind` that ended before `day` (e.g. the previous plenary)."""
    return db.session.scalar(
        select(Event)
        .where(Event.kind == kind, Event.end_date < day)
        .order_by(Event.end_date.desc(), Event.id.desc())
        .limit(1)
    )


def latest_event_starting_on_or_before(day: date, kind: EventKind | None = None) -> Event | None:
    """The most recent event (of `kind`, if given) that started on or before `day`."""
    query = select(Event).where(Event.start_date <= day)
    if kind is not None:
        query = query.where(Event.kind == kind)
    return db.session.scalar(query.order_by(Event.start_date.desc(), Event.id.desc()).limit(1))


def event_count_between(start: date, end: date) -> int:
    return db.session.scalar(select(func.count(Event.id)).where(Event.start_date.between(start, end)))


# -- a country's contributions and open action items (the country page) ---------------------------------


def country_contributions(country_id: int) -> list[Contribution]:
    return list(
        db.session.scalars(
            select(Contribution)
            .join(Contribution.event)
            .where(Contribution.country_id == country_id)
            .options(contains_eager(Contribution.event))
            .order_by(Event.start_date.desc(), Contribution.id)
        )
    )


def country_open_action_items(country_id: int) -> list[ActionItem]:
    """Open or in-progress action items that concern the country: its name in the item's owner or text
    (“Fiji to designate…”, owner “Kenya”). The network-wide items of the meetings it attended (“Secretariat:
    keep the directory up to date”) concern every member alike and are on the action items page, not on
    each country's."""
    name = select(Country.name).where(Country.id == country_id).scalar_subquery()
    pattern = literal("%") + name + literal("%")
    return list(
        db.session.scalars(
            select(ActionItem)
            .join(ActionItem.event)
            .where(
                ActionItem.status.in_(OUTSTANDING),
                or_(ActionItem.owner.ilike(pattern), ActionItem.title.ilike(pattern)),
            )
            .options(contains_eager(ActionItem.event))
            .order_by(
                ActionItem.due_date.is_(None), ActionItem.due_date, Event.start_date.desc(), ActionItem.id
            )
        )
    )
