"""Writes for campaigns, requests and phone tests. Services flush; callers commit.

A request's mail is queued in the outbox in the same transaction as the request (and its campaign), so a
campaign either exists with all its mails or not at all.
"""

import secrets
from datetime import date, datetime, timedelta

from flask import current_app

from tracker.core import audit
from tracker.core.errors import DomainError
from tracker.core.mail import mail_queue
from tracker.core.time import as_utc, utcnow
from tracker.directory.models import ContactPoint
from tracker.extensions import db
from tracker.outreach import links, queries
from tracker.outreach.models import Campaign, CampaignKind, OutreachRequest, PhoneTest

TEMPLATES = {
    CampaignKind.VERIFICATION: (
        "verification_request",
        "Please check your entry in the 24/7 Network directory",
    ),
    CampaignKind.REACHABILITY: ("reachability_test", "24/7 Network: reachability test, please acknowledge"),
}
REMINDER_PREFIX = "Reminder: "


def mail_language(cp: ContactPoint) -> str:
    """The language to write to the contact point in: English until other templates exist (the lookup
    falls back to English for a language without templates)."""
    first = (cp.languages or ["eng"])[0]
    return {"fra": "fr"}.get(first, "en")


def _queue_mail(request: OutreachRequest, cp: ContactPoint, *, reminder: bool, now: datetime):
    template, subject = TEMPLATES[request.kind]
    token = links.sign(request)
    return mail_queue(
        to=request.to_address,
        subject=(REMINDER_PREFIX if reminder else "") + subject,
        template=template,
        language=mail_language(cp),
        context={
            "cp": cp,
            "link": links.external_url(token),
            "expires_on": request.expires_at,
            "reminder": reminder,
            "campaign": request.campaign,
        },
    )


def request_issue(
    cp: ContactPoint, *, kind: CampaignKind, campaign: Campaign | None, now: datetime | None = None
) -> OutreachRequest:
    """A request with its signed link, and its mail in the outbox (added; the caller flushes)."""
    if not cp.email:
        raise DomainError(f"{cp.name} has no e-mail address to send a link to.")
    now = now or utcnow()
    request = OutreachRequest(
        campaign=campaign,
        contact_point=cp,
        kind=kind,
        nonce=secrets.token_urlsafe(24),
        cp_version=cp.version,
        to_address=cp.email,
        created_at=now,
        expires_at=now + timedelta(days=current_app.config["OUTREACH_LINK_DAYS"]),
    )
    request.message = _queue_mail(request, cp, reminder=False, now=now)
    db.session.add(request)
    return request


def link_send(cp: ContactPoint, *, kind: CampaignKind, by) -> OutreachRequest:
    """One link to one contact point, outside any campaign."""
    request = request_issue(cp, kind=kind, campaign=None)
    db.session.flush()
    audit.record(
        action="send_link",
        entity_type="contact_point",
        entity_id=cp.id,
        summary=f"Sent a {kind.value} link to {cp.name} ({cp.country.name}) at {cp.email}",
        by=by,
    )
    return request


def parse_countries(text: str | None) -> list[str]:
    codes = sorted(
        {part.strip().upper() for part in (text or "").replace(";", ",").split(",") if part.strip()}
    )
    unknown = sorted(set(codes) - queries.known_iso3(codes))
    if unknown:
        raise DomainError(f"Not an ISO alpha-3 country code: {', '.join(unknown)}.", field="countries")
    return codes


def campaign_start(
    *,
    kind: CampaignKind,
    stale_only: bool = False,
    countries: list[str] | None = None,
    reminder_after_days: int | None = None,
    by,
    day: date | None = None,
) -> Campaign:
    """Start a campaign: one request and one mail per designated contact point with an e-mail address."""
    day = day or date.today()
    countries = countries or []
    targets = queries.campaign_targets(day, stale_only=stale_only, countries=countries)
    if not targets:
        raise DomainError(
            "No designated contact point with an e-mail address matches: there is no one to write to."
        )
    now = utcnow()
    campaign = Campaign(
        kind=kind,
        stale_only=stale_only,
        countries=countries,
        reminder_after_days=reminder_after_days,
        started_at=now,
        started_by_id=getattr(by, "id", None),
    )
    db.session.add(campaign)
    for cp in targets:
        request_issue(cp, kind=kind, campaign=campaign, now=now)
    db.session.flush()
    audit.record(
        action="start",
        entity_type="campaign",
        entity_id=campaign.id,
        summary=f"Started a {kind.label.lower()} of {campaign.scope}: {len(targets)} contact points",
        by=by,
    )
    return campaign


def campaign_remind(campaign: Campaign, *, by=None, now: datetime | None = None) -> int:
    """Queue a reminder to each contact point that has not answered after the campaign's delay."""
    if campaign.closed_at is not None or not campaign.reminder_after_days:
        return 0
    now = now or utcnow()
    candidates = queries.requests_to_remind(campaign, now - timedelta(days=campaign.reminder_after_days))
    due = [request for request in candidates if as_utc(request.expires_at) > now]
    for request in due:
        _queue_mail(request, request.contact_point, reminder=True, now=now)
        request.reminded_at = now
    db.session.flush()
    if due:
        audit.record(
            action="remind",
            entity_type="campaign",
            entity_id=campaign.id,
            summary=f"Reminded {len(due)} contact points of {campaign.title}",
            by=by,
        )
    return len(due)


def campaigns_remind(*, now: datetime | None = None) -> int:
    """Reminders for every open campaign that is due some (cron, through `tracker campaigns remind`)."""
    return sum(campaign_remind(c, now=now) for c in queries.open_campaigns_with_reminders())


def campaign_close(campaign: Campaign, *, by) -> Campaign:
    """Close a campaign: its links stop accepting answers."""
    if campaign.closed_at is not None:
        raise DomainError("This campaign is already closed.")
    campaign.closed_at = utcnow()
    db.session.flush()
    audit.record(
        action="close",
        entity_type="campaign",
        entity_id=campaign.id,
        summary=f"Closed {campaign.title}",
        by=by,
    )
    return campaign


def phone_test_log(*, data: dict, by) -> PhoneTest:
    cp = db.session.get(ContactPoint, data.get("contact_point_id") or 0)
    if cp is None:
        raise DomainError("Choose the contact point that was called.", field="contact_point_id")
    answered = bool(data.get("answered"))
    minutes = data.get("minutes_to_answer")
    if not answered and minutes is not None:
        raise DomainError("A call that was not answered has no time to answer.", field="minutes_to_answer")
    called_at = data["called_at"]
    if called_at.tzinfo is None:
        called_at = called_at.replace(tzinfo=utcnow().tzinfo)
    if called_at > utcnow() + timedelta(minutes=5):
        raise DomainError("A call is logged after it was made, not in the future.", field="called_at")
    test = PhoneTest(
        contact_point=cp,
        called_at=called_at,
        answered=answered,
        minutes_to_answer=minutes,
        called_by_id=getattr(by, "id", None),
        note=data.get("note"),
    )
    db.session.add(test)
    db.session.flush()
    outcome = (
        f"answered in {minutes} min"
        if answered and minutes is not None
        else ("answered" if answered else "not answered")
    )
    audit.record_create(
        entity_type="phone_test",
        entity_id=test.id,
        summary=f"Logged a test call to {cp.name} ({cp.country.name}): {outcome}",
        by=by,
    )
    return test
