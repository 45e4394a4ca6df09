"""Reads for outreach: the outbox, campaigns and their figures per country, the review queue, phone tests.

Figures are counted in SQL (one grouped query per page); lists load their relations eagerly.
"""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import case, func, select
from sqlalchemy.orm import joinedload, selectinload

from tracker.core.collation import name_order
from tracker.core.mail import MailStatus, OutboxMessage
from tracker.countries.models import Country
from tracker.directory.models import ContactPoint
from tracker.extensions import db
from tracker.outreach.models import (
    Campaign,
    OutreachRequest,
    PhoneTest,
    ProposalStatus,
    ProposedChange,
    RequestOutcome,
    Verification,
)

# --- outbox ---------------------------------------------------------------------------------------------


def outbox_page(status: MailStatus | None, *, page: int, per_page: int):
    query = select(OutboxMessage).order_by(OutboxMessage.created_at.desc(), OutboxMessage.id.desc())
    if status is not None:
        query = query.where(OutboxMessage.status == status)
    return db.paginate(query, page=page, per_page=per_page, error_out=False)


def outbox_counts() -> dict[str, int]:
    rows = db.session.execute(select(OutboxMessage.status, func.count()).group_by(OutboxMessage.status))
    counts = {status.value: 0 for status in MailStatus}
    counts |= {MailStatus(status).value: n for status, n in rows}
    return counts


def outbox_message(message_id: int) -> OutboxMessage | None:
    return db.session.get(OutboxMessage, message_id)


# --- campaigns ------------------------------------------------------------------------------------------


def campaign_targets(day: date, *, stale_only: bool, countries: list[str]) -> list[ContactPoint]:
    """The contact points a campaign writes to: designated on `day`, with an e-mail address."""
    query = (
        select(ContactPoint)
        .join(ContactPoint.country)
        .options(joinedload(ContactPoint.country))
        .where(ContactPoint.designated_on(day), ContactPoint.email.is_not(None))
        .order_by(name_order(Country.name), name_order(ContactPoint.institution), ContactPoint.id)
    )
    if stale_only:
        query = query.where(ContactPoint.stale_on(day))
    if countries:
        query = query.where(Country.iso3.in_(countries))
    return list(db.session.scalars(query))


def known_iso3(codes: list[str]) -> set[str]:
    return set(db.session.scalars(select(Country.iso3).where(Country.iso3.in_(codes))))


def campaigns() -> list[tuple[Campaign, int, int]]:
    """Every campaign, newest first, with its number of requests and of answers."""
    answered = func.count(OutreachRequest.answered_at)
    rows = db.session.execute(
        select(Campaign, func.count(OutreachRequest.id), answered)
        .outerjoin(OutreachRequest, OutreachRequest.campaign_id == Campaign.id)
        .options(joinedload(Campaign.started_by))
        .group_by(Campaign.id)
        .order_by(Campaign.started_at.desc(), Campaign.id.desc())
    )
    return [tuple(row) for row in rows]


def campaign(campaign_id: int) -> Campaign | None:
    return db.session.get(Campaign, campaign_id, options=[joinedload(Campaign.started_by)])


@dataclass
class CountryFigures:
    iso3: str
    country: str
    requests: int
    sent: int
    failed: int
    waiting: int  # still in the outbox
    confirmed: int
    corrected: int
    acknowledged: int
    no_answer: int
    median_minutes: float | None = None


def _count_where(condition):
    return func.sum(case((condition, 1), else_=0))


def campaign_figures(campaign_id: int) -> list[CountryFigures]:
    """Per country: requests, sent, failed, confirmed, corrected, acknowledged, no answer."""
    failed = OutboxMessage.status == MailStatus.FAILED
    rows = db.session.execute(
        select(
            Country.iso3,
            Country.name,
            func.count(OutreachRequest.id),
            _count_where(OutboxMessage.status == MailStatus.SENT),
            _count_where(failed),
            _count_where(OutboxMessage.status == MailStatus.PENDING),
            _count_where(OutreachRequest.outcome == RequestOutcome.CONFIRMED),
            _count_where(OutreachRequest.outcome == RequestOutcome.CORRECTED),
            _count_where(OutreachRequest.outcome == RequestOutcome.ACKNOWLEDGED),
            _count_where(OutreachRequest.answered_at.is_(None) & ~failed),
        )
        .join(ContactPoint, OutreachRequest.contact_point_id == ContactPoint.id)
        .join(Country, ContactPoint.country_id == Country.id)
        .outerjoin(OutboxMessage, OutreachRequest.message_id == OutboxMessage.id)
        .where(OutreachRequest.campaign_id == campaign_id)
        .group_by(Country.iso3, Country.name)
        .order_by(name_order(Country.name))
    )
    return [CountryFigures(*(value or 0 if i > 1 else value for i, value in enumerate(row))) for row in rows]


