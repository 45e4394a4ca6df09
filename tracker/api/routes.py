"""Endpoints for countries, events, activities and the plenary statistics: no personal data.

Each view parses its filters (the page's filters, by the same names), calls the queries the pages use, and
returns plain dicts for the schema to serialise. `@access` is the page's own declaration.
"""

from datetime import date

from flask import abort
from flask_smorest import abort as api_abort
from werkzeug.exceptions import HTTPException

from tracker.activities import queries as activity_queries
from tracker.activities.models import ActivityKind, ActivityStatus
from tracker.api import bp, queries, schemas
from tracker.api.auth import handle_error
from tracker.api.paging import page_of, paged
from tracker.core.access import Role, access
from tracker.core.cache import cached
from tracker.countries import queries as country_queries
from tracker.countries.models import Status
from tracker.events import attendance
from tracker.events import queries as event_queries
from tracker.events.models import EventKind
from tracker.reports.plenary import PeriodError, parse_period, plenary_report

bp.register_error_handler(HTTPException, handle_error)

REFUSALS = {
    401: {
        "description": "No token, or a token that is wrong, expired or revoked",
        "schema": schemas.ErrorSchema,
    },
    403: {"description": "The token's account may not read this", "schema": schemas.ErrorSchema},
}


def documented(view):
    """The refusals every endpoint may answer, in the document too."""
    for code, info in REFUSALS.items():
        view = bp.alt_response(code, **info)(view)
    return view


def country_or_422(iso3: str | None, parameter: str = "country"):
    if not iso3:
        return None
    country = country_queries.country_by_iso3(iso3.upper())
    if country is None:
        api_abort(422, message=f"Query parameter “{parameter}”: no country with the code {iso3!r}.")
    return country


# -- countries ------------------------------------------------------------------------------------------


@bp.route("/countries", methods=["GET"])
@access(read=Role.VIEWER)
@bp.etag
@bp.arguments(schemas.CountryQuery, location="query", as_kwargs=True)
@bp.response(200, schemas.CountrySchema(many=True))
@paged
@documented
def countries(pagination_parameters, on: date | None = None, status: str | None = None, region=None):
    """Countries with their status towards the Convention on a day (the countries page's filters)."""
    rows = country_queries.countries_with_status(
        on or date.today(), status=Status(status) if status else None, region=region
    )
    return page_of(
        [
            {
                "iso3": row.country.iso3,
                "iso2": row.country.iso2,
                "name": row.country.name,
                "region": row.country.region,
                "subregion": row.country.subregion,
                "status": row.status.value,
                "status_label": row.status.label,
            }
            for row in rows
        ],
        pagination_parameters,
    )


# -- events ---------------------------------------------------------------------------------------------


def _event(event, counts: attendance.Attendance) -> dict:
    return {
        "id": event.id,
        "kind": event.kind.value,
        "title": event.title,
        "start_date": event.start_date,
        "end_date": event.end_date,
        "place": event.place,
        "host_country": event.host_country.iso3 if event.host_country else None,
        "format": event.format.value,
        "organiser": event.organiser,
        "attendance": counts.as_dict() | {"sentence": counts.sentence},
    }


@bp.route("/events", methods=["GET"])
@access(read=Role.VIEWER)
@bp.etag
@bp.arguments(schemas.EventQuery, location="query", as_kwargs=True)
@bp.response(200, schemas.EventSchema(many=True))
@paged
@documented
def events(pagination_parameters, kind: str | None = None, year: int | None = None, country=None):
    """Events, newest first, with their attendance figures (the events page's filters)."""
    found = country_or_422(country)
    page = event_queries.events_page(
        kind=EventKind(kind) if kind else None,
        year=year,
        country_id=found.id if found else None,
        page=pagination_parameters.page,
        per_page=pagination_parameters.page_size,
    )
    pagination_parameters.item_count = page.total
    counts = attendance.attendance_by_event(e.id for e in page.items)
    return [_event(e, counts.get(e.id, attendance.Attendance())) for e in page.items]


@bp.route("/events/<int:event_id>", methods=["GET"])
@access(read=Role.VIEWER)
@bp.etag
@bp.response(200, schemas.EventSchema)
@documented
def event(event_id: int):
    """One event with its attendance figures."""
    found = event_queries.event_for_page(event_id) or abort(404)
    return _event(found, attendance.attendance(event_id))


# -- activities -----------------------------------------------------------------------------------------


def _activity(activity, event_ids: list[int]) -> dict:
    return {
        "id": activity.id,
        "kind": activity.kind.value,
        "title": activity.title,
        "status": activity.status.value,
        "start_date": activity.start_date,
        "end_date": activity.end_date,
        "programme": activity.programme,
        "description": activity.description,
        "outputs": activity.outputs,
        "topics": [t.name for t in activity.topics],
        "beneficiaries": [c.iso3 for c in activity.beneficiaries],
        "contributors": [c.iso3 for c in activity.contributors],
        "events": event_ids,
    }


@bp.route("/activities", methods=["GET"])
@access(read=Role.VIEWER)
@bp.etag
@bp.arguments(schemas.ActivityQuery, location="query", as_kwargs=True)
@bp.response(200, schemas.ActivitySchema(many=True))
@paged
@documented
def activities(pagination_parameters, **filters):
    """Capacity-building activities (the activities page's filters)."""
    found = country_or_422(filters.get("country"))
    page = activity_queries.activities_page(
        activity_queries.ActivityFilters(
            kind=ActivityKind(filters["kind"]) if filters.get("kind") else None,
            status=ActivityStatus(filters["status"]) if filters.get("status") else None,
            country_id=found.id if found else None,
            role=filters.get("role") if found else None,
            region=filters.get("region"),
            programme=filters.get("programme"),
            topic_id=filters.get("topic"),
            year=filters.get("year"),
        ),
        page=pagination_parameters.page,
        per_page=pagination_parameters.page_size,
    )
    pagination_parameters.item_count = page.total
    events_of = queries.event_ids_by_activity(a.id for a in page.items)
    return [_activity(a, events_of[a.id]) for a in page.items]


# -- the plenary statistics -----------------------------------------------------------------------------


@bp.route("/reports/plenary", methods=["GET"])
@access(read=Role.VIEWER)
@bp.etag
@bp.arguments(schemas.PeriodQuery, location="query", as_kwargs=True)
@bp.response(200, schemas.PlenarySchema)
@documented
def plenary(**period):
    """The plenary statistics for a period: the same object as the report's JSON download."""
    try:
        start, end = parse_period(period.get("from"), period.get("to"), date.today())
    except PeriodError as error:
        api_abort(422, message=str(error))
    # cached as the report page's computation is: never stale (tracker/core/cache.py)
    return cached(("api-plenary", start, end), lambda: plenary_report(start, end).to_json())
