"""Demo outreach: a completed reachability test and a verification campaign inside the plenary's period,
and a few phone tests, so the dashboard and the report have results to show.

The campaigns are started through the services (so requests, links and mails are what a real campaign
writes), then moved back to their dates: their mails are marked sent then (the demo never sends to its
fictitious addresses), the answers are set in a fixed pattern, and their links have long expired. The
verification campaign's confirmations are kept as `Verification` rows of that date without moving the
entries' `last_verified_on`, which the directory's demo sets later than these dates already.
"""

from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import func, select, update

from tracker.core.audit import AuditEvent
from tracker.core.mail import MailStatus
from tracker.demo.foundation import demo_user
from tracker.extensions import db
from tracker.outreach import review, services
from tracker.outreach.models import (
    Campaign,
    CampaignKind,
    PhoneTest,
    ProposedChange,
    RequestOutcome,
    Verification,
    VerificationSource,
)

REACHABILITY_ON = date(2024, 10, 1)
VERIFICATION_ON = date(2024, 11, 4)


def _at(day: date, hour: int = 9) -> datetime:
    return datetime.combine(day, time(hour, 0), tzinfo=UTC)


def _reachability_minutes(i: int) -> int | None:
    """Most answer within the hour, some within the day, a few later, some never."""
    bucket = i % 10
    if bucket <= 5:
        return 4 + (i * 7) % 50
    if bucket <= 7:
        return 75 + (i * 37) % 1200
    if bucket == 8:
        return 1500 + (i * 11) % 1500
    return None


def _start(kind: CampaignKind, day: date, editor, reminder_after_days: int) -> Campaign:
    campaign = services.campaign_start(kind=kind, reminder_after_days=reminder_after_days, by=editor, day=day)
    started = _at(day)
    campaign.started_at = started
    campaign.closed_at = _at(day + timedelta(days=30), 17)
    for request in campaign.requests:
        request.created_at = started
        request.expires_at = started + timedelta(days=30)
        request.message.created_at = request.message.sent_at = request.message.last_attempt_at = started
        request.message.status, request.message.attempts, request.message.next_attempt_at = (
            MailStatus.SENT,
            1,
            None,
        )
    return campaign


def _answer(request, outcome: RequestOutcome, at: datetime) -> None:
    request.answered_at = request.used_at = at
    request.outcome = outcome


def load() -> None:
    if db.session.scalar(select(func.count(Campaign.id))):
        return  # loaded already: change nothing
    editor = demo_user("editor")
    mark = _stamp(db.session.scalar(select(func.max(AuditEvent.id))) or 0, None)
    test = _start(CampaignKind.REACHABILITY, REACHABILITY_ON, editor, reminder_after_days=2)
    mark = _stamp(mark, REACHABILITY_ON)
    for i, request in enumerate(test.requests):
        if (minutes := _reachability_minutes(i)) is not None:
            _answer(request, RequestOutcome.ACKNOWLEDGED, test.started_at + timedelta(minutes=minutes))

    campaign = _start(CampaignKind.VERIFICATION, VERIFICATION_ON, editor, reminder_after_days=14)
    _stamp(mark, VERIFICATION_ON)
    for i, request in enumerate(campaign.requests):
        at = campaign.started_at + timedelta(days=1 + i % 12, hours=i % 7)
        if i % 6 == 5:
            continue  # no answer
        if i in (3, 10):  # corrections waiting in the review queue
            cp = request.contact_point
            values = {
                key: cp_value for key, cp_value in review.entry_data(cp).items() if key in review.PROPOSABLE
            }
            before = dict(values)
            values["instructions"] = "Call the duty officer first; e-mail only to confirm the call."
            db.session.add(
                ProposedChange(
                    request_id=request.id,
                    contact_point=cp,
                    base_version=cp.version,
                    values=values,
                    before=before,
                    comment="Our procedure changed in October.",
                    submitted_at=at,
                )
            )
            _answer(request, RequestOutcome.CORRECTED, at)
            continue
        _answer(request, RequestOutcome.CONFIRMED, at)
        db.session.add(
            Verification(
                contact_point_id=request.contact_point_id,
                at=at,
                source=VerificationSource.CONTACT_POINT,
                request_id=request.id,
            )
        )

    for i, request in enumerate(test.requests[:6]):
        answered = i != 4
        db.session.add(
            PhoneTest(
                contact_point_id=request.contact_point_id,
                campaign=test,
                called_at=_at(REACHABILITY_ON + timedelta(days=2), 10 + i),
                answered=answered,
                minutes_to_answer=(2 + 3 * i) if answered else None,
                called_by_id=editor.id,
                note=None if answered else "No answer after 12 rings; e-mail sent instead.",
            )
        )
    db.session.flush()


def _stamp(mark: int, day: date | None) -> int:
    """Date the audit events recorded since `mark` on the story's `day`; return the new mark."""
    db.session.flush()
    if day is not None:
        db.session.execute(
            update(AuditEvent)
            .where(AuditEvent.id > mark)
            .values(at=_at(day))
            .execution_options(synchronize_session=False)
        )
    return db.session.scalar(select(func.max(AuditEvent.id))) or mark
