"""What goes out to the network and what comes back.

A `Campaign` (verification or reachability test) sends one `OutreachRequest` per contact point: a mail with
a signed link. The link's answer is recorded on the request (acknowledged, confirmed, or corrected); a
correction is a `ProposedChange` that an editor accepts or rejects before it touches the directory. A
`Verification` keeps every confirmation with its source; a `PhoneTest` is a call logged by hand.
"""

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import JSON, Date, DateTime, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.accounts.models import User
from tracker.core.mail import OutboxMessage
from tracker.core.time import as_utc, utcnow
from tracker.db import Base, str_enum
from tracker.directory.models import ContactPoint


class CampaignKind(StrEnum):
    VERIFICATION = "verification"
    REACHABILITY = "reachability"

    @property
    def label(self) -> str:
        return {"verification": "Verification campaign", "reachability": "Reachability test"}[self.value]


class Campaign(Base):
    __tablename__ = "campaigns"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[CampaignKind] = mapped_column(str_enum(CampaignKind, "campaign_kind"), index=True)
    # Who was asked: "all" current contact points, the "stale" ones, or those of chosen `countries`.
    stale_only: Mapped[bool] = mapped_column(default=False)
    countries: Mapped[list[str]] = mapped_column(JSON, default=list)  # ISO alpha-3; empty: every country
    reminder_after_days: Mapped[int | None] = mapped_column()
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)
    started_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    closed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    started_by: Mapped[User | None] = relationship()
    requests: Mapped[list["OutreachRequest"]] = relationship(back_populates="campaign")

    @property
    def title(self) -> str:
        return f"{self.kind.label} of {self.started_at:%d %b %Y}"

    @property
    def scope(self) -> str:
        where = ", ".join(self.countries) if self.countries else "all countries"
        return f"{'stale contact points' if self.stale_only else 'all contact points'} of {where}"


class RequestOutcome(StrEnum):
    ACKNOWLEDGED = "acknowledged"  # a reachability test's answer
    CONFIRMED = "confirmed"  # "still correct"
    CORRECTED = "corrected"  # corrections proposed (see ProposedChange)


