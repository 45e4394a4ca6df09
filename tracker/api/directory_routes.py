"""The directory's endpoints: today's entries and the published versions.

Declared exactly as the directory's pages are (`@access(read=Role.VIEWER)`), so whatever rule decides who
may read the directory pages decides for these too. Every call is recorded in the audit trail, as an
export is: the directory is confidential, and the API is a way for it to leave the tracker.
"""

from datetime import date

from flask import abort

from tracker.api import bp, schemas
from tracker.api.auth import record_directory_read
from tracker.api.paging import page_of, paged
from tracker.api.routes import country_or_422, documented
from tracker.core.access import Role, access
from tracker.countries.models import Status
from tracker.directory import queries
from tracker.directory.models import ContactPointType
from tracker.directory.records import entry_record


@bp.route("/directory", methods=["GET"])
@access(read=Role.VIEWER)
@bp.etag
@bp.arguments(schemas.DirectoryQuery, location="query", as_kwargs=True)
@bp.response(200, schemas.EntrySchema(many=True))
@paged
@documented
def directory(pagination_parameters, **filters):
    """Today's directory (the directory page's filters; by default the designations current today)."""
    country = country_or_422(filters.get("country"))
    directory_filter = queries.DirectoryFilter(
        country=country.iso3 if country else None,
        type=ContactPointType(filters["type"]) if filters.get("type") else None,
        region=filters.get("region"),
        status=Status(filters["status"]) if filters.get("status") else None,
        stale=filters.get("stale", False),
        search=filters.get("q"),
        state=filters.get("state", "current"),
    )
    page = queries.directory_page(
        directory_filter,
        date.today(),
        page=pagination_parameters.page,
        per_page=pagination_parameters.page_size,
    )
    pagination_parameters.item_count = page.total
    records = [entry_record(cp) for cp in page.items]  # before the audit's commit expires the rows
    record_directory_read(entity_type="contact_point", summary=f"{len(records)} of {page.total} entries")
    return records


def _release(release) -> dict:
    return {
        "number": release.number,
        "released_on": release.released_on,
        "note": release.note,
        "entry_count": release.entry_count,
        "changed_countries": sorted(c.iso3 for c in release.changed_countries),
    }


@bp.route("/directory/releases", methods=["GET"])
@access(read=Role.VIEWER)
@bp.etag
@bp.response(200, schemas.ReleaseSchema(many=True))
@paged
@documented
def releases(pagination_parameters):
    """The published versions of the directory, newest first (without their entries)."""
    items = page_of([_release(r) for r in queries.releases()], pagination_parameters)
    record_directory_read(entity_type="directory_release", summary=f"list of {len(items)} versions")
    return items


@bp.route("/directory/releases/<int:number>", methods=["GET"])
@access(read=Role.VIEWER)
@bp.etag
@bp.response(200, schemas.ReleaseDetailSchema)
@documented
def release(number: int):
    """One published version with every entry it froze, as its CSV/XLSX export has them."""
    found = queries.release(number) or abort(404, description=f"There is no version {number}.")
    body = _release(found) | {"entries": list(found.snapshot)}
    record_directory_read(
        entity_type="directory_release",
        entity_id=found.id,
        summary=f"version {number} ({found.entry_count} entries)",
    )
    return body