def campaign_requests(campaign_id: int) -> list[OutreachRequest]:
    return list(
        db.session.scalars(
            select(OutreachRequest)
            .join(ContactPoint, OutreachRequest.contact_point_id == ContactPoint.id)
            .join(Country, ContactPoint.country_id == Country.id)
            .options(
                joinedload(OutreachRequest.contact_point).joinedload(ContactPoint.country),
                joinedload(OutreachRequest.message),
            )
            .where(OutreachRequest.campaign_id == campaign_id)
            .order_by(name_order(Country.name), name_order(ContactPoint.institution), OutreachRequest.id)
        )
    )


def open_campaigns_with_reminders() -> list[Campaign]:
    return list(
        db.session.scalars(
            select(Campaign).where(Campaign.closed_at.is_(None), Campaign.reminder_after_days.is_not(None))
        )
    )


def requests_to_remind(campaign: Campaign, sent_before) -> list[OutreachRequest]:
    """Unanswered requests of the campaign whose mail was queued before `sent_before` and not reminded,
    and whose mail did not fail."""
    return list(
        db.session.scalars(
            select(OutreachRequest)
            .outerjoin(OutboxMessage, OutreachRequest.message_id == OutboxMessage.id)
            .options(joinedload(OutreachRequest.contact_point).joinedload(ContactPoint.country))
            .where(
                OutreachRequest.campaign_id == campaign.id,
                OutreachRequest.answered_at.is_(None),
                OutreachRequest.reminded_at.is_(None),
                OutreachRequest.created_at <= sent_before,
                func.coalesce(OutboxMessage.status, MailStatus.PENDING.value) != MailStatus.FAILED.value,
            )
        )
    )


def request_by_nonce(nonce: str) -> OutreachRequest | None:
    return db.session.scalar(
        select(OutreachRequest)
        .options(
            joinedload(OutreachRequest.contact_point).joinedload(ContactPoint.country),
            joinedload(OutreachRequest.campaign),
        )
        .where(OutreachRequest.nonce == nonce)
    )


# --- review queue ---------------------------------------------------------------------------------------


def proposals(status: ProposalStatus | None = ProposalStatus.PENDING) -> list[ProposedChange]:
    query = (
        select(ProposedChange)
        .options(
            joinedload(ProposedChange.contact_point).joinedload(ContactPoint.country),
            joinedload(ProposedChange.reviewed_by),
        )
        .order_by(ProposedChange.submitted_at.desc(), ProposedChange.id.desc())
    )
    if status is not None:
        query = query.where(ProposedChange.status == status)
    return list(db.session.scalars(query))


def proposal(proposal_id: int) -> ProposedChange | None:
    return db.session.get(
        ProposedChange,
        proposal_id,
        options=[joinedload(ProposedChange.contact_point).joinedload(ContactPoint.country)],
    )


# --- phone tests and verifications ----------------------------------------------------------------------


def phone_tests(limit: int = 200) -> list[PhoneTest]:
    return list(
        db.session.scalars(
            select(PhoneTest)
            .options(
                joinedload(PhoneTest.contact_point).joinedload(ContactPoint.country),
                joinedload(PhoneTest.called_by),
            )
            .order_by(PhoneTest.called_at.desc(), PhoneTest.id.desc())
            .limit(limit)
        )
    )


def current_contact_points(day: date) -> list[ContactPoint]:
    return list(
        db.session.scalars(
            select(ContactPoint)
            .join(ContactPoint.country)
            .options(joinedload(ContactPoint.country))
            .where(ContactPoint.designated_on(day))
            .order_by(name_order(Country.name), name_order(ContactPoint.institution))
        )
    )


def verifications_of(contact_point_id: int) -> list[Verification]:
    return list(
        db.session.scalars(
            select(Verification)
            .options(selectinload(Verification.by))
            .where(Verification.contact_point_id == contact_point_id)
            .order_by(Verification.at.desc())
        )
    )
