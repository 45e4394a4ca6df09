"""The audit trail: who changed or downloaded what, when, with the values before and after.

One call per write or export, in the writer's transaction, so a change and its record land together or not
at all. Every feature records through these functions; none builds an `AuditEvent` itself.
"""

from datetime import datetime

from sqlalchemy import JSON, DateTime, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.core.time import utcnow
from tracker.db import Base
from tracker.extensions import db


class AuditEvent(Base):
    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    action: Mapped[str] = mapped_column(String(40), index=True)
    entity_type: Mapped[str] = mapped_column(String(40), index=True)
    entity_id: Mapped[str | None] = mapped_column(String(40))
    summary: Mapped[str] = mapped_column(Text)
    changes: Mapped[dict | None] = mapped_column(JSON)

    # By name: the User model lives in `accounts`, a floor above this one.
    user = relationship("User")


def diff(before: dict, after: dict) -> dict:
    """{field: [old, new]} for the fields whose value changed."""
    return {
        key: [_plain(before.get(key)), _plain(after.get(key))]
        for key in sorted(set(before) | set(after))
        if before.get(key) != after.get(key)
    }


def _plain(value):
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    return str(value)


def record(*, action: str, entity_type: str, entity_id, summary: str, by=None, changes=None) -> AuditEvent:
    event = AuditEvent(
        user_id=getattr(by, "id", None),
        action=action,
        entity_type=entity_type,
        entity_id=None if entity_id is None else str(entity_id),
        summary=summary,
        changes=changes,
    )
    db.session.add(event)
    return event


def record_create(*, entity_type: str, entity_id, summary: str, by, values: dict | None = None) -> AuditEvent:
    """Record a new row, with every value it was given when there are values worth keeping."""
    return record(
        action="create",
        entity_type=entity_type,
        entity_id=entity_id,
        summary=summary,
        by=by,
        changes=diff({}, values) if values else None,
    )


def record_update(*, entity_type: str, entity_id, summary: str, before: dict, after: dict, by) -> dict:
    """Record an edit, field by field, if anything changed; return the changes."""
    changes = diff(before, after)
    if changes:
        record(
            action="update",
            entity_type=entity_type,
            entity_id=entity_id,
            summary=summary,
            by=by,
            changes=changes,
        )
    return changes


def record_delete(*, entity_type: str, entity_id, summary: str, before: dict, by) -> AuditEvent:
    """Record a deletion with every value the row had."""
    return record(
        action="delete",
        entity_type=entity_type,
        entity_id=entity_id,
        summary=summary,
        by=by,
        changes=diff(before, {}),
    )


def record_export(*, entity_type: str, summary: str, by, entity_id=None) -> AuditEvent:
    """Record a download: confidential data leaving the tracker, by whom and in which format (the summary
    says which data and format)."""
    return record(action="export", entity_type=entity_type, entity_id=entity_id, summary=summary, by=by)
