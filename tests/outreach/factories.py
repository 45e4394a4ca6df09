"""Outreach rows for tests (flushed, not committed)."""

from tests.directory import factories as directory_factories
from tracker.extensions import db
from tracker.outreach import services
from tracker.outreach.models import CampaignKind


def link_request(cp=None, *, kind=CampaignKind.VERIFICATION, campaign=None):
    cp = cp or directory_factories.contact_point()
    request = services.request_issue(cp, kind=kind, campaign=campaign)
    db.session.flush()
    return request


def token_of(request) -> str:
    from tracker.outreach import links

    return links.sign(request)


def campaign(kind=CampaignKind.VERIFICATION, *, countries=None, by=None):
    return services.campaign_start(kind=kind, countries=countries or [], by=by)


def proposal(request=None, **changes):
    from tracker.outreach import links

    request = request or link_request()
    data = {key: getattr(request.contact_point, key) for key in ("institution", "unit", "email", "phone")}
    data |= {"available_24_7": True, "languages": "fra, eng"} | (changes or {"phone": "+33 1 99 00 00 01"})
    proposal = links.link_propose(request, data=data)
    db.session.flush()
    return proposal
