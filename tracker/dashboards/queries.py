"""What the home dashboard reads, gathered in one place: every figure comes from its feature's queries
(computed there in SQL), and `home.py` only turns the results into headlines and charts.

Keeping the reads here means the dashboard's presentation never imports a feature's queries, and a reader
looking for "where does this number come from" finds one module that names the source of each.
"""

from dataclasses import dataclass
from datetime import date

from tracker.activities import queries as activity_queries
from tracker.authorities import input_queries as authority_queries
from tracker.countries import queries as country_queries
from tracker.countries.models import Status
from tracker.directory import queries as directory_queries
from tracker.events import attendance as event_attendance
from tracker.events import queries as event_queries
from tracker.events.models import EventKind
from tracker.outreach import results as outreach_results

# The dashboard shows the latest reachability tests and the entries longest without verification; older
# tests and the rest of the list are on the outreach and directory pages.
RECENT_TESTS = 8
STALEST = 10

StaleEntry = directory_queries.StaleEntry


@dataclass
class HeadlineFigures:
    counts: dict[Status, int]
    parties_with_contact_point: int
    parties_with_several: int
    # the period of the "what happened lately" tiles: since the last plenary, or the latest year with data
    since: date
    since_label: str
    releases_since: int
    events_since: int
    activities_since: int
    authorities_input: int
    authorities_parties: int


def headline_period(day: date) -> tuple[date, date, str]:
    """(first day, last day, label) of the recent-activity tiles. Since the last plenary that started on
    or before `day` (what the secretariat reports on next); without one, the year of `day`, or the latest
    earlier year with an event when that year has none yet ("0 events in 2026" in January says nothing)."""
    plenary = event_queries.latest_event_starting_on_or_before(day, EventKind.PLENARY)
    if plenary is not None:
        return plenary.start_date, day, f"since the last plenary ({plenary.start_date:%d %b %Y})"
    year = day.year
    if not event_queries.event_count_between(date(year, 1, 1), day):
        latest = event_queries.latest_event_starting_on_or_before(day)
        if latest is not None:
            year = latest.start_date.year
    return date(year, 1, 1), day if year == day.year else date(year, 12, 31), f"in {year}"


def headline_figures(day: date) -> HeadlineFigures:
    since, end, label = headline_period(day)
    authorities = authority_queries.input_headline(day)
    return HeadlineFigures(
        counts=country_queries.count_by_status(day),
        parties_with_contact_point=directory_queries.parties_with_contact_point(day),
        parties_with_several=directory_queries.parties_with_multiple_contact_points(day),
        since=since,
        since_label=label,
        releases_since=directory_queries.release_count_between(since, end),
        events_since=event_queries.event_count_between(since, end),
        activities_since=activity_queries.activity_count_between(since, end),
        authorities_input=authorities["provided_input"],
        authorities_parties=authorities["parties"],
    )


def statuses_with_coverage(day: date) -> list[tuple[str, str, Status, bool]]:
    """(ISO alpha-3, name, treaty status, has a contact point designated) of every country on `day`."""
    covered = directory_queries.countries_with_current_contact_point(day)
    return [
        (iso3, name, status, country_id in covered)
        for country_id, iso3, name, status in country_queries.statuses_on(day)
    ]


def contact_points_by_type(day: date) -> dict[str, int]:
    return directory_queries.contact_points_by_type(day)


def parties_by_deposit_year() -> tuple[list[tuple[int, int]], int]:
    return country_queries.parties_by_deposit_year()


def annual_meeting_trend():
    return event_attendance.annual_meeting_trend()


def activities_by_kind_year() -> list[tuple[int, str, int]]:
    return [(year, kind.label, n) for year, kind, n in activity_queries.activities_by_kind_year()]


def activities_by_region_year() -> list[tuple[int, str, int]]:
    return [(row.year, row.region, row.count) for row in activity_queries.activities_by_kind_region_year()]


def recent_reachability_tests(day: date) -> list[outreach_results.TestResult]:
    """The last `RECENT_TESTS` reachability tests started on or before `day`, oldest first."""
    return outreach_results.reachability_by_test(date.min, day)[-RECENT_TESTS:]


def stalest_entries(day: date) -> list[StaleEntry]:
    return directory_queries.stalest_entries(day, limit=STALEST)
