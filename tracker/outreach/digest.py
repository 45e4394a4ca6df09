"""`tracker remind`: the daily digest to each editor and administrator, and the campaigns' due reminders.

A digest lists what waits for the secretariat: overdue action items (those whose owner names the account
first), contact points not verified in 12 months, open campaigns still waiting for answers, and
corrections to review. One per account per day: a `Digest` row (unique per account and day) is written in
the same transaction as the mail, so running the command twice in a day sends nothing more. An account
with nothing waiting gets no mail.
"""

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from tracker.accounts.models import User
from tracker.core.access import Role
from tracker.core.mail import mail_queue
from tracker.directory.models import ContactPoint
from tracker.events.models import ActionItem
from tracker.events.queries import open_action_items
from tracker.extensions import db
from tracker.outreach import services
from tracker.outreach.links import external_url_for
from tracker.outreach.models import Campaign, Digest, OutreachRequest, ProposalStatus, ProposedChange

SHOWN = 20  # items listed per section; the rest are counted


@dataclass
class Waiting:
    """What waits for the secretariat on a day (the same for every account, but the action items)."""

    overdue: list[ActionItem] = field(default_factory=list)
    stale: list[ContactPoint] = field(default_factory=list)
    stale_count: int = 0
    campaigns: list[tuple[Campaign, int]] = field(default_factory=list)  # (open campaign, no answer yet)
    proposals: int = 0

    def empty(self) -> bool:
        return not (self.overdue or self.stale_count or self.campaigns or self.proposals)


def _waiting(day: date) -> Waiting:
    stale_query = select(ContactPoint).where(ContactPoint.designated_on(day), ContactPoint.stale_on(day))
    unanswered = func.count(OutreachRequest.id).filter(OutreachRequest.answered_at.is_(None))
    return Waiting(
        overdue=[item for item in open_action_items() if item.due_date is not None and item.due_date < day],
        stale=list(
            db.session.scalars(
                stale_query.options(joinedload(ContactPoint.country))
                .order_by(ContactPoint.last_verified_on.is_not(None), ContactPoint.last_verified_on)
                .limit(SHOWN)
            )
        ),
        stale_count=db.session.scalar(select(func.count()).select_from(stale_query.subquery())),
        campaigns=[
            (campaign, n)
            for campaign, n in db.session.execute(
                select(Campaign, unanswered)
                .join(OutreachRequest, OutreachRequest.campaign_id == Campaign.id)
                .where(Campaign.closed_at.is_(None))
                .group_by(Campaign.id)
                .order_by(Campaign.started_at)
            )
            if n
        ],
        proposals=db.session.scalar(
            select(func.count(ProposedChange.id)).where(ProposedChange.status == ProposalStatus.PENDING)
        ),
    )


def _mine(item: ActionItem, user: User) -> bool:
    owner = (item.owner or "").lower()
    return bool(owner) and (user.name.lower() in owner or user.email in owner)


def digests_send(*, day: date | None = None) -> int:
    """Queue today's digest to every active editor and administrator who has none yet; return how many."""
    day = day or date.today()
    recipients = db.session.scalars(
        select(User)
        .where(User.active.is_(True), User.role.in_([Role.EDITOR, Role.ADMIN]))
        .where(~select(Digest.id).where(Digest.user_id == User.id, Digest.day == day).exists())
        .order_by(User.id)
    ).all()
    if not recipients:
        return 0
    waiting = _waiting(day)
    if waiting.empty():
        return 0
    for user in recipients:
        mine = [item for item in waiting.overdue if _mine(item, user)]
        others = [item for item in waiting.overdue if not _mine(item, user)]
        message = mail_queue(
            to=user.email,
            subject=f"24/7 Network Tracker: what waits on {day:%d %B %Y}",
            template="digest",
            context={
                "user": user,
                "day": day,
                "waiting": waiting,
                "mine": mine[:SHOWN],
                "others": others[:SHOWN],
                "shown": SHOWN,
                "more_overdue": max(0, len(mine) - SHOWN) + max(0, len(others) - SHOWN),
                "url": external_url_for,
            },
        )
        db.session.add(Digest(user_id=user.id, day=day, message=message))
    db.session.flush()
    return len(recipients)


def remind(*, day: date | None = None) -> tuple[int, int]:
    """The daily run: campaign reminders that are due, then the digests. Returns (reminders, digests)."""
    return services.campaigns_remind(), digests_send(day=day)
