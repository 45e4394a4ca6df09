"""Writes for events, participants, contributions and action items. Services flush; callers commit.

Domain rules live here (forms only check fields): an event ends on or after its start; a study visit has
a visiting and a host country; a participant represents exactly one country or one organisation and
appears once per event (by e-mail, and by name within a delegation).
"""

from datetime import date

from sqlalchemy import func, select

from tracker.core import audit
from tracker.core.errors import DomainError
from tracker.core.parsing import parse_id, text_or_none
from tracker.countries.matching import normalise
from tracker.countries.models import Country, Organisation
from tracker.events.models import (
    ActionItem,
    ActionItemNote,
    ActionStatus,
    AttendanceMode,
    Contribution,
    ContributionKind,
    CountryRole,
    Event,
    EventCountry,
    EventFormat,
    EventKind,
    Participant,
    ParticipantRole,
)
from tracker.extensions import db

# -- events ---------------------------------------------------------------------------------------------

EVENT_FIELDS = (
    "kind",
    "title",
    "start_date",
    "end_date",
    "place",
    "host_country_id",
    "format",
    "organiser",
    "notes",
)
# form field holding the ids of the countries in each role (the host comes from host_country_id)
ROLE_FIELDS = {
    CountryRole.VISITING: "visiting_country_ids",
    CountryRole.BENEFICIARY: "beneficiary_country_ids",
    CountryRole.PARTICIPANT: "participating_country_ids",
}


def _event_values(event: Event) -> dict:
    values = {field: getattr(event, field) for field in EVENT_FIELDS}
    values["countries"] = sorted(f"{ec.role.value}:{ec.country_id}" for ec in event.countries)
    return values


def _id(value, *, field: str, message: str) -> int | None:
    """A row id from a form value (None when blank), or a DomainError on the field."""
    try:
        return parse_id(value)
    except ValueError:
        raise DomainError(message, field=field) from None


def _country_ids(values, field: str) -> list[int]:
    ids = (_id(v, field=field, message="Unknown country.") for v in values or ())
    return sorted({i for i in ids if i is not None})


def _check_event(data: dict) -> dict[CountryRole, list[int]]:
    """The domain rules for an event's fields; returns the non-host countries by role."""
    if not (data.get("title") or "").strip():
        raise DomainError("A title is required.", field="title")
    start, end = data.get("start_date"), data.get("end_date") or data.get("start_date")
    if start is None:
        raise DomainError("A start date is required.", field="start_date")
    if end < start:
        raise DomainError("The event cannot end before it starts.", field="end_date")
    roles = {role: _country_ids(data.get(field), field) for role, field in ROLE_FIELDS.items()}
    host_id = _id(data.get("host_country_id"), field="host_country_id", message="Unknown host country.")
    wanted = [i for ids in roles.values() for i in ids] + ([host_id] if host_id else [])
    known = set(db.session.scalars(select(Country.id).where(Country.id.in_(wanted)))) if wanted else set()
    if host_id and host_id not in known:
        raise DomainError("Unknown host country.", field="host_country_id")
    for role, ids in roles.items():
        if set(ids) - known:
            raise DomainError("Unknown country.", field=ROLE_FIELDS[role])
    seen: dict[int, CountryRole] = {host_id: CountryRole.HOST} if host_id else {}
    for role, ids in roles.items():
        for country_id in ids:
            if country_id in seen:
                raise DomainError(
                    f"A country has one role in an event: it is already {seen[country_id].label.lower()}.",
                    field=ROLE_FIELDS[role],
                )
            seen[country_id] = role
    if EventKind(data["kind"]) == EventKind.STUDY_VISIT:
        if not roles[CountryRole.VISITING]:
            raise DomainError("A study visit needs the visiting country.", field="visiting_country_ids")
        if not host_id:
            raise DomainError("A study visit needs the host country.", field="host_country_id")
    return roles


