"""An editor's decisions about people: merge two records into one, or keep them apart for good.

Services flush; the route commits. Both decisions go to the audit trail, since they change whose
attendance is whose.
"""

from sqlalchemy import select
from sqlalchemy.orm.attributes import flag_modified

from tracker.core import audit, locking
from tracker.core.errors import DomainError
from tracker.core.locking import check_version
from tracker.extensions import db
from tracker.people.models import KeptApart, Person


def _values(person: Person) -> dict:
    return {
        "name": person.name,
        "emails": ", ".join(e.email for e in person.emails),
        "meetings": len(person.participations),
        "designations": len(person.designations),
    }


def person_merge(*, keep: Person, absorb: Person, keep_version, absorb_version, by) -> Person:
    """Move every address, participation and designation of `absorb` to `keep`, then delete `absorb`.

    Refused when both took part in the same event: two participant rows of one meeting are two people, or
    a duplicate participant the editor removes first; merging would count one human twice.
    """
    if keep.id == absorb.id:
        raise DomainError("A record cannot be merged with itself.", field="other_id")
    check_version(keep, keep_version, what="person")
    check_version(absorb, absorb_version, what="person")
    events = {link.participant.event_id: link.participant.event for link in keep.participations}
    for link in absorb.participations:
        if (event := events.get(link.participant.event_id)) is not None:
            raise DomainError(
                f"Both records took part in {event.title} ({event.dates}) as separate participants: remove "
                "the duplicate participant first, or keep the records apart.",
                field="other_id",
            )
    before = _values(keep)
    absorbed = {"id": absorb.id, **_values(absorb)}
    for email in list(absorb.emails):
        email.person = keep
    for link in list(absorb.participations):
        link.person = keep
    for link in list(absorb.designations):
        link.person = keep
    if not keep.name and absorb.name:
        keep.name = absorb.name
    flag_modified(keep, "name")  # the merge changes the record: its version rises, a stale merge fails
    db.session.delete(absorb)
    locking.flush(what="person")
    db.session.refresh(keep)
    audit.record_update(
        entity_type="person",
        entity_id=keep.id,
        summary=f"Merged person {absorbed['id']} into {keep.display_name}",
        before=before,
        after=_values(keep),
        by=by,
    )
    audit.record_delete(
        entity_type="person",
        entity_id=absorbed["id"],
        summary=f"Person {absorbed['id']} merged into person {keep.id}",
        before=absorbed,
        by=by,
    )
    return keep


def persons_keep_apart(*, first: Person, second: Person, by) -> KeptApart:
    """Remember that two similar records are two people, so the pair is not suggested again."""
    if first.id == second.id:
        raise DomainError("A record cannot be kept apart from itself.", field="other_id")
    low, high = sorted((first.id, second.id))
    decision = db.session.scalar(
        select(KeptApart).where(KeptApart.first_id == low, KeptApart.second_id == high)
    )
    if decision is None:
        decision = KeptApart(first_id=low, second_id=high, decided_by_id=getattr(by, "id", None))
        db.session.add(decision)
        db.session.flush()
        audit.record_create(
            entity_type="person",
            entity_id=low,
            summary=f"Kept {first.display_name} (person {first.id}) and {second.display_name} "
            f"(person {second.id}) apart: two people",
            by=by,
        )
    return decision
