"""Writes for activities and topics. Services flush; callers commit.

Domain rules live here (forms only check fields): an activity has a title, a start date, an end date (if
any) on or after the start, and at least one beneficiary country; its countries, topics and events exist;
a retired topic is not given to an activity that does not already have it. A status left blank follows
the dates (see `default_status`). Topic names are unique, compared without case or surrounding spaces.
"""

from datetime import date

from sqlalchemy import select

from tracker.activities.models import Activity, ActivityKind, ActivityStatus, Topic
from tracker.core import audit, locking
from tracker.core.collation import name_key
from tracker.core.errors import DomainError
from tracker.core.locking import check_version
from tracker.core.parsing import parse_id
from tracker.core.parsing import text_or_none as _text
from tracker.countries.models import Country
from tracker.events.models import Event
from tracker.extensions import db

ACTIVITY_FIELDS = ("kind", "title", "status", "start_date", "end_date", "programme", "description", "outputs")


def default_status(start: date, end: date | None, today: date) -> ActivityStatus:
    """Completed once its last day is past, planned while it has not started, ongoing in between."""
    if (end or start) < today:
        return ActivityStatus.COMPLETED
    if start > today:
        return ActivityStatus.PLANNED
    return ActivityStatus.ONGOING


def _ids(values, *, field: str, message: str) -> list[int]:
    try:
        return sorted({i for i in (parse_id(value) for value in values or ()) if i is not None})
    except ValueError:
        raise DomainError(message, field=field) from None


def _rows(model, ids: list[int], *, field: str, message: str) -> list:
    if not ids:
        return []
    rows = list(db.session.scalars(select(model).where(model.id.in_(ids))))
    if len(rows) != len(ids):
        raise DomainError(message, field=field)
    return rows


def _checked(data: dict, current: Activity | None = None) -> dict:
    """The activity's values and links from form-shaped data, or a DomainError on the field at fault."""
    try:
        kind = ActivityKind(data.get("kind"))
    except ValueError:
        raise DomainError("Choose the kind of activity.", field="kind") from None
    title = _text(data.get("title"))
    if not title:
        raise DomainError("A title is required.", field="title")
    if len(title) > 300:
        raise DomainError("The title is longer than 300 characters.", field="title")
    start, end = data.get("start_date"), data.get("end_date")
    if start is None:
        raise DomainError("A start date is required.", field="start_date")
    if end is not None and end < start:
        raise DomainError("The activity cannot end before it starts.", field="end_date")
    status_text = data.get("status") or ""
    try:
        status = ActivityStatus(status_text) if status_text else default_status(start, end, date.today())
    except ValueError:
        raise DomainError("Choose a status.", field="status") from None
    programme = _text(data.get("programme"))
    if programme and len(programme) > 200:
        raise DomainError("The programme is longer than 200 characters.", field="programme")

    beneficiaries = _rows(
        Country,
        _ids(data.get("beneficiary_ids"), field="beneficiary_ids", message="Unknown country."),
        field="beneficiary_ids",
        message="Unknown country.",
    )
    if not beneficiaries:
        raise DomainError("Choose at least one beneficiary country.", field="beneficiary_ids")
    contributors = _rows(
        Country,
        _ids(data.get("contributor_ids"), field="contributor_ids", message="Unknown country."),
        field="contributor_ids",
        message="Unknown country.",
    )
    topics = _rows(
        Topic,
        _ids(data.get("topic_ids"), field="topic_ids", message="Unknown topic."),
        field="topic_ids",
        message="Unknown topic.",
    )
    kept = {t.id for t in current.topics} if current is not None else set()
    if retired := [t.name for t in topics if t.retired and t.id not in kept]:
        raise DomainError(f"The topic “{retired[0]}” is retired; choose another.", field="topic_ids")
    events = _rows(
        Event,
        _ids(data.get("event_ids"), field="event_ids", message="Unknown event."),
        field="event_ids",
        message="Unknown event.",
    )
    return {
        "kind": kind,
        "title": title,
        "status": status,
        "start_date": start,
        "end_date": end,
        "programme": programme,
        "description": _text(data.get("description")),
        "outputs": _text(data.get("outputs")),
        "topics": sorted(topics, key=lambda t: name_key(t.name)),
        "beneficiaries": sorted(beneficiaries, key=lambda c: name_key(c.name)),
        "contributors": sorted(contributors, key=lambda c: name_key(c.name)),
        "events": sorted(events, key=lambda e: (e.start_date, e.id)),
    }


