"""Writes for the input received from the Parties. Services flush; callers commit."""

from datetime import date

from tracker.authorities.models import PartyInput
from tracker.authorities.services import in_future, require_party
from tracker.core import audit
from tracker.core.errors import DomainError
from tracker.core.parsing import text_or_none
from tracker.countries.models import Country
from tracker.extensions import db


def party_input_record(*, country: Country, received_on: date, note: str | None, by) -> PartyInput:
    if received_on is None:
        raise DomainError("Give the date the input was received.", field="received_on")
    if in_future(received_on):
        raise DomainError("The date received cannot be in the future.", field="received_on")
    require_party(country, received_on, field="received_on")
    party_input = PartyInput(country=country, received_on=received_on, note=text_or_none(note))
    db.session.add(party_input)
    db.session.flush()
    audit.record_create(
        entity_type="party_input",
        entity_id=party_input.id,
        summary=f"Recorded input from {country.name} received on {received_on:%d %b %Y}",
        by=by,
    )
    return party_input


def party_input_delete(party_input: PartyInput, *, by) -> None:
    audit.record(
        action="delete",
        entity_type="party_input",
        entity_id=party_input.id,
        summary=f"Deleted the input from {party_input.country.name} received on "
        f"{party_input.received_on:%d %b %Y}",
        by=by,
    )
    db.session.delete(party_input)
    db.session.flush()