class OutreachRequest(Base):
    """One mail with one signed link to one contact point. The link is bound to `nonce` (single use:
    `used_at`) and, for a verification, to the entry's `cp_version` (a later change supersedes it)."""

    __tablename__ = "outreach_requests"

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int | None] = mapped_column(ForeignKey("campaigns.id"), index=True)
    contact_point_id: Mapped[int] = mapped_column(ForeignKey("contact_points.id"), index=True)
    kind: Mapped[CampaignKind] = mapped_column(str_enum(CampaignKind, "request_kind"))
    nonce: Mapped[str] = mapped_column(String(43), unique=True)
    cp_version: Mapped[int]
    to_address: Mapped[str] = mapped_column(String(254))
    message_id: Mapped[int | None] = mapped_column(ForeignKey("outbox.id", ondelete="SET NULL"), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    reminded_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    answered_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    outcome: Mapped[RequestOutcome | None] = mapped_column(str_enum(RequestOutcome, "request_outcome"))

    campaign: Mapped[Campaign | None] = relationship(back_populates="requests")
    contact_point: Mapped[ContactPoint] = relationship()
    message: Mapped[OutboxMessage | None] = relationship()

    @property
    def sent_at(self) -> datetime:
        """When the mail left (when it was queued, until the sender has sent it)."""
        return (self.message.sent_at if self.message and self.message.sent_at else None) or self.created_at

    @property
    def response_minutes(self) -> int | None:
        if self.answered_at is None:
            return None
        return max(0, round((as_utc(self.answered_at) - as_utc(self.sent_at)).total_seconds() / 60))


class ProposalStatus(StrEnum):
    PENDING = "pending"
    ACCEPTED = "accepted"
    REJECTED = "rejected"


class ProposedChange(Base):
    """Corrections a contact point proposed through its link: nothing changes until an editor accepts."""

    __tablename__ = "proposed_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("outreach_requests.id"), unique=True)
    contact_point_id: Mapped[int] = mapped_column(ForeignKey("contact_points.id"), index=True)
    base_version: Mapped[int]  # the entry's version the contact point saw
    values: Mapped[dict] = mapped_column(JSON)  # the proposed values, JSON-ready, for the proposable fields
    before: Mapped[dict] = mapped_column(JSON)  # the same fields as they were when proposed
    comment: Mapped[str | None] = mapped_column(Text)
    submitted_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    status: Mapped[ProposalStatus] = mapped_column(
        str_enum(ProposalStatus, "proposal_status"), default=ProposalStatus.PENDING, index=True
    )
    reviewed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    reviewed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    reason: Mapped[str | None] = mapped_column(Text)

    request: Mapped[OutreachRequest] = relationship()
    contact_point: Mapped[ContactPoint] = relationship()
    reviewed_by: Mapped[User | None] = relationship()


class VerificationSource(StrEnum):
    CONTACT_POINT = "contact_point"
    CORRECTION = "correction"

    @property
    def label(self) -> str:
        return {
            "contact_point": "confirmed by the contact point",
            "correction": "corrected by the contact point, accepted by the secretariat",
        }[self.value]


class Verification(Base):
    """A confirmation that an entry is right, with where it came from (the history by source)."""

    __tablename__ = "verifications"

    id: Mapped[int] = mapped_column(primary_key=True)
    contact_point_id: Mapped[int] = mapped_column(ForeignKey("contact_points.id"), index=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)
    source: Mapped[VerificationSource] = mapped_column(str_enum(VerificationSource, "verification_source"))
    request_id: Mapped[int | None] = mapped_column(ForeignKey("outreach_requests.id"))
    by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    contact_point: Mapped[ContactPoint] = relationship()
    by: Mapped[User | None] = relationship()


class PhoneTest(Base):
    """A test call to a contact point, logged by hand."""

    __tablename__ = "phone_tests"

    id: Mapped[int] = mapped_column(primary_key=True)
    contact_point_id: Mapped[int] = mapped_column(ForeignKey("contact_points.id"), index=True)
    campaign_id: Mapped[int | None] = mapped_column(ForeignKey("campaigns.id"), index=True)
    called_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    answered: Mapped[bool]
    minutes_to_answer: Mapped[int | None]
    called_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    contact_point: Mapped[ContactPoint] = relationship()
    campaign: Mapped[Campaign | None] = relationship()
    called_by: Mapped[User | None] = relationship()


class Digest(Base):
    """The daily digest sent to one account on one day: the row makes `tracker remind` idempotent per day."""

    __tablename__ = "digests"
    __table_args__ = (UniqueConstraint("user_id", "day"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    day: Mapped[date] = mapped_column(Date, index=True)
    message_id: Mapped[int | None] = mapped_column(ForeignKey("outbox.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    message: Mapped[OutboxMessage | None] = relationship()


class ReleaseDistribution(Base):
    """One recipient sent one published directory version: a link to the version's page, which needs a
    log-in — never the directory's data itself (a mail can go astray; the directory is confidential)."""

    __tablename__ = "release_distributions"
    __table_args__ = (UniqueConstraint("release_id", "email"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    release_id: Mapped[int] = mapped_column(ForeignKey("directory_releases.id"), index=True)
    email: Mapped[str] = mapped_column(String(254))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    contact_point_id: Mapped[int | None] = mapped_column(ForeignKey("contact_points.id"), index=True)
    message_id: Mapped[int | None] = mapped_column(ForeignKey("outbox.id", ondelete="SET NULL"))
    sent_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    sent_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    contact_point: Mapped[ContactPoint | None] = relationship()
    message: Mapped[OutboxMessage | None] = relationship()