def _values(activity: Activity) -> dict:
    """What the audit trail compares: plain values, and the links by their names."""
    values = {field: getattr(activity, field) for field in ACTIVITY_FIELDS}
    values["topics"] = ", ".join(t.name for t in activity.topics)
    values["beneficiaries"] = ", ".join(sorted(c.iso3 for c in activity.beneficiaries))
    values["contributors"] = ", ".join(sorted(c.iso3 for c in activity.contributors))
    values["events"] = ", ".join(str(e.id) for e in activity.events)
    return values


def apply_values(activity: Activity, values: dict) -> None:
    """Set an activity's fields and links from checked values (as `_checked` or an importer makes them)."""
    for field in ACTIVITY_FIELDS:
        setattr(activity, field, values.get(field))
    activity.topics = list(values.get("topics", []))
    activity.beneficiaries = list(values["beneficiaries"])
    activity.contributors = list(values.get("contributors", []))
    activity.events = list(values.get("events", []))


def activity_create(*, data: dict, by) -> Activity:
    values = _checked(data)
    activity = Activity()
    apply_values(activity, values)
    db.session.add(activity)
    db.session.flush()
    audit.record_create(
        entity_type="activity",
        entity_id=activity.id,
        summary=f"Logged activity {activity.title}",
        by=by,
        values=_values(activity),
    )
    return activity


def activity_update(activity: Activity, *, data: dict, version, by) -> Activity:
    """Save an edit; `version` is the one the editor loaded (another save since then is a conflict)."""
    check_version(activity, version, what="activity")
    values = _checked(data, current=activity)
    before = _values(activity)
    apply_values(activity, values)
    locking.flush(what="activity")
    audit.record_update(
        entity_type="activity",
        entity_id=activity.id,
        summary=f"Edited activity {activity.title}",
        before=before,
        after=_values(activity),
        by=by,
    )
    return activity


def activity_delete(activity: Activity, *, by) -> None:
    audit.record_delete(
        entity_type="activity",
        entity_id=activity.id,
        summary=f"Deleted activity {activity.title} ({activity.start_date})",
        before=_values(activity),
        by=by,
    )
    db.session.delete(activity)
    db.session.flush()


# -- topics ---------------------------------------------------------------------------------------------


def _topic_name(name) -> str:
    text = " ".join((name or "").split())
    if not text:
        raise DomainError("A name is required.", field="name")
    if len(text) > 120:
        raise DomainError("The name is longer than 120 characters.", field="name")
    return text


def _check_unique(name: str, exclude_id: int | None = None) -> None:
    # compared in Python: SQL's lower() folds only ASCII on SQLite, and the list is short
    key = name.casefold()
    for topic_id, existing in db.session.execute(select(Topic.id, Topic.name)):
        if topic_id != exclude_id and existing.casefold() == key:
            raise DomainError(f"A topic named “{existing}” already exists.", field="name")


def topic_create(*, name: str, by) -> Topic:
    name = _topic_name(name)
    _check_unique(name)
    topic = Topic(name=name, retired=False)
    db.session.add(topic)
    db.session.flush()
    audit.record_create(entity_type="topic", entity_id=topic.id, summary=f"Added topic {name}", by=by)
    return topic


def topic_rename(topic: Topic, *, name: str, version, by) -> Topic:
    check_version(topic, version, what="topic")
    name = _topic_name(name)
    _check_unique(name, exclude_id=topic.id)
    if name != topic.name:
        before = topic.name
        topic.name = name
        locking.flush(what="topic")
        audit.record(
            action="update",
            entity_type="topic",
            entity_id=topic.id,
            summary=f"Renamed topic {before} to {name}",
            by=by,
            changes=audit.diff({"name": before}, {"name": name}),
        )
    return topic


def topic_set_retired(topic: Topic, *, retired: bool, by) -> Topic:
    """Retire a topic (kept on past activities, no longer offered) or bring it back."""
    if topic.retired != retired:
        topic.retired = retired
        db.session.flush()
        audit.record(
            action="update",
            entity_type="topic",
            entity_id=topic.id,
            summary=f"{'Retired' if retired else 'Restored'} topic {topic.name}",
            by=by,
            changes=audit.diff({"retired": not retired}, {"retired": retired}),
        )
    return topic
