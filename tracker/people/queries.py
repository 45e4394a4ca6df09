"""Reads for people: the list, one person's page, the duplicate candidates, and the country page's
question "did our contact points attend the annual meetings?". Eager loads; a fixed number of queries."""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from tracker.directory.models import ContactPoint
from tracker.events.models import Event, EventKind, Participant
from tracker.extensions import db
from tracker.people.duplicates import fold
from tracker.people.models import KeptApart, Person, PersonContactPoint, PersonParticipant

ANNUAL_MEETINGS_SHOWN = 5


def sort_key(person: Person):
    """Names as people read them: accents and case aside, then by record number."""
    return (fold(person.display_name), person.id)


@dataclass(frozen=True)
class PersonRow:
    person: Person
    meetings: int


def person_list(search: str | None = None) -> list[PersonRow]:
    """Everyone (or those whose name or address contains `search`, accents and case aside: "kovacs"
    finds "Kovács"), sorted as people read names. Two queries, whatever the numbers."""
    counts = (
        select(PersonParticipant.person_id, func.count().label("meetings"))
        .group_by(PersonParticipant.person_id)
        .subquery()
    )
    query = (
        select(Person, func.coalesce(counts.c.meetings, 0))
        .outerjoin(counts, counts.c.person_id == Person.id)
        .options(selectinload(Person.emails))
    )
    rows = [PersonRow(person, meetings) for person, meetings in db.session.execute(query).all()]
    if search and (wanted := fold(search)):
        rows = [
            row
            for row in rows
            if wanted in fold(row.person.name)
            or any(search.strip().lower() in e.email for e in row.person.emails)
        ]
    return sorted(rows, key=lambda row: sort_key(row.person))


def person_for_page(person_id: int) -> Person | None:
    return db.session.scalar(
        select(Person)
        .where(Person.id == person_id)
        .options(
            selectinload(Person.emails),
            selectinload(Person.participations)
            .selectinload(PersonParticipant.participant)
            .options(
                selectinload(Participant.event),
                selectinload(Participant.country),
                selectinload(Participant.organisation),
            ),
            selectinload(Person.designations)
            .selectinload(PersonContactPoint.contact_point)
            .selectinload(ContactPoint.country),
        )
    )


def meetings_of(person: Person) -> list[Participant]:
    """The person's participations, latest meeting first."""
    return sorted(
        (link.participant for link in person.participations),
        key=lambda p: (p.event.start_date, p.event.id),
        reverse=True,
    )


def designations_of(person: Person) -> list[ContactPoint]:
    return sorted(
        (link.contact_point for link in person.designations),
        key=lambda cp: (cp.valid_from, cp.id),
        reverse=True,
    )


def candidates() -> list[Person]:
    """Every person with what the duplicate check compares (countries, organisations, institutions)."""
    return list(
        db.session.scalars(
            select(Person).options(
                selectinload(Person.emails),
                selectinload(Person.participations)
                .selectinload(PersonParticipant.participant)
                .options(selectinload(Participant.country), selectinload(Participant.organisation)),
                selectinload(Person.designations)
                .selectinload(PersonContactPoint.contact_point)
                .selectinload(ContactPoint.country),
            )
        )
    )


def kept_apart_pairs() -> set[tuple[int, int]]:
    return {tuple(row) for row in db.session.execute(select(KeptApart.first_id, KeptApart.second_id))}


def person_of_participant(participant_id: int) -> int | None:
    return db.session.scalar(
        select(PersonParticipant.person_id).where(PersonParticipant.participant_id == participant_id)
    )


# -- the country page ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class ContactPointAttendance:
    contact_point: ContactPoint
    person_id: int | None
    participant: Participant | None

    @property
    def outcome(self) -> str:
        if self.person_id is None:
            return "Cannot tell: the designation has no e-mail address"
        p = self.participant
        if p is None:
            return "Not registered"
        if p.attended:
            minutes = f", {p.minutes_online} min" if p.minutes_online else ""
            return f"Attended {p.mode.label.lower()}{minutes}"
        return "Excused" if p.status.value == "excused" else "Registered, did not attend"


@dataclass(frozen=True)
class MeetingAttendance:
    event: Event
    contact_points: list[ContactPointAttendance]


def contact_points_at_annual_meetings(country_id: int, day: date) -> list[MeetingAttendance]:
    """For the latest annual meetings up to `day`: the country's contact points designated on the
    meeting's first day and whether each attended (three queries, whatever the numbers, none included)."""
    meetings = list(
        db.session.scalars(
            select(Event)
            .where(Event.kind == EventKind.ANNUAL_MEETING, Event.start_date <= day)
            .order_by(Event.start_date.desc(), Event.id.desc())
            .limit(ANNUAL_MEETINGS_SHOWN)
        )
    )
    designations = db.session.execute(
        select(ContactPoint, PersonContactPoint.person_id)
        .outerjoin(PersonContactPoint, PersonContactPoint.contact_point_id == ContactPoint.id)
        .where(ContactPoint.country_id == country_id)
        .order_by(ContactPoint.institution, ContactPoint.id)
    ).all()
    person_ids = {person_id for _, person_id in designations if person_id is not None}
    # run even when empty (an empty IN matches nothing): the page's query count never depends on the data
    rows = db.session.execute(
        select(PersonParticipant.person_id, Participant)
        .join(Participant, Participant.id == PersonParticipant.participant_id)
        .where(
            PersonParticipant.person_id.in_(person_ids),
            Participant.event_id.in_([m.id for m in meetings]),
        )
    ).all()
    attended = {(person_id, p.event_id): p for person_id, p in rows}
    return [
        MeetingAttendance(
            meeting,
            [
                ContactPointAttendance(cp, person_id, attended.get((person_id, meeting.id)))
                for cp, person_id in designations
                if cp.designated_on(meeting.start_date)
            ],
        )
        for meeting in meetings
    ]
