"""Attendance statistics, computed in SQL: one grouped query for any set of events, and the sentence
the plenary documents use ("94 delegates (81 in person and 13 online), representing ...").

Counting rules (the plenary documents' own): only participants whose status is *attended* count
(absent and excused ones do not); secretariat
staff are neither delegates nor a represented party; a represented country counts as a Party when it is
one on the event's start date (`tracker.countries` status rules), and every other represented State as
an Observer.
"""

from dataclasses import asdict, dataclass
from datetime import date
from typing import NamedTuple

from sqlalchemy import Integer, and_, case, cast, distinct, extract, func, select

from tracker.core.collation import name_order
from tracker.countries.models import Country, Instrument, Organisation, Status, TreatyMembership
from tracker.countries.queries import status_column
from tracker.events.models import (
    AttendanceMode,
    AttendanceStatus,
    CountryRole,
    Event,
    EventCountry,
    EventKind,
    Participant,
    ParticipantRole,
)
from tracker.extensions import db

MEETING_KINDS = (EventKind.ANNUAL_MEETING, EventKind.PLENARY)


def _plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


@dataclass(frozen=True)
class Attendance:
    """Who attended an event, as a plenary document reports it."""

    delegates: int = 0
    in_person: int = 0
    online: int = 0
    countries: int = 0
    parties: int = 0
    observers: int = 0
    organisations: int = 0

    @classmethod
    def from_row(cls, row) -> "Attendance":
        return cls(
            delegates=row.delegates,
            in_person=row.in_person,
            online=row.online,
            countries=row.countries,
            parties=row.parties,
            observers=row.countries - row.parties,
            organisations=row.organisations,
        )

    @property
    def sentence(self) -> str:
        """E.g. "94 delegates (81 in person and 13 online), representing 59 countries (48 Parties and 11
        Observers) and 4 international organisations"."""
        if not self.delegates:
            return "No attendance recorded"
        if self.in_person and self.online:
            modes = f"{self.in_person} in person and {self.online} online"
        else:
            modes = "all in person" if self.in_person else "all online"
        represented = []
        if self.countries:
            statuses = " and ".join(
                part
                for part in (
                    _plural(self.parties, "Party", "Parties") if self.parties else "",
                    _plural(self.observers, "Observer", "Observers") if self.observers else "",
                )
                if part
            )
            represented.append(f"{_plural(self.countries, 'country', 'countries')} ({statuses})")
        if self.organisations:
            represented.append(
                _plural(self.organisations, "international organisation", "international organisations")
            )
        sentence = f"{_plural(self.delegates, 'delegate', 'delegates')} ({modes})"
        return f"{sentence}, representing {' and '.join(represented)}" if represented else sentence

    def as_dict(self) -> dict:
        return asdict(self)


def _counted():
    """The participants a statistic counts: attended, and not secretariat staff."""
    return and_(
        Participant.status == AttendanceStatus.ATTENDED, Participant.role != ParticipantRole.SECRETARIAT
    )


def _join_membership(query):
    return query.outerjoin(
        TreatyMembership,
        and_(
            TreatyMembership.country_id == Participant.country_id,
            TreatyMembership.instrument == Instrument.ETS185,
        ),
    )


def _stat_columns():
    # the status is taken on each event's own start date, inside the same query
    is_party = and_(
        Participant.country_id.is_not(None), status_column(Event.start_date) == Status.PARTY.value
    )
    return (
        func.count(Participant.id).label("delegates"),
        func.count(case((Participant.mode == AttendanceMode.IN_PERSON, Participant.id))).label("in_person"),
        func.count(case((Participant.mode == AttendanceMode.ONLINE, Participant.id))).label("online"),
        func.count(distinct(Participant.country_id)).label("countries"),
        func.count(distinct(case((is_party, Participant.country_id)))).label("parties"),
        func.count(distinct(Participant.organisation_id)).label("organisations"),
    )


def _with_stats(*columns):
    """SELECT columns + statistics FROM events LEFT JOIN counted participants, grouped by event."""
    query = (
        select(*columns, *_stat_columns())
        .select_from(Event)
        .outerjoin(Participant, and_(Participant.event_id == Event.id, _counted()))
    )
    return _join_membership(query).group_by(Event.id)


def attendance_by_event(event_ids) -> dict[int, Attendance]:
    """{event id: Attendance} for the given events (zeros for an event nobody attended): one query."""
    ids = list(event_ids)
    if not ids:
        return {}
    rows = db.session.execute(_with_stats(Event.id.label("event_id")).where(Event.id.in_(ids)))
    return {row.event_id: Attendance.from_row(row) for row in rows}


def attendance(event_id: int) -> Attendance:
    return attendance_by_event([event_id]).get(event_id, Attendance())


@dataclass(frozen=True)
class Meeting:
    event_id: int
    kind: EventKind
    title: str
    date: date
    attendance: Attendance
    place: str | None = None

    def as_dict(self) -> dict:
        """The plenary report's shape: title, date (ISO), then the attendance figures."""
        return {"title": self.title, "date": self.date.isoformat(), "kind": self.kind.value} | (
            self.attendance.as_dict()
        )


