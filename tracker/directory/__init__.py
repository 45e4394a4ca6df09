"""The directory of 24/7 contact points: entries, their history and verification, numbered releases,
imports and exports."""

from flask import Blueprint

bp = Blueprint("directory", __name__, url_prefix="/directory")


@bp.context_processor
def _helpers():
    from tracker.directory.records import availability, display

    return {"show": display, "availability": availability}


from tracker.directory import imports, profile, release_routes, routes  # noqa: E402,F401  (they register themselves)