def _apply_event(event: Event, data: dict, roles: dict[CountryRole, list[int]]) -> None:
    event.kind = EventKind(data["kind"])
    event.title = data["title"].strip()
    event.start_date = data["start_date"]
    event.end_date = data.get("end_date") or data["start_date"]
    event.place = data.get("place")
    event.host_country_id = _id(data.get("host_country_id"), field="host_country_id", message="")
    event.format = EventFormat(data["format"])
    event.organiser = data.get("organiser")
    event.notes = data.get("notes")
    wanted = {country_id: role for role, ids in roles.items() for country_id in ids}
    if event.host_country_id:
        wanted[event.host_country_id] = CountryRole.HOST
    current = {ec.country_id: ec for ec in event.countries}
    for country_id, link in current.items():
        if country_id not in wanted:
            event.countries.remove(link)
        else:
            link.role = wanted[country_id]
    for country_id, role in wanted.items():
        if country_id not in current:
            event.countries.append(EventCountry(country_id=country_id, role=role))


def event_create(*, data: dict, by) -> Event:
    roles = _check_event(data)
    event = Event()
    _apply_event(event, data, roles)
    db.session.add(event)
    db.session.flush()
    audit.record_create(
        entity_type="event",
        entity_id=event.id,
        summary=f"Created event {event.title}",
        by=by,
        values=_event_values(event),
    )
    return event


def event_update(event: Event, *, data: dict, by) -> Event:
    roles = _check_event(data)
    before = _event_values(event)
    _apply_event(event, data, roles)
    db.session.flush()
    audit.record_update(
        entity_type="event",
        entity_id=event.id,
        summary=f"Edited event {event.title}",
        before=before,
        after=_event_values(event),
        by=by,
    )
    return event


def event_delete(event: Event, *, by) -> None:
    audit.record_delete(
        entity_type="event",
        entity_id=event.id,
        summary=f"Deleted event {event.title} ({event.start_date}) with its participants, "
        "contributions and action items",
        before=_event_values(event),
        by=by,
    )
    db.session.delete(event)
    db.session.flush()


# -- participants ---------------------------------------------------------------------------------------

PARTICIPANT_FIELDS = (
    "country_id",
    "organisation_id",
    "role",
    "mode",
    "attended",
    "name",
    "email",
    "institution",
)


def name_key(name: str | None) -> str | None:
    """A name compared without case, accents or punctuation ("José  Pérez" = "jose perez")."""
    return (normalise(name) or None) if name else None


def _participant_values(participant: Participant) -> dict:
    return {field: getattr(participant, field) for field in PARTICIPANT_FIELDS}


def _delegation(data: dict) -> tuple[int | None, int | None]:
    country_id = _id(data.get("country_id"), field="country_id", message="Unknown country.")
    organisation_id = _id(
        data.get("organisation_id"), field="organisation_id", message="Unknown organisation."
    )
    if country_id and organisation_id:
        raise DomainError(
            "A participant represents one country or one organisation, not both: clear one of them.",
            field="country_id",
        )
    if not country_id and not organisation_id:
        raise DomainError(
            "Choose the country or the organisation the participant represents.", field="country_id"
        )
    if country_id and db.session.get(Country, country_id) is None:
        raise DomainError("Unknown country.", field="country_id")
    if organisation_id and db.session.get(Organisation, organisation_id) is None:
        raise DomainError("Unknown organisation.", field="organisation_id")
    return country_id, organisation_id


def _check_not_duplicate(event: Event, values: dict, exclude_id: int | None = None) -> None:
    others = select(Participant).where(Participant.event_id == event.id)
    if exclude_id is not None:
        others = others.where(Participant.id != exclude_id)
    if values["email"]:
        clash = db.session.scalar(others.where(Participant.email == values["email"]).limit(1))
        if clash is not None:
            raise DomainError(f"{values['email']} is already a participant of this event.", field="email")
    key = name_key(values["name"])
    if key:
        same_delegation = others.where(
            Participant.country_id == values["country_id"]
            if values["country_id"]
            else Participant.organisation_id == values["organisation_id"]
        )
        for other in db.session.scalars(same_delegation.where(Participant.name.is_not(None))):
            if name_key(other.name) == key:
                raise DomainError(
                    f"{other.name} is already a participant of this event for the same delegation.",
                    field="name",
                )


