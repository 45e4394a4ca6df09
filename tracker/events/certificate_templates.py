"""The certificate wording an editor keeps: read (event's own, else the global default, else built in)
and saved (checked, version-locked, audited). Services flush; the route commits."""

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from tracker.core import audit, locking
from tracker.core.errors import DomainError
from tracker.core.locking import check_version
from tracker.events.certificates import DEFAULT, Wording, check_placeholders, wording_of
from tracker.events.models import CertificateTemplate, Event, Participant, ParticipantRole
from tracker.extensions import db

FIELDS = ("title", "body", "signature")


def stored(event_id: int | None) -> CertificateTemplate | None:
    """The event's own template (`event_id`) or the global default (None), as stored."""
    condition = (
        CertificateTemplate.event_id.is_(None)
        if event_id is None
        else CertificateTemplate.event_id == event_id
    )
    return db.session.scalar(select(CertificateTemplate).where(condition))


def wording_for(event: Event) -> tuple[Wording, str]:
    """The wording a certificate of this event uses, and where it comes from (for the page to say)."""
    if (own := stored(event.id)) is not None:
        return wording_of(own), "this event's wording"
    if (default := stored(None)) is not None:
        return wording_of(default), "the default wording"
    return DEFAULT, "the built-in wording"


def certified_participants(event_id: int) -> list[Participant]:
    """Who gets a certificate: participants who attended, except the secretariat that ran the event."""
    rows = db.session.scalars(
        select(Participant)
        .where(
            Participant.event_id == event_id,
            Participant.attended,
            Participant.role != ParticipantRole.SECRETARIAT,
        )
        .options(selectinload(Participant.country), selectinload(Participant.organisation))
        .order_by(Participant.name, Participant.id)
    )
    return list(rows)


def _values(template: CertificateTemplate) -> dict:
    return {field: getattr(template, field) for field in FIELDS}


def certificate_template_save(*, event: Event | None, data: dict, version, by) -> CertificateTemplate:
    """Save the wording of one event (or the default, `event` None); placeholders are checked first."""
    for field, label in (("title", "Title"), ("body", "Text"), ("signature", "Signature")):
        try:
            check_placeholders(data.get(field) or "", field=label)
        except ValueError as error:
            raise DomainError(str(error), field=field) from None
    template = stored(event.id if event else None)
    what = f"certificate wording of {event.title}" if event else "default certificate wording"
    if template is None:
        template = CertificateTemplate(
            event_id=event.id if event else None, **{f: data.get(f) for f in FIELDS}
        )
        db.session.add(template)
        db.session.flush()
        audit.record_create(
            entity_type="certificate_template",
            entity_id=template.id,
            summary=f"Wrote the {what}",
            by=by,
            values=_values(template),
        )
        return template
    check_version(template, version, what="certificate wording")
    before = _values(template)
    for field in FIELDS:
        setattr(template, field, data.get(field))
    locking.flush(what="certificate wording")
    audit.record_update(
        entity_type="certificate_template",
        entity_id=template.id,
        summary=f"Changed the {what}",
        before=before,
        after=_values(template),
        by=by,
    )
    return template
