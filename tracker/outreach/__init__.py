"""Outreach: what goes out to the network and what comes back — the outbox page, verification and
reachability campaigns with signed self-service links, the review queue of proposed corrections, and
phone tests logged by hand."""

from flask import Blueprint

bp = Blueprint("outreach", __name__, url_prefix="/outreach")


@bp.context_processor
def _helpers():
    from tracker.directory.records import display

    return {"show": display}


from tracker.outreach import (  # noqa: E402,F401  (they register themselves)
    bounces,
    distribution_routes,
    models,
    profile,
    public_routes,
    review_routes,
    routes,
)
