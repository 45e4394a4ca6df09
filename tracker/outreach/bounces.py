"""Refused recipients: a mail server's permanent "no" to an address marks the contact points that use it.

The mark is a status of the address, not part of the entry's content: it is written with one UPDATE that
leaves the entry's `version` alone, so it neither conflicts with an editor's open form nor supersedes the
entry's outstanding verification links. The audit trail keeps it, with the server's answer.
"""

from datetime import datetime

from sqlalchemy import func, select, update

from tracker.core import audit
from tracker.core.mail import OutboxMessage, on_refused
from tracker.directory.models import ContactPoint
from tracker.extensions import db


@on_refused
def mark_bounced_address(message: OutboxMessage, answer: str, at: datetime) -> None:
    address = message.to_address.strip().lower()
    ids = list(db.session.scalars(select(ContactPoint.id).where(func.lower(ContactPoint.email) == address)))
    if not ids:
        return
    db.session.execute(
        update(ContactPoint)
        .where(ContactPoint.id.in_(ids))
        .values(email_bounced_at=at, email_bounce_reason=answer)
        .execution_options(synchronize_session=False)
    )
    for row in list(db.session.identity_map.values()):
        if isinstance(row, ContactPoint) and row.id in ids:
            db.session.expire(row)
    for cp_id in ids:
        audit.record(
            action="bounce",
            entity_type="contact_point",
            entity_id=cp_id,
            summary=f"The mail server refused {address}: {answer}",
        )
