"""The gap view: where capacity building has not reached, or has not yet led to a contact point.

Three lists, as of a day:
1. Parties and observer States (signatories and States invited to accede) that received support (were a
   beneficiary of an ongoing or completed activity that started on or before the day) but have no
   current contact point. Contact points belong to the directory: the gap view asks it, in the same SQL,
   whether a country has one (`directory.queries.has_current_contact_point`, a correlated EXISTS).
2. Parties whose instrument was deposited within the two years up to the day with no support activity.
3. States invited to accede (status observer on the day) with no support activity.

"Support" is an activity, other than a platform, of which the country is a beneficiary; a platform serves
the whole network, not one country. For lists 2 and 3 any activity that is not cancelled counts, planned
ones included: the gap is then being addressed.
"""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import exists, func, select

from tracker.activities.models import (
    DELIVERED,
    Activity,
    ActivityKind,
    ActivityStatus,
    activity_beneficiaries,
)
from tracker.core.collation import name_order
from tracker.countries.models import Country, Instrument, Status, TreatyMembership
from tracker.countries.queries import outer_join_membership, status_column
from tracker.directory.queries import has_current_contact_point
from tracker.extensions import db

NETWORK_STATUSES = (Status.PARTY, Status.SIGNATORY, Status.OBSERVER)


@dataclass(frozen=True)
class GapRow:
    country: Country
    status: Status
    activities: int = 0  # support activities received (list 1)
    last_activity: date | None = None
    deposited_on: date | None = None  # list 2
    invited_on: date | None = None  # list 3


@dataclass(frozen=True)
class Gaps:
    day: date
    since: date  # the start of the two-year window of list 2
    without_contact_point: list[GapRow]
    new_parties_without_support: list[GapRow]
    invited_without_activity: list[GapRow]


def two_years_before(day: date) -> date:
    try:
        return day.replace(year=day.year - 2)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 2, day=28)


def _any_support():
    """A condition on Country: a beneficiary of a support activity that is not cancelled."""
    return exists().where(
        activity_beneficiaries.c.country_id == Country.id,
        activity_beneficiaries.c.activity_id == Activity.id,
        Activity.kind != ActivityKind.PLATFORM,
        Activity.status != ActivityStatus.CANCELLED,
    )


def supported_without_contact_point(day: date) -> list[GapRow]:
    received = (
        select(
            activity_beneficiaries.c.country_id,
            func.count(Activity.id).label("activities"),
            func.max(Activity.start_date).label("last"),
        )
        .join(Activity, Activity.id == activity_beneficiaries.c.activity_id)
        .where(
            Activity.kind != ActivityKind.PLATFORM,
            Activity.status.in_(DELIVERED),
            Activity.start_date <= day,
        )
        .group_by(activity_beneficiaries.c.country_id)
        .subquery()
    )
    status = status_column(day)
    query = outer_join_membership(
        select(Country, status, received.c.activities, received.c.last).join(
            received, received.c.country_id == Country.id
        )
    ).where(status.in_([s.value for s in NETWORK_STATUSES]), ~has_current_contact_point(day))
    return [
        GapRow(country, Status(value), activities=n, last_activity=last)
        for country, value, n, last in db.session.execute(query.order_by(name_order(Country.name)))
    ]


def new_parties_without_support(day: date) -> list[GapRow]:
    since = two_years_before(day)
    query = (
        select(Country, TreatyMembership.deposited_on)
        .join(TreatyMembership, TreatyMembership.country_id == Country.id)
        .where(
            TreatyMembership.instrument == Instrument.ETS185,
            TreatyMembership.deposited_on.between(since, day),
            ~_any_support(),
        )
        .order_by(TreatyMembership.deposited_on.desc(), name_order(Country.name))
    )
    return [
        GapRow(country, Status.PARTY, deposited_on=deposited)
        for country, deposited in db.session.execute(query)
    ]


def invited_without_activity(day: date) -> list[GapRow]:
    status = status_column(day)
    query = outer_join_membership(select(Country, TreatyMembership.invited_on)).where(
        status == Status.OBSERVER.value, ~_any_support()
    )
    return [
        GapRow(country, Status.OBSERVER, invited_on=invited)
        for country, invited in db.session.execute(query.order_by(name_order(Country.name)))
    ]


def gaps(day: date) -> Gaps:
    return Gaps(
        day=day,
        since=two_years_before(day),
        without_contact_point=supported_without_contact_point(day),
        new_parties_without_support=new_parties_without_support(day),
        invited_without_activity=invited_without_activity(day),
    )
