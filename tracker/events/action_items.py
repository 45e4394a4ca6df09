"""Writes for an event's action items (conclusions and decisions) and their follow-up notes. Services
flush; callers commit."""

from datetime import date

from tracker.core import audit, locking
from tracker.core.errors import DomainError
from tracker.core.locking import check_version
from tracker.core.parsing import text_or_none
from tracker.events.models import ActionItem, ActionItemNote, ActionStatus, Event
from tracker.extensions import db

ACTION_FIELDS = ("title", "owner", "status", "due_date")


def _action_values(item: ActionItem) -> dict:
    return {field: getattr(item, field) for field in ACTION_FIELDS}


def _apply_action(item: ActionItem, data: dict) -> None:
    title = (data.get("title") or "").strip()
    if not title:
        raise DomainError("Say what was concluded or decided.", field="title")
    item.title = title
    item.owner = text_or_none(data.get("owner"))
    item.status = ActionStatus(data.get("status") or ActionStatus.OPEN)
    item.due_date = data.get("due_date")


def action_item_add(event: Event, *, data: dict, by) -> ActionItem:
    item = ActionItem(event=event)
    _apply_action(item, data)
    db.session.add(item)
    db.session.flush()
    audit.record_create(
        entity_type="action_item",
        entity_id=item.id,
        summary=f"Added an action item to {event.title}",
        by=by,
        values=_action_values(item),
    )
    return item


def action_item_update(item: ActionItem, *, data: dict, version, by) -> ActionItem:
    check_version(item, version, what="action item")
    before = _action_values(item)
    _apply_action(item, data)
    locking.flush(what="action item")
    audit.record_update(
        entity_type="action_item",
        entity_id=item.id,
        summary=f"Edited an action item of {item.event.title}",
        before=before,
        after=_action_values(item),
        by=by,
    )
    return item


def action_item_delete(item: ActionItem, *, by) -> None:
    audit.record_delete(
        entity_type="action_item",
        entity_id=item.id,
        summary=f"Removed an action item from {item.event.title}",
        before=_action_values(item),
        by=by,
    )
    db.session.delete(item)
    db.session.flush()


def action_item_note_add(item: ActionItem, *, data: dict, by) -> ActionItemNote:
    """A dated follow-up note; the note may also move the item to a new status."""
    text = (data.get("text") or "").strip()
    if not text:
        raise DomainError("Write the follow-up.", field="text")
    noted_on: date = data.get("noted_on") or date.today()
    if noted_on < item.event.start_date:
        raise DomainError("A follow-up cannot predate the event it follows.", field="noted_on")
    note = ActionItemNote(
        action_item=item, noted_on=noted_on, text=text, created_by_id=getattr(by, "id", None)
    )
    db.session.add(note)
    before = item.status
    if data.get("status"):
        item.status = ActionStatus(data["status"])
    db.session.flush()
    audit.record(
        action="update",
        entity_type="action_item",
        entity_id=item.id,
        summary=f"Follow-up noted on an action item of {item.event.title}",
        by=by,
        changes=audit.diff({"status": before}, {"status": item.status}) or None,
    )
    return note
