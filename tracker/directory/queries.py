"""Reads for the directory. Filters and counts run in SQL; relations are loaded eagerly.

The plenary report calls the functions under "Plenary statistics": each counts the contact points of
countries that are Parties to the Convention on the day asked, designated on that day.
"""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import Select, distinct, func, select
from sqlalchemy.orm import selectinload, undefer

from tracker.core.audit import AuditEvent
from tracker.core.collation import name_order
from tracker.countries.models import Country, Status
from tracker.countries.queries import outer_join_membership, status_column
from tracker.directory.models import (
    ContactPoint,
    ContactPointType,
    DirectoryRelease,
    release_countries,
    twelve_months_before,
)
from tracker.directory.records import entry_record, sort_key
from tracker.extensions import db

STATES = {"current": "Current", "upcoming": "Starting later", "ended": "Ended", "all": "All designations"}


@dataclass
class DirectoryFilter:
    country: str | None = None  # ISO alpha-3
    type: ContactPointType | None = None
    region: str | None = None
    status: Status | None = None
    stale: bool = False
    search: str | None = None
    state: str = "current"


def _state_clause(state: str, day: date):
    if state == "upcoming":
        return ContactPoint.valid_from > day
    if state == "ended":
        return ContactPoint.valid_to < day
    if state == "all":
        return None
    return ContactPoint.designated_on(day)


def _filtered(query: Select, f: DirectoryFilter, day: date, *, by_type: bool = True) -> Select:
    query = query.join(ContactPoint.country)
    if f.status is not None:
        query = outer_join_membership(query).where(status_column(day) == f.status.value)
    clauses = [
        _state_clause(f.state, day),
        Country.iso3 == f.country if f.country else None,
        ContactPoint.type == f.type if f.type and by_type else None,
        Country.region == f.region if f.region else None,
        ContactPoint.stale_on(day) if f.stale else None,
    ]
    if f.search:
        pattern = "%" + f.search.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        clauses.append(
            ContactPoint.institution.ilike(pattern, escape="\\")
            | ContactPoint.unit.ilike(pattern, escape="\\")
        )
    return query.where(*[c for c in clauses if c is not None])


ORDER = (name_order(Country.name), ContactPoint.type, name_order(ContactPoint.institution), ContactPoint.id)


def directory_page(f: DirectoryFilter, day: date, *, page: int, per_page: int):
    query = _filtered(select(ContactPoint), f, day).options(selectinload(ContactPoint.country))
    return db.paginate(query.order_by(*ORDER), page=page, per_page=per_page, error_out=False)


def counts_by_type(f: DirectoryFilter, day: date) -> dict[ContactPointType, int]:
    """How many entries of each type match the filter (ignoring its type), every type listed."""
    query = _filtered(select(ContactPoint.type, func.count(ContactPoint.id)), f, day, by_type=False)
    counts = dict(db.session.execute(query.group_by(ContactPoint.type)).all())
    return {t: counts.get(t, 0) for t in ContactPointType}


def countries_with_entries() -> list[tuple[str, str]]:
    """(ISO alpha-3, name) of every country that has designated a contact point, by name."""
    query = (
        select(Country.iso3, Country.name)
        .where(select(ContactPoint.id).where(ContactPoint.country_id == Country.id).exists())
        .order_by(name_order(Country.name))
    )
    return [(iso3, name) for iso3, name in db.session.execute(query)]


def contact_point(cp_id: int) -> ContactPoint | None:
    return db.session.scalar(
        select(ContactPoint)
        .where(ContactPoint.id == cp_id)
        .options(selectinload(ContactPoint.country), selectinload(ContactPoint.verified_by))
    )


def history(cp_id: int) -> list[AuditEvent]:
    """Every recorded change of the entry, newest first."""
    return list(
        db.session.scalars(
            select(AuditEvent)
            .where(AuditEvent.entity_type == "contact_point", AuditEvent.entity_id == str(cp_id))
            .order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
            .options(selectinload(AuditEvent.user))
        )
    )


