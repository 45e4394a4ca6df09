"""Writes for an event's participants. Services flush; callers commit.

A participant represents exactly one country or one organisation and appears once per event (by e-mail,
and by name within a delegation); the participant importer checks its rows with the same `name_key`.
"""

from sqlalchemy import select

from tracker.core import audit, locking
from tracker.core.errors import DomainError
from tracker.core.locking import check_version
from tracker.core.parsing import text_or_none
from tracker.countries.matching import normalise
from tracker.countries.models import Country, Organisation
from tracker.events.models import AttendanceMode, AttendanceStatus, Event, Participant, ParticipantRole
from tracker.events.services import row_id
from tracker.extensions import db

PARTICIPANT_FIELDS = (
    "country_id",
    "organisation_id",
    "role",
    "mode",
    "status",
    "minutes_online",
    "registration_id",
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
    country_id = row_id(data.get("country_id"), field="country_id", message="Unknown country.")
    organisation_id = row_id(
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
        "status": AttendanceStatus(data.get("status") or AttendanceStatus.ATTENDED),
        "minutes_online": data.get("minutes_online"),
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


def participant_update(participant: Participant, *, data: dict, version, by) -> Participant:
    check_version(participant, version, what="participant")
    values = _participant_data(data)
    _check_not_duplicate(participant.event, values, exclude_id=participant.id)
    before = _participant_values(participant)
    for field, value in values.items():
        setattr(participant, field, value)
    locking.flush(what="participant")
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


def participants_update_many(event: Event, *, changes: list[tuple[Participant, dict]], by) -> int:
    """Apply an import's changes to participants it matched (checked by the importer); one audit record
    per participant, so each change can be traced to the import."""
    for participant, values in changes:
        before = _participant_values(participant)
        for field, value in values.items():
            setattr(participant, field, value)
        locking.flush(what="participant")
        audit.record_update(
            entity_type="participant",
            entity_id=participant.id,
            summary=f"Updated a participant of {event.title} from an import",
            before=before,
            after=_participant_values(participant),
            by=by,
        )
    return len(changes)
