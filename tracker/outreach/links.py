"""Signed self-service links and what a contact point can do through one.

A link carries `{"n": nonce, "cp": entry id, "v": entry version}` signed with itsdangerous (the app's
SECRET_KEY, a salt of its own) and timestamped. It opens only if the signature holds, it is younger than
OUTREACH_LINK_DAYS, its request exists with the same entry and version and has not been used, its campaign
is open, and — for a verification — the entry has not changed since (a later edit supersedes it: the
contact point would be confirming values that are no longer the directory's). Every refusal writes nothing.
"""

from datetime import date, datetime

from flask import current_app
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from tracker.core import audit
from tracker.core.time import as_utc, utcnow
from tracker.directory import services as directory_services
from tracker.extensions import db
from tracker.outreach.models import (
    CampaignKind,
    OutreachRequest,
    ProposedChange,
    RequestOutcome,
    Verification,
    VerificationSource,
)
from tracker.outreach.queries import request_by_nonce
from tracker.outreach.review import proposal_submit

SALT = "outreach-link"

# What each refusal tells the person who opened the link: what happened and what to do, nothing more.
PROBLEMS = {
    "invalid": (
        "This link is not valid",
        "The link is incomplete or has been altered. Open it again from the e-mail you received, copying the "
        "whole address; if it still fails, write to the secretariat.",
    ),
    "expired": (
        "This link has expired",
        "Links stay valid for a limited time. Write to the secretariat, who can send you a new one.",
    ),
    "used": (
        "This link has already been used",
        "Each link can be used once, and an answer was already recorded with this one. If something is still "
        "wrong, write to the secretariat.",
    ),
    "superseded": (
        "This link has been replaced",
        "The entry has changed since this link was sent, so the link no longer applies. Write to the "
        "secretariat if you did not receive a newer one.",
    ),
    "closed": (
        "This campaign is closed",
        "The secretariat no longer collects answers for this campaign. Write to the secretariat if your "
        "details need to change.",
    ),
}


class LinkProblem(Exception):
    def __init__(self, kind: str):
        super().__init__(kind)
        self.kind = kind
        self.title, self.advice = PROBLEMS[kind]


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=SALT)


def sign(request: OutreachRequest) -> str:
    return _serializer().dumps({"n": request.nonce, "cp": request.contact_point.id, "v": request.cp_version})


def external_url_for(endpoint: str, **values) -> str:
    """An address for a mail: BASE_URL and the endpoint's path (built without a request, e.g. from cron)."""
    path = current_app.url_map.bind("localhost").build(endpoint, values)
    return current_app.config["BASE_URL"].rstrip("/") + path


def external_url(token: str) -> str:
    """The link as the contact point opens it."""
    return external_url_for("outreach.link_open", token=token)


def open_link(token: str, *, now: datetime | None = None) -> OutreachRequest:
    """The request a link stands for, or LinkProblem saying why it cannot be used."""
    now = now or utcnow()
    max_age = current_app.config["OUTREACH_LINK_DAYS"] * 86400
    try:
        payload = _serializer().loads(token, max_age=max_age)
    except SignatureExpired:
        raise LinkProblem("expired") from None
    except BadSignature:
        raise LinkProblem("invalid") from None
    if not isinstance(payload, dict) or not isinstance(payload.get("n"), str):
        raise LinkProblem("invalid")
    request = request_by_nonce(payload["n"])
    if (
        request is None
        or request.contact_point_id != payload.get("cp")
        or request.cp_version != payload.get("v")
    ):
        raise LinkProblem("invalid")
    if request.used_at is not None:
        raise LinkProblem("used")
    if request.campaign is not None and request.campaign.closed_at is not None:
        raise LinkProblem("closed")
    if as_utc(request.expires_at) <= now:
        raise LinkProblem("expired")
    if request.kind == CampaignKind.VERIFICATION and request.contact_point.version != request.cp_version:
        raise LinkProblem("superseded")
    return request


def _answered(request: OutreachRequest, outcome: RequestOutcome, now: datetime) -> None:
    request.used_at = request.answered_at = now
    request.outcome = outcome


def link_acknowledge(request: OutreachRequest, *, now: datetime | None = None) -> OutreachRequest:
    """A reachability test's answer: the time it came back is the test's result."""
    now = now or utcnow()
    _answered(request, RequestOutcome.ACKNOWLEDGED, now)
    db.session.flush()
    cp = request.contact_point
    audit.record(
        action="acknowledge",
        entity_type="contact_point",
        entity_id=cp.id,
        summary=f"{cp.name} ({cp.country.name}) acknowledged the reachability test "
        f"after {request.response_minutes} minutes",
    )
    return request


def link_confirm(request: OutreachRequest, *, now: datetime | None = None, today: date | None = None):
    """ "Still correct": a verification from the contact point itself."""
    now = now or utcnow()
    cp = request.contact_point
    _answered(request, RequestOutcome.CONFIRMED, now)
    directory_services.contact_point_verify(cp, by=None, on=today or date.today())
    db.session.add(
        Verification(contact_point=cp, at=now, source=VerificationSource.CONTACT_POINT, request_id=request.id)
    )
    db.session.flush()
    audit.record(
        action="confirm",
        entity_type="contact_point",
        entity_id=cp.id,
        summary=f"{cp.name} ({cp.country.name}) confirmed its entry through its link",
    )
    return request


def link_propose(request: OutreachRequest, *, data: dict, now: datetime | None = None) -> ProposedChange:
    """Corrections go to the review queue; the entry itself does not change. Raises CorrectionErrors."""
    now = now or utcnow()
    proposal = proposal_submit(request, data=data, now=now)
    _answered(request, RequestOutcome.CORRECTED, now)
    db.session.flush()
    return proposal
