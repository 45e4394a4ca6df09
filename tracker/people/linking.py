"""Every participant and every contact-point designation is linked to a person as it is written.

One `before_flush` hook, whichever way the row came (the participant form, the Indico import, the
directory form or import, the demo): the rule lives in one place and no feature below has to remember it.
The same e-mail (any case) is the same person; a participant without an address gets a person of its own
(an editor may merge it later, see `duplicates.py`); a designation without an address is left unlinked,
since nothing would tell whose it is. Linking is derived data, so it is not written to the audit trail;
merging and keeping apart, which are an editor's decisions, are.
"""

from sqlalchemy import event, inspect, select
from sqlalchemy.orm import Session

from tracker.directory.models import ContactPoint
from tracker.events.models import Participant
from tracker.people.models import Person, PersonContactPoint, PersonEmail, PersonParticipant


def email_key(value: str | None) -> str | None:
    return (value or "").strip().lower() or None


def _email_changed(row) -> bool:
    return inspect(row).attrs.email.history.has_changes()


@event.listens_for(Session, "before_flush")
def _link_people(session: Session, flush_context, instances) -> None:
    new = [row for row in session.new if isinstance(row, (Participant, ContactPoint))]
    changed = [
        row
        for row in session.dirty
        if isinstance(row, (Participant, ContactPoint)) and row not in session.deleted and _email_changed(row)
    ]
    if new or changed:
        with session.no_autoflush:
            Linker(session, new + changed).link(new, changed)


class Linker:
    """Finds or creates the person of each row, with one query for the addresses already known."""

    def __init__(self, session: Session, rows: list):
        self.session = session
        emails = {key for row in rows if (key := email_key(row.email))}
        self.by_email: dict[str, Person] = {}
        if emails:
            known = session.scalars(select(PersonEmail).where(PersonEmail.email.in_(emails)))
            self.by_email = {known_email.email: known_email.person for known_email in known}

    def person_for(self, row) -> Person | None:
        key = email_key(row.email)
        name = getattr(row, "name", None)
        if key is None:
            return Person(name=name) if isinstance(row, Participant) else None
        person = self.by_email.get(key)
        if person is None:
            person = Person(name=name)
            PersonEmail(email=key, person=person)
            self.by_email[key] = person
        elif not person.name and name:
            person.name = name
        self.session.add(person)
        return person

    def link(self, new: list, changed: list) -> None:
        for row in new:
            if (person := self.person_for(row)) is not None:
                self.session.add(_link_of(row)(**{_key_of(row): row, "person": person}))
        for row in changed:
            self._relink(row)

    def _relink(self, row) -> None:
        """A row whose address changed: an address someone else owns moves the row to them; an address
        nobody has yet is added to the row's person (a corrected typo, or a second address)."""
        key = email_key(row.email)
        if key is None:
            return  # keep the person it had: losing the address says nothing about who it is
        model = _link_of(row)
        current = self.session.scalar(select(model).where(getattr(model, f"{_key_of(row)}_id") == row.id))
        owner = self.by_email.get(key)
        if current is None:
            if (person := self.person_for(row)) is not None:
                self.session.add(model(**{_key_of(row): row, "person": person}))
        elif owner is None:
            self.session.add(PersonEmail(email=key, person=current.person))
            self.by_email[key] = current.person
        elif owner is not current.person:
            current.person = owner


def _link_of(row):
    return PersonParticipant if isinstance(row, Participant) else PersonContactPoint


def _key_of(row) -> str:
    return "participant" if isinstance(row, Participant) else "contact_point"
