"""Reads for countries and organisations: filters and counts run in SQL."""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import and_, func, literal, select
from sqlalchemy.orm import selectinload

from tracker.core.collation import name_order
from tracker.countries.models import Country, Instrument, Organisation, Status, TreatyMembership
from tracker.extensions import db


def status_column(day: date, instrument: Instrument = Instrument.ETS185):
    """A SQL expression for a country's status on `day`; use with `outer_join_membership`."""
    return func.coalesce(TreatyMembership.status_on(day), literal(Status.NONE.value))


def outer_join_membership(query, instrument: Instrument = Instrument.ETS185):
    return query.outerjoin(
        TreatyMembership,
        and_(TreatyMembership.country_id == Country.id, TreatyMembership.instrument == instrument),
    )


@dataclass
class CountryRow:
    country: Country
    status: Status


def _in_region(query, region: str | None):
    return query.where(Country.region == region) if region else query


def count_by_status(
    day: date, *, region: str | None = None, instrument: Instrument = Instrument.ETS185
) -> dict[Status, int]:
    """How many countries hold each status on `day` (every status present, zero included)."""
    status_expr = status_column(day, instrument)
    query = outer_join_membership(select(status_expr, func.count(Country.id)), instrument)
    counts = {Status(s): n for s, n in db.session.execute(_in_region(query, region).group_by(status_expr))}
    return {s: counts.get(s, 0) for s in Status}


def countries_with_status(
    day: date, *, status: Status | None = None, region: str | None = None
) -> list[CountryRow]:
    """Every country with its Convention status on `day`, filtered by status and region."""
    status_expr = status_column(day)
    query = _in_region(outer_join_membership(select(Country, status_expr)), region)
    if status:
        query = query.where(status_expr == status.value)
    query = query.order_by(name_order(Country.name)).options(selectinload(Country.memberships))
    return [CountryRow(country, Status(value)) for country, value in db.session.execute(query)]


def regions() -> list[str]:
    return list(
        db.session.scalars(
            select(Country.region).where(Country.region.is_not(None)).distinct().order_by(Country.region)
        )
    )


def country_by_iso3(iso3: str) -> Country | None:
    return db.session.scalar(
        select(Country).where(Country.iso3 == iso3.upper()).options(selectinload(Country.memberships))
    )


def country_choices() -> list[tuple[int, str]]:
    return list(db.session.execute(select(Country.id, Country.name).order_by(name_order(Country.name))).all())


def organisations_page(page: int, per_page: int):
    return db.paginate(
        select(Organisation).order_by(name_order(Organisation.name)), page=page, per_page=per_page
    )


def parties_by_deposit_year(instrument: Instrument = Instrument.ETS185) -> tuple[list[tuple[int, int]], int]:
    """How many States became Parties each year (deposit of the instrument), and how many Parties have
    no recorded deposit date (they cannot be placed on a timeline)."""
    year = func.extract("year", TreatyMembership.deposited_on)
    per_year = db.session.execute(
        select(year, func.count(TreatyMembership.id))
        .where(TreatyMembership.instrument == instrument, TreatyMembership.deposited_on.is_not(None))
        .group_by(year)
        .order_by(year)
    ).all()
    undated = db.session.scalar(
        select(func.count(TreatyMembership.id)).where(
            TreatyMembership.instrument == instrument,
            TreatyMembership.deposited_on.is_(None),
            TreatyMembership.recorded_status == Status.PARTY,
        )
    )
    return [(int(y), n) for y, n in per_year], undated


def statuses_on(day: date) -> list[tuple[int, str, str, Status]]:
    """(id, iso3, name, status) of every country with a status other than none on `day`."""
    status_expr = status_column(day)
    query = outer_join_membership(select(Country.id, Country.iso3, Country.name, status_expr)).where(
        status_expr != Status.NONE.value
    )
    rows = db.session.execute(query.order_by(name_order(Country.name)))
    return [(id_, iso3, name, Status(value)) for id_, iso3, name, value in rows]


def names_by_iso3() -> dict[str, str]:
    return dict(db.session.execute(select(Country.iso3, Country.name)).all())
