"""Recording the audit trail: one call per write or export, in the writer's transaction."""

from tracker.accounts.models import AuditEvent
from tracker.extensions import db


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
