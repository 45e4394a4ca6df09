"""Sending a published directory version to the network: each recipient gets a link to the version's page
(log-in needed), and the tracker records who was sent which version. Sending twice reaches only those not
sent it yet."""

from datetime import date

from sqlalchemy import func, select

from tracker.accounts.models import User
from tracker.core import audit
from tracker.core.access import Role
from tracker.core.errors import DomainError
from tracker.core.mail import mail_queue
from tracker.directory.models import ContactPoint, DirectoryRelease
from tracker.extensions import db
from tracker.outreach import links
from tracker.outreach.models import ReleaseDistribution
from tracker.outreach.services import mail_language

Recipient = tuple[User | None, ContactPoint | None]


def _recipients(*, viewers: bool, contact_points: bool, day: date) -> dict[str, Recipient]:
    """{e-mail: (account, contact point)}: active viewer accounts and designated contact points whose
    address no mail server refused, one message per address."""
    found: dict[str, Recipient] = {}
    if contact_points:
        for cp in db.session.scalars(
            select(ContactPoint)
            .where(
                ContactPoint.designated_on(day),
                ContactPoint.email.is_not(None),
                ContactPoint.email_bounced_at.is_(None),
            )
            .order_by(ContactPoint.id)
        ):
            found.setdefault(cp.email, (None, cp))
    if viewers:
        for user in db.session.scalars(
            select(User).where(User.role == Role.VIEWER, User.active.is_(True)).order_by(User.id)
        ):
            found[user.email] = (user, found.get(user.email, (None, None))[1])
    return found


def release_distribute(release: DirectoryRelease, *, viewers: bool, contact_points: bool, by) -> int:
    """Queue the version's mail to the recipients chosen who were not sent it yet; return how many."""
    if not (viewers or contact_points):
        raise DomainError("Choose who receives the version: viewer accounts, contact points, or both.")
    already = set(
        db.session.scalars(
            select(ReleaseDistribution.email).where(ReleaseDistribution.release_id == release.id)
        )
    )
    link = links.external_url_for("directory.release_detail", number=release.number)
    sent = 0
    for email, (user, cp) in _recipients(
        viewers=viewers, contact_points=contact_points, day=date.today()
    ).items():
        if email in already:
            continue
        message = mail_queue(
            to=email,
            subject=f"24/7 Network directory: version {release.number} of {release.released_on:%d %B %Y}",
            template="directory_release",
            language=mail_language(cp) if cp is not None else None,
            context={"release": release, "link": link},
        )
        db.session.add(
            ReleaseDistribution(
                release_id=release.id,
                email=email,
                user_id=user.id if user else None,
                contact_point_id=cp.id if cp else None,
                message=message,
                sent_by_id=getattr(by, "id", None),
            )
        )
        sent += 1
    db.session.flush()
    audit.record(
        action="distribute",
        entity_type="directory_release",
        entity_id=release.number,
        summary=f"Sent directory version {release.number} to {sent} recipients",
        by=by,
    )
    return sent


def release_recipients(release_id: int) -> list[ReleaseDistribution]:
    return list(
        db.session.scalars(
            select(ReleaseDistribution)
            .where(ReleaseDistribution.release_id == release_id)
            .order_by(ReleaseDistribution.sent_at, ReleaseDistribution.email)
        )
    )


def country_distributions(country_id: int) -> list[tuple[int, date, int]]:
    """(version number, date sent, contact points of the country reached), newest version first."""
    rows = db.session.execute(
        select(
            DirectoryRelease.number, func.min(ReleaseDistribution.sent_at), func.count(ReleaseDistribution.id)
        )
        .join(ReleaseDistribution, ReleaseDistribution.release_id == DirectoryRelease.id)
        .join(ContactPoint, ReleaseDistribution.contact_point_id == ContactPoint.id)
        .where(ContactPoint.country_id == country_id)
        .group_by(DirectoryRelease.number)
        .order_by(DirectoryRelease.number.desc())
    )
    return [(number, sent_at.date() if sent_at else None, n) for number, sent_at, n in rows]