def meetings_between(start: date, end: date, kinds=MEETING_KINDS) -> list[Meeting]:
    """Meetings that start within [start, end], oldest first, each with its attendance (one query)."""
    query = (
        _with_stats(Event.id, Event.kind, Event.title, Event.start_date, Event.place)
        .where(Event.start_date.between(start, end), Event.kind.in_([EventKind(k) for k in kinds]))
        .order_by(Event.start_date, Event.id)
    )
    return [
        Meeting(row.id, EventKind(row.kind), row.title, row.start_date, Attendance.from_row(row), row.place)
        for row in db.session.execute(query)
    ]


class TrendPoint(NamedTuple):
    year: int
    title: str
    in_person: int
    online: int


def annual_meeting_trend() -> list[TrendPoint]:
    """Each annual meeting's delegates in person and online, oldest first (one query)."""
    year = cast(extract("year", Event.start_date), Integer)
    query = (
        _with_stats(year.label("year"), Event.title, Event.start_date)
        .where(Event.kind == EventKind.ANNUAL_MEETING)
        .order_by(Event.start_date, Event.id)
    )
    return [TrendPoint(int(r.year), r.title, r.in_person, r.online) for r in db.session.execute(query)]


# -- delegations ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DelegationRow:
    name: str
    code: str | None  # ISO alpha-3 for a country, the acronym for an organisation
    is_country: bool
    status: Status | None  # a country's status on the event's date
    in_person: int
    online: int
    not_attended: int
    secretariat: int

    @property
    def delegates(self) -> int:
        return self.in_person + self.online

    @property
    def status_label(self) -> str:
        if not self.is_country:
            return "International organisation"
        return "Party" if self.status == Status.PARTY else "Observer"


def delegations(event: Event) -> list[DelegationRow]:
    """One row per country or organisation with participants in the event, with its counts (one query)."""
    counted = _counted()
    status = status_column(event.start_date)
    query = (
        select(
            Country.name.label("country_name"),
            Country.iso3,
            Organisation.name.label("organisation_name"),
            Organisation.acronym,
            func.max(status).label("status"),
            func.count(case((and_(counted, Participant.mode == AttendanceMode.IN_PERSON), 1))).label(
                "in_person"
            ),
            func.count(case((and_(counted, Participant.mode == AttendanceMode.ONLINE), 1))).label("online"),
            func.count(case((Participant.status != AttendanceStatus.ATTENDED, 1))).label("not_attended"),
            func.count(
                case(
                    (
                        and_(
                            Participant.status == AttendanceStatus.ATTENDED,
                            Participant.role == ParticipantRole.SECRETARIAT,
                        ),
                        1,
                    )
                )
            ).label("secretariat"),
        )
        .select_from(Participant)
        .outerjoin(Country, Country.id == Participant.country_id)
        .outerjoin(Organisation, Organisation.id == Participant.organisation_id)
        .where(Participant.event_id == event.id)
        .group_by(
            Country.id, Country.name, Country.iso3, Organisation.id, Organisation.name, Organisation.acronym
        )
        .order_by(Country.name.is_(None), name_order(Country.name), name_order(Organisation.name))
    )
    query = _join_membership(query)
    return [
        DelegationRow(
            name=row.country_name or row.organisation_name,
            code=row.iso3 or row.acronym,
            is_country=row.country_name is not None,
            status=Status(row.status) if row.country_name is not None else None,
            in_person=row.in_person,
            online=row.online,
            not_attended=row.not_attended,
            secretariat=row.secretariat,
        )
        for row in db.session.execute(query)
    ]


# -- a country's events (the country page) --------------------------------------------------------------


@dataclass(frozen=True)
class CountryEventRow:
    event: Event
    roles: list[CountryRole]
    in_person: int
    online: int


def country_events(country_id: int) -> list[CountryEventRow]:
    """The events a country took part in, newest first, with its role and its delegates by mode."""
    counts = {
        row.event_id: row
        for row in db.session.execute(
            select(
                Participant.event_id,
                func.count(case((Participant.mode == AttendanceMode.IN_PERSON, 1))).label("in_person"),
                func.count(case((Participant.mode == AttendanceMode.ONLINE, 1))).label("online"),
            )
            .where(Participant.country_id == country_id, _counted())
            .group_by(Participant.event_id)
        )
    }
    roles: dict[int, list[CountryRole]] = {}
    for event_id, role in db.session.execute(
        select(EventCountry.event_id, EventCountry.role).where(EventCountry.country_id == country_id)
    ):
        roles.setdefault(event_id, []).append(CountryRole(role))
    ids = set(counts) | set(roles)
    if not ids:
        return []
    events = db.session.scalars(
        select(Event).where(Event.id.in_(ids)).order_by(Event.start_date.desc(), Event.id.desc())
    )
    return [
        CountryEventRow(
            event=event,
            roles=roles.get(event.id, []),
            in_person=counts[event.id].in_person if event.id in counts else 0,
            online=counts[event.id].online if event.id in counts else 0,
        )
        for event in events
    ]
