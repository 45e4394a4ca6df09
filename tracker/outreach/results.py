"""What outreach feeds the rest of the tracker: reachability figures for the plenary report, a chart per
test for the dashboard, the verification history of a contact point by source.

Read-only, and called by the packages above (reports, dashboards, country profile); they decide how to
show it. Response times are computed from each request's send time, in Python: SQLite has no median.
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from statistics import median

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from tracker.directory.models import ContactPoint
from tracker.extensions import db
from tracker.outreach.models import Campaign, CampaignKind, OutreachRequest, Verification

DAY_MINUTES = 24 * 60


def _tests_in(start: date, end: date) -> list[Campaign]:
    """Reachability tests started in the period (both days included)."""
    begin = datetime.combine(start, time.min, tzinfo=UTC)
    finish = datetime.combine(end + timedelta(days=1), time.min, tzinfo=UTC)
    return list(
        db.session.scalars(
            select(Campaign)
            .options(joinedload(Campaign.requests).joinedload(OutreachRequest.message))
            .where(
                Campaign.kind == CampaignKind.REACHABILITY,
                Campaign.started_at >= begin,
                Campaign.started_at < finish,
            )
            .order_by(Campaign.started_at)
        ).unique()
    )


def reachability(start: date, end: date) -> dict:
    """The plenary report's `reachability` key: {"tests", "contact_points_tested", "answered",
    "answered_within_24h", "median_response_minutes"}, with null figures when no test was run."""
    tests = _tests_in(start, end)
    requests = [request for test in tests for request in test.requests]
    if not tests:
        return {
            "tests": 0,
            "contact_points_tested": None,
            "answered": None,
            "answered_within_24h": None,
            "median_response_minutes": None,
        }
    minutes = [r.response_minutes for r in requests if r.response_minutes is not None]
    return {
        "tests": len(tests),
        "contact_points_tested": len({r.contact_point_id for r in requests}),
        "answered": len(minutes),
        "answered_within_24h": sum(1 for m in minutes if m <= DAY_MINUTES),
        "median_response_minutes": round(median(minutes), 1) if minutes else None,
    }


@dataclass
class TestResult:
    """One reachability test as the dashboard's chart shows it: shares of the contact points tested."""

    campaign_id: int
    started_on: date
    tested: int
    within_1h: int
    within_24h: int  # after the first hour, within the day
    later: int
    not_answered: int


def reachability_by_test(start: date, end: date) -> list[TestResult]:
    results = []
    for test in _tests_in(start, end):
        minutes = [r.response_minutes for r in test.requests]
        results.append(
            TestResult(
                campaign_id=test.id,
                started_on=test.started_at.date(),
                tested=len(minutes),
                within_1h=sum(1 for m in minutes if m is not None and m <= 60),
                within_24h=sum(1 for m in minutes if m is not None and 60 < m <= DAY_MINUTES),
                later=sum(1 for m in minutes if m is not None and m > DAY_MINUTES),
                not_answered=sum(1 for m in minutes if m is None),
            )
        )
    return results


@dataclass
class CountryTest:
    started_on: date
    contact_point: str
    minutes: int | None  # None: not answered


def country_outreach(country_id: int) -> tuple[list[CountryTest], list[Verification]]:
    """For the country profile: the reachability tests of the country's contact points (response times over
    time, oldest first) and their verifications by source (newest first)."""
    requests = db.session.scalars(
        select(OutreachRequest)
        .join(ContactPoint, OutreachRequest.contact_point_id == ContactPoint.id)
        .join(Campaign, OutreachRequest.campaign_id == Campaign.id)
        .options(joinedload(OutreachRequest.message), joinedload(OutreachRequest.campaign))
        .options(joinedload(OutreachRequest.contact_point))
        .where(ContactPoint.country_id == country_id, Campaign.kind == CampaignKind.REACHABILITY)
        .order_by(Campaign.started_at, OutreachRequest.id)
    )
    tests = [
        CountryTest(r.campaign.started_at.date(), r.contact_point.name, r.response_minutes) for r in requests
    ]
    verifications = list(
        db.session.scalars(
            select(Verification)
            .join(ContactPoint, Verification.contact_point_id == ContactPoint.id)
            .options(joinedload(Verification.contact_point), joinedload(Verification.by))
            .where(ContactPoint.country_id == country_id)
            .order_by(Verification.at.desc())
        )
    )
    return tests, verifications