def country_contact_points(country_id: int) -> list[ContactPoint]:
    """Every designation of the country, past, current and later, latest first."""
    return list(
        db.session.scalars(
            select(ContactPoint)
            .where(ContactPoint.country_id == country_id)
            .order_by(ContactPoint.valid_from.desc(), ContactPoint.type, name_order(ContactPoint.institution))
            .options(selectinload(ContactPoint.verified_by))
        )
    )


def country_release_numbers(country_id: int) -> list[int]:
    """The numbers of the releases in which the country's entries changed."""
    return list(
        db.session.scalars(
            select(DirectoryRelease.number)
            .join(release_countries, release_countries.c.release_id == DirectoryRelease.id)
            .where(release_countries.c.country_id == country_id)
            .order_by(DirectoryRelease.number)
        )
    )


def overlapping_entry(
    *, country_id, institution, unit, type, valid_from, valid_to, exclude_id=None
) -> ContactPoint | None:
    """An entry of the same country, type, institution and unit whose designation overlaps the period."""
    query = select(ContactPoint).where(
        ContactPoint.country_id == country_id,
        ContactPoint.type == type,
        func.lower(ContactPoint.institution) == institution.strip().lower(),
        func.lower(func.coalesce(ContactPoint.unit, "")) == (unit or "").strip().lower(),
        (ContactPoint.valid_to.is_(None) | (ContactPoint.valid_to >= valid_from)),
    )
    if valid_to is not None:
        query = query.where(ContactPoint.valid_from <= valid_to)
    if exclude_id is not None:
        query = query.where(ContactPoint.id != exclude_id)
    return db.session.scalar(query.options(selectinload(ContactPoint.country)).limit(1))


def entries_of_countries(country_ids) -> list[ContactPoint]:
    return list(
        db.session.scalars(
            select(ContactPoint)
            .where(ContactPoint.country_id.in_(country_ids))
            .options(selectinload(ContactPoint.country))
        )
    )


def records_on(day: date) -> list[dict]:
    """Every entry designated on `day` as a record, in the directory's order."""
    entries = db.session.scalars(
        select(ContactPoint)
        .where(ContactPoint.designated_on(day))
        .options(selectinload(ContactPoint.country))
    )
    return sorted((entry_record(cp) for cp in entries), key=sort_key)


# -- releases ----------------------------------------------------------------------------------------


def releases() -> list[DirectoryRelease]:
    return list(
        db.session.scalars(
            select(DirectoryRelease)
            .order_by(DirectoryRelease.number.desc())
            .options(
                selectinload(DirectoryRelease.changed_countries), selectinload(DirectoryRelease.created_by)
            )
        )
    )


def release(number: int, *, with_snapshot: bool = True) -> DirectoryRelease | None:
    query = select(DirectoryRelease).where(DirectoryRelease.number == number)
    options = [selectinload(DirectoryRelease.changed_countries), selectinload(DirectoryRelease.created_by)]
    if with_snapshot:
        options.append(undefer_snapshot())
    return db.session.scalar(query.options(*options))


def undefer_snapshot():
    return undefer(DirectoryRelease.snapshot)


def latest_release() -> DirectoryRelease | None:
    return db.session.scalar(
        select(DirectoryRelease).order_by(DirectoryRelease.number.desc()).limit(1).options(undefer_snapshot())
    )


def latest_release_number() -> int | None:
    return db.session.scalar(select(func.max(DirectoryRelease.number)))


def previous_release_number(number: int) -> int | None:
    return db.session.scalar(
        select(func.max(DirectoryRelease.number)).where(DirectoryRelease.number < number)
    )


def release_numbers() -> list[tuple[int, date]]:
    query = select(DirectoryRelease.number, DirectoryRelease.released_on).order_by(
        DirectoryRelease.number.desc()
    )
    return [(number, day) for number, day in db.session.execute(query)]


# -- plenary statistics ------------------------------------------------------------------------------


def _party_designations(query: Select, day: date) -> Select:
    """Restrict to entries designated on `day` whose country is a Party to the Convention on `day`."""
    query = outer_join_membership(query.join(Country, Country.id == ContactPoint.country_id))
    return query.where(ContactPoint.designated_on(day), status_column(day) == Status.PARTY.value)