def _participant_data(data: dict) -> dict:
    country_id, organisation_id = _delegation(data)
    return {
        "country_id": country_id,
        "organisation_id": organisation_id,
        "role": ParticipantRole(data.get("role") or ParticipantRole.DELEGATE),
        "mode": AttendanceMode(data["mode"]),
        "attended": bool(data.get("attended")),
        "name": text_or_none(data.get("name")),
        "email": (data.get("email") or "").strip().lower() or None,
        "institution": text_or_none(data.get("institution")),
    }


def participant_add(event: Event, *, data: dict, by) -> Participant:
    values = _participant_data(data)
    _check_not_duplicate(event, values)
    participant = Participant(event=event, **values)
    db.session.add(participant)
    db.session.flush()
    audit.record_create(
        entity_type="participant",
        entity_id=participant.id,
        summary=f"Added a participant to {event.title}",
        by=by,
        values=_participant_values(participant),
    )
    return participant


def participant_update(participant: Participant, *, data: dict, by) -> Participant:
    values = _participant_data(data)
    _check_not_duplicate(participant.event, values, exclude_id=participant.id)
    before = _participant_values(participant)
    for field, value in values.items():
        setattr(participant, field, value)
    db.session.flush()
    audit.record_update(
        entity_type="participant",
        entity_id=participant.id,
        summary=f"Edited a participant of {participant.event.title}",
        before=before,
        after=_participant_values(participant),
        by=by,
    )
    return participant


def participant_delete(participant: Participant, *, by) -> None:
    audit.record_delete(
        entity_type="participant",
        entity_id=participant.id,
        summary=f"Removed a participant from {participant.event.title}",
        before=_participant_values(participant),
        by=by,
    )
    db.session.delete(participant)
    db.session.flush()


def participants_add_many(event: Event, *, rows: list[dict], by) -> int:
    """Add participants already checked by the importer (delegation, duplicates); one audit record."""
    for values in rows:
        db.session.add(Participant(event_id=event.id, **values))
    db.session.flush()
    audit.record(
        action="import",
        entity_type="event",
        entity_id=event.id,
        summary=f"Imported {len(rows)} participant(s) into {event.title}",
        by=by,
    )
    return len(rows)


def participant_count(event: Event) -> int:
    return db.session.scalar(select(func.count(Participant.id)).where(Participant.event_id == event.id))


# -- contributions --------------------------------------------------------------------------------------


def contribution_add(event: Event, *, data: dict, by) -> Contribution:
    country_id = _id(data.get("country_id"), field="country_id", message="Unknown country.")
    if country_id is None or db.session.get(Country, country_id) is None:
        raise DomainError("Choose the country that contributes.", field="country_id")
    contribution = Contribution(
        event=event,
        country_id=country_id,
        kind=ContributionKind(data["kind"]),
        title=data["title"].strip(),
    )
    db.session.add(contribution)
    db.session.flush()
    audit.record_create(
        entity_type="contribution",
        entity_id=contribution.id,
        summary=f"Added a contribution to {event.title}: {contribution.title}",
        by=by,
    )
    return contribution


def contribution_delete(contribution: Contribution, *, by) -> None:
    audit.record(
        action="delete",
        entity_type="contribution",
        entity_id=contribution.id,
        summary=f"Removed the contribution {contribution.title} from {contribution.event.title}",
        by=by,
    )
    db.session.delete(contribution)
    db.session.flush()


# -- action items ---------------------------------------------------------------------------------------

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


def action_item_update(item: ActionItem, *, data: dict, by) -> ActionItem:
    before = _action_values(item)
    _apply_action(item, data)
    db.session.flush()
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
