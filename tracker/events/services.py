"""Writes for events and their contributions. Services flush; callers commit.

Domain rules live here (forms only check fields): an event ends on or after its start; a study visit has
a visiting and a host country; a country has one role in an event. Participants are written by
`events.participants`, action items by `events.action_items`.
"""

from sqlalchemy import select

from tracker.core import audit, locking
from tracker.core.errors import DomainError
from tracker.core.locking import check_version
from tracker.core.parsing import parse_id
from tracker.countries.models import Country
from tracker.events.models import (
    Contribution,
    ContributionKind,
    CountryRole,
    Event,
    EventCountry,
    EventFormat,
    EventKind,
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


def row_id(value, *, field: str, message: str) -> int | None:
    """A row id from a form value (None when blank), or a DomainError on the field (the participant
    services use it too)."""
    try:
        return parse_id(value)
    except ValueError:
        raise DomainError(message, field=field) from None


def _country_ids(values, field: str) -> list[int]:
    ids = (row_id(v, field=field, message="Unknown country.") for v in values or ())
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
    host_id = row_id(data.get("host_country_id"), field="host_country_id", message="Unknown host country.")
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
    event.host_country_id = row_id(data.get("host_country_id"), field="host_country_id", message="")
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


def event_form_data(event: Event) -> dict:
    """The event in the shape `event_create`/`event_update` accept (the form's): what an edit starts from,
    and what a conflict compares the editor's input with."""
    data = {field: getattr(event, field) for field in EVENT_FIELDS}
    data |= {"host_country_id": event.host_country_id, "version": event.version}
    for role, field in ROLE_FIELDS.items():
        data[field] = [str(ec.country_id) for ec in event.countries if ec.role == role]
    return data


def event_update(event: Event, *, data: dict, version, by) -> Event:
    """Save an edit; `version` is the one the editor loaded (another save since then is a conflict)."""
    check_version(event, version, what="event")
    roles = _check_event(data)
    before = _event_values(event)
    _apply_event(event, data, roles)
    locking.flush(what="event")
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


# -- contributions --------------------------------------------------------------------------------------


def contribution_add(event: Event, *, data: dict, by) -> Contribution:
    country_id = row_id(data.get("country_id"), field="country_id", message="Unknown country.")
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