def contact_points_by_type(day: date) -> dict[str, int]:
    """{type: count} of the Parties' contact points designated on `day` (types with none are left out)."""
    query = _party_designations(select(ContactPoint.type, func.count(ContactPoint.id)), day)
    counts = dict(db.session.execute(query.group_by(ContactPoint.type)).all())
    return {t.value: counts[t] for t in ContactPointType if counts.get(t)}


def parties_with_contact_point(day: date) -> int:
    query = _party_designations(select(func.count(distinct(ContactPoint.country_id))), day)
    return db.session.scalar(query) or 0


def parties_with_multiple_contact_points(day: date) -> int:
    per_country = (
        _party_designations(select(ContactPoint.country_id), day)
        .group_by(ContactPoint.country_id)
        .having(func.count(ContactPoint.id) > 1)
        .subquery()
    )
    return db.session.scalar(select(func.count()).select_from(per_country)) or 0


def releases_between(start: date, end: date) -> list[DirectoryRelease]:
    """The releases dated from `start` to `end` (both included), in order, with their changed countries."""
    return list(
        db.session.scalars(
            select(DirectoryRelease)
            .where(DirectoryRelease.released_on.between(start, end))
            .order_by(DirectoryRelease.number)
            .options(selectinload(DirectoryRelease.changed_countries))
        )
    )


def release_countries_between(start: date, end: date) -> list[str]:
    """ISO alpha-3 codes of the countries whose entries changed in a release of the period, sorted."""
    return list(
        db.session.scalars(
            select(Country.iso3)
            .join(release_countries, release_countries.c.country_id == Country.id)
            .join(DirectoryRelease, DirectoryRelease.id == release_countries.c.release_id)
            .where(DirectoryRelease.released_on.between(start, end))
            .distinct()
            .order_by(Country.iso3)
        )
    )


def new_contact_points_between(start: date, end: date) -> list[tuple[str, str]]:
    """(ISO alpha-3, institution) of every designation starting in the period, by date then country."""
    query = (
        select(Country.iso3, ContactPoint.institution)
        .join(Country, Country.id == ContactPoint.country_id)
        .where(ContactPoint.valid_from.between(start, end))
        .order_by(ContactPoint.valid_from, Country.iso3, name_order(ContactPoint.institution))
    )
    return [(iso3, institution) for iso3, institution in db.session.execute(query)]


def countries_with_current_contact_point(day: date) -> set[int]:
    """Ids of the countries (Parties or not) with at least one contact point designated on `day`."""
    return set(
        db.session.scalars(select(ContactPoint.country_id).where(ContactPoint.designated_on(day)).distinct())
    )


def has_current_contact_point(day: date):
    """A condition on Country, for other features' queries: the country has a contact point designated on
    `day` (an EXISTS correlated on Country.id, so the question is answered inside their SQL)."""
    return (
        select(ContactPoint.id)
        .where(ContactPoint.country_id == Country.id, ContactPoint.designated_on(day))
        .exists()
    )


def release_count_between(start: date, end: date) -> int:
    return db.session.scalar(
        select(func.count(DirectoryRelease.id)).where(DirectoryRelease.released_on.between(start, end))
    )


@dataclass
class StaleEntry:
    id: int
    country: str
    institution: str
    last_verified_on: date | None
    stale: bool


def stalest_entries(day: date, *, limit: int) -> list[StaleEntry]:
    """The entries designated on `day` that have gone longest without verification: never verified first,
    then by the date of their last verification (ties in country order)."""
    query = (
        select(ContactPoint.id, Country.name, ContactPoint.institution, ContactPoint.last_verified_on)
        .join(Country, Country.id == ContactPoint.country_id)
        .where(ContactPoint.designated_on(day))
        .order_by(
            ContactPoint.last_verified_on.is_not(None),
            ContactPoint.last_verified_on,
            Country.name,
            ContactPoint.id,
        )
        .limit(limit)
    )
    stale_before = twelve_months_before(day)
    return [
        StaleEntry(id_, country, institution, verified, verified is None or verified < stale_before)
        for id_, country, institution, verified in db.session.execute(query)
    ]
