"""Compute the plenary statistics for a period from each feature's queries (SQL aggregates).

The number of queries is fixed: each section asks its feature once, whatever the amount of data.
"""

from datetime import date, timedelta

from tracker.activities import queries as activity_queries
from tracker.authorities import input_queries as authority_queries
from tracker.core.collation import name_key
from tracker.core.validation import parse_date
from tracker.countries import queries as country_queries
from tracker.countries.models import Status
from tracker.directory import queries as directory_queries
from tracker.events import attendance as event_attendance
from tracker.events import queries as event_queries
from tracker.events.models import ContributionKind, EventKind
from tracker.outreach import results as outreach_results
from tracker.reports.model import ActivityLine, MeetingFigures, PlenaryReport


class PeriodError(ValueError):
    pass


def default_period(today: date) -> tuple[date, date]:
    """From the day after the previous plenary ended to today (or the last twelve months)."""
    previous = event_queries.latest_event_ending_before(today, EventKind.PLENARY)
    start = previous.end_date + timedelta(days=1) if previous else today - timedelta(days=365)
    return start, today


def parse_period(start: str | None, end: str | None, today: date) -> tuple[date, date]:
    """The period from text (YYYY-MM-DD), defaults filled in; PeriodError with a readable reason."""
    default_start, default_end = default_period(today)
    try:
        period_from = parse_date(start, "From") if start else default_start
        period_to = parse_date(end, "To") if end else default_end
    except ValueError as error:
        raise PeriodError(str(error)) from None
    if period_to < period_from:
        raise PeriodError(f"The period ends ({period_to}) before it starts ({period_from}).")
    return period_from, period_to


def _meetings(start: date, end: date) -> list[MeetingFigures]:
    meetings = event_attendance.meetings_between(start, end)
    ids = [m.event_id for m in meetings]
    contributions = event_queries.contributions_for_events(ids)
    items = event_queries.action_items_for_events(ids)
    result = []
    for meeting in meetings:
        a = meeting.attendance
        by_kind = {
            kind: sorted(
                (c.country.name for c in contributions[meeting.event_id] if c.kind == kind), key=name_key
            )
            for kind in ContributionKind
        }
        result.append(
            MeetingFigures(
                title=meeting.title,
                date=meeting.date,
                place=meeting.place,
                delegates=a.delegates,
                in_person=a.in_person,
                online=a.online,
                countries=a.countries,
                parties=a.parties,
                observers=a.observers,
                organisations=a.organisations,
                # where the meeting was, in every format (the sentence is what a plenary reads)
                sentence=f"At {meeting.place}: {a.sentence}" if meeting.place else a.sentence,
                new_member_updates=by_kind[ContributionKind.NEW_MEMBER_UPDATE],
                good_practices=by_kind[ContributionKind.GOOD_PRACTICE],
                conclusions=[item.title for item in items[meeting.event_id]],
                event_id=meeting.event_id,
            )
        )
    return result


def plenary_report(start: date, end: date) -> PlenaryReport:
    release_iso3 = directory_queries.release_countries_between(start, end)
    names = country_queries.names_by_iso3()
    new_points = directory_queries.new_contact_points_between(start, end)
    previous_plenary = event_queries.latest_event_ending_before(start, EventKind.PLENARY)
    decisions = []
    if previous_plenary is not None:
        decisions = [
            (previous_plenary.title, item.title)
            for item in event_queries.action_items_for_events([previous_plenary.id])[previous_plenary.id]
        ]
    authorities = authority_queries.input_counts(end)
    return PlenaryReport(
        period_from=start,
        period_to=end,
        parties=country_queries.count_by_status(end)[Status.PARTY],
        parties_with_contact_point=directory_queries.parties_with_contact_point(end),
        parties_with_multiple_contact_points=directory_queries.parties_with_multiple_contact_points(end),
        contact_points_by_type=directory_queries.contact_points_by_type(end),
        release_count=len(directory_queries.releases_between(start, end)),
        release_countries=sorted(
            ((iso3, names.get(iso3, iso3)) for iso3 in release_iso3), key=lambda pair: name_key(pair[1])
        ),
        new_contact_points=[(iso3, names.get(iso3, iso3), institution) for iso3, institution in new_points],
        activities=[
            ActivityLine(
                kind=a.kind.value,
                kind_label=a.kind.label,
                title=a.title,
                start=a.start_date,
                beneficiaries=sorted((c.name for c in a.beneficiaries), key=name_key),
                contributors=sorted((c.name for c in a.contributors), key=name_key),
                topics=sorted((t.name for t in a.topics), key=name_key),
            )
            for a in activity_queries.activities_between(start, end)
        ],
        meetings=_meetings(start, end),
        authorities=authorities,
        action_items=event_queries.action_item_counts(),
        open_action_items=[
            (item.title, item.owner or "", item.due_date, item.event.title)
            for item in event_queries.open_action_items()
        ],
        plenary_decisions=decisions,
        reachability=outreach_results.reachability(start, end),
    )
