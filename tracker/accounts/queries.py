from datetime import UTC, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from tracker.accounts.models import User
from tracker.core.audit import AuditEvent
from tracker.extensions import db


def users_page(page: int, per_page: int):
    return db.paginate(select(User).order_by(User.active.desc(), User.email), page=page, per_page=per_page)


def audit_page(
    *, page: int, per_page: int, user_id=None, entity_type=None, action=None, since=None, until=None
):
    """Audit events, newest first, filtered; `until` is inclusive (the whole day)."""
    query = (
        select(AuditEvent)
        .options(selectinload(AuditEvent.user))
        .order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
    )
    if user_id:
        query = query.where(AuditEvent.user_id == user_id)
    if entity_type:
        query = query.where(AuditEvent.entity_type == entity_type)
    if action:
        query = query.where(AuditEvent.action == action)
    if since:
        query = query.where(AuditEvent.at >= datetime.combine(since, time.min, UTC))
    if until:
        query = query.where(AuditEvent.at < datetime.combine(until + timedelta(days=1), time.min, UTC))
    return db.paginate(query, page=page, per_page=per_page)


def audit_filter_choices() -> dict[str, list]:
    return {
        "users": list(db.session.execute(select(User.id, User.email).order_by(User.email)).all()),
        "entity_types": list(
            db.session.scalars(select(AuditEvent.entity_type).distinct().order_by(AuditEvent.entity_type))
        ),
        "actions": list(db.session.scalars(select(AuditEvent.action).distinct().order_by(AuditEvent.action))),
    }
