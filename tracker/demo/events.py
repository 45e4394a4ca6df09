"""Demo events: the annual meetings of the 24/7 Network (2021-2024), the 30th T-CY plenary and the study
visit of Ecuador's 24/7 contact point to the Dominican Republic.

The 2024 annual meeting reproduces the plenary presentation exactly: 94 delegates (81 in person and 13
online), representing 59 countries (48 Parties and 11 Observers on 18 October 2024) and 4 international
organisations; secretariat staff and people who registered but did not attend are recorded and, as the
counting rules say, not counted. Every name and e-mail address is fictitious (@example.org).
Idempotent: an event that already exists (same kind, title and start date) is left as it is.
"""

import random
import unicodedata
from datetime import date
from itertools import product

from sqlalchemy import select

from tracker.countries.models import Country, Organisation
from tracker.demo.foundation import ORGANISATIONS
from tracker.events.models import (
    ActionItem,
    ActionItemNote,
    ActionStatus,
    AttendanceMode,
    AttendanceStatus,
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

ATTENDED, ABSENT = AttendanceStatus.ATTENDED, AttendanceStatus.ABSENT


def _words(*lines: str) -> list[str]:
    return " ".join(lines).split()


GIVEN = _words(
    "Amara Ana Andrei Aroha Bilal Camille Chen Dana Elena Emeka Farah Hana Ines Ivan Jonas Kaito Kemal Lea",
    "Liam Lina Luca Maja Malik Marta Mateo Mei Nadia Nikos Noor Olga Omar Pavel Priya Rafael Rosa Sami Sofia",
    "Tariq Tomas Yara Zofia",
)
SURNAMES = _words(
    "Abara Alvarenga Andersen Barros Becker Bianchi Costa Dimitrov Duarte Eklund Fischer Garcia Haddad",
    "Horvat Ibrahim Ivanova Jansen Kaplan Kovac Laine Lopez Marin Mensah Moreau Nakamura Novak Okafor",
    "Petrov Quispe Rahman Rossi Santos Silva Tanaka Teller Varga Vidal Weber Yilmaz Zeller",
)


def _each(codes: str, in_person: int, online: int) -> list[tuple[str, int, int]]:
    """(ISO alpha-3 or organisation acronym, delegates in person, delegates online) for each code."""
    return [(code, in_person, online) for code in _words(codes)]


ANNUAL_2024 = (
    # Parties: two delegates in person, one in person, one online
    _each("AUT BEL BGR CHL CRI CIV CZE EST FIN FRA DEU GHA ITA MDA NLD PHL PRT ROU ESP TUN UKR USA GBR", 2, 0)
    + _each("ARM GEO SRB", 2, 0)
    + _each("ALB BEN BIH CMR HRV DNK FJI GRD HUN KIR LTU MAR MKD SEN CHE", 1, 0)
    + _each("CAN COL DOM JPN NGA PER LKA", 0, 1)
    # Observers on 18 October 2024 (signatories and States invited to accede)
    + _each("ECU IRL", 2, 0)
    + _each("ZAF KEN MOZ GTM NER", 1, 0)
    + _each("MWI PNG NZL VUT", 0, 1)
)
ORGANISATIONS_2024 = [("Europol", 3, 0), ("INTERPOL", 1, 1), ("Eurojust", 1, 0), ("EC", 0, 1)]

# Earlier annual meetings: smaller, and more online in the pandemic years.
ANNUAL_2023 = (
    _each("AUT BEL BGR CHL CRI CZE EST FIN FRA DEU ITA MDA NLD PHL PRT ROU ESP UKR USA GBR ARM GEO SRB", 2, 0)
    + _each("ALB BIH CMR HRV DNK HUN LTU MAR MKD SEN CHE GHA NOR IRL", 1, 0)
    + _each("CAN COL DOM JPN NGA PER LKA TON BEN FJI KIR CIV ZAF ECU PRY", 0, 1)
)
ANNUAL_2022 = (
    _each("AUT BEL BGR CZE EST FIN FRA DEU ITA NLD PRT ROU ESP UKR USA GBR SRB", 2, 0)
    + _each("ALB ARM BIH HRV DNK GEO HUN LTU MDA MKD CHE", 1, 0)
    + _each("CAN CHL COL CRI DOM JPN MAR NGA PER PHL LKA SEN TON GHA MUS IRL", 0, 1)
)
ANNUAL_2021 = _each("AUT BEL FRA DEU ITA NLD PRT ROU ESP UKR USA GBR", 0, 2) + _each(
    "ALB ARM BGR BIH CAN CHL COL CRI HRV CZE DNK DOM EST FIN GEO HUN JPN MAR MDA PER PHL SEN NGA LKA CHE IRL",
    0,
    1,
)

ANNUAL_CONCLUSIONS = [
    ("Secretariat: keep the Directory up to date, migration to the CYBOX platform", ActionStatus.IN_PROGRESS),
    ("Capacity building support for new members", ActionStatus.OPEN),
    ("New initiatives: SOPs, regional training exercises", ActionStatus.OPEN),
    (
        "Coordinate with SIRIUS project for facilitating access to their platform and tools for the members",
        ActionStatus.OPEN,
    ),
    (
        "Exploring the possibility of organising a joint event for 24/7 Networks (BC, G7, INTERPOL)",
        ActionStatus.OPEN,
    ),
]
PLENARY_DECISIONS = [
    (
        "To welcome the draft complementary directory of authorities for mutual assistance (Article 27) "
        "and extradition (Article 24) under the Convention on Cybercrime prepared by the T-CY Secretariat, "
        "and to invite Parties that have not yet done so to provide the information needed to complete "
        "the directory.",
        "Parties; T-CY Secretariat",
        ActionStatus.IN_PROGRESS,
        (
            date(2024, 12, 10),
            "55 of 76 Parties have provided input; the directory is shared with the Parties only.",
        ),
    ),
    (
        "To note that Parties may also consider updating their declarations regarding these authorities "
        "on the website of the Treaty Office of the Council of Europe.",
        "Parties",
        ActionStatus.OPEN,
        None,
    ),
]
CONTRIBUTIONS_2024 = [
    ("TUN", ContributionKind.NEW_MEMBER_UPDATE, "Establishing the 24/7 contact point after accession"),
    (
        "FJI",
        ContributionKind.NEW_MEMBER_UPDATE,
        "Police and prosecution working together as 24/7 contact point",
    ),
    ("KIR", ContributionKind.NEW_MEMBER_UPDATE, "Setting up the 24/7 contact point in Kiribati"),
    ("GRD", ContributionKind.NEW_MEMBER_UPDATE, "Grenada's first months in the Network"),
    ("CHL", ContributionKind.GOOD_PRACTICE, "Handling urgent preservation requests around the clock"),
    ("CRI", ContributionKind.GOOD_PRACTICE, "Internal procedures and templates for the contact point"),
    ("GHA", ContributionKind.GOOD_PRACTICE, "Working with service providers on emergency requests"),
    ("PHL", ContributionKind.GOOD_PRACTICE, "Staffing and training a round-the-clock contact point"),
]


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


class _People:
    """Fictitious, distinct people for one event (the same seed gives the same people)."""

    def __init__(self, seed: int):
        self.pairs = list(product(GIVEN, SURNAMES))
        # Shuffling fictitious demo names: nothing here needs to be unpredictable.
        random.Random(seed).shuffle(self.pairs)  # noqa: S311  # nosec B311
        self.index = 0

    def next(self) -> tuple[str, str]:
        given, surname = self.pairs[self.index]
        self.index += 1
        return f"{given} {surname}", f"{_ascii(given)}.{_ascii(surname)}@example.org"


class _Loader:
    def __init__(self):
        self.countries = {c.iso3: c for c in db.session.scalars(select(Country))}
        names = {acronym: name for name, acronym, _kind, _site in ORGANISATIONS}
        by_name = {o.name: o for o in db.session.scalars(select(Organisation))}
        self.organisations = {acronym: by_name[name] for acronym, name in names.items() if name in by_name}

    def event(self, **values) -> Event | None:
        """A new event, or None if the demo already created it."""
        exists = db.session.scalar(
            select(Event.id).where(
                Event.kind == values["kind"],
                Event.title == values["title"],
                Event.start_date == values["start_date"],
            )
        )
        if exists is not None:
            return None
        host = values.pop("host", None)
        roles = values.pop("roles", {})
        event = Event(end_date=values.pop("end_date", values["start_date"]), **values)
        if host:
            event.host_country = self.countries[host]
            event.countries.append(EventCountry(country=self.countries[host], role=CountryRole.HOST))
        for iso3, role in roles.items():
            event.countries.append(EventCountry(country=self.countries[iso3], role=role))
        db.session.add(event)
        return event

    def delegations(self, event: Event, people: _People, table, *, speakers=(), organisations=()) -> None:
        for code, in_person, online in [*table, *organisations]:
            where = (
                {"country": self.countries[code]}
                if code in self.countries
                else {"organisation": self.organisations[code]}
            )
            modes = [AttendanceMode.IN_PERSON] * in_person + [AttendanceMode.ONLINE] * online
            for n, mode in enumerate(modes):
                role = ParticipantRole.SPEAKER if n == 0 and code in speakers else ParticipantRole.DELEGATE
                self.person(event, people, role=role, mode=mode, **where)

    def person(
        self,
        event,
        people,
        *,
        role=ParticipantRole.DELEGATE,
        mode=AttendanceMode.IN_PERSON,
        attended=True,
        **where,
    ) -> None:
        name, email = people.next()
        event.participants.append(
            Participant(
                name=name, email=email, role=role, mode=mode, status=ATTENDED if attended else ABSENT, **where
            )
        )

    def secretariat(self, event, people, count: int, mode=AttendanceMode.IN_PERSON) -> None:
        for _ in range(count):
            self.person(
                event,
                people,
                role=ParticipantRole.SECRETARIAT,
                mode=mode,
                organisation=self.organisations["CoE"],
            )


def load() -> None:
    loader = _Loader()
    if not loader.organisations.keys() >= {"CoE", "Europol", "INTERPOL", "Eurojust", "EC", "UNODC"}:
        return  # the foundation's organisations come first
    _annual_2024(loader)
    _earlier_annual_meetings(loader)
    _plenary_30(loader)
    _study_visit(loader)
    db.session.flush()


def _annual_2024(loader: _Loader) -> None:
    event = loader.event(
        kind=EventKind.ANNUAL_MEETING,
        title="Annual meeting of the 24/7 Network",
        start_date=date(2024, 10, 18),
        place="The Hague (Europol)",
        host="NLD",
        format=EventFormat.HYBRID,
        organiser="Council of Europe (T-CY Secretariat), hosted by Europol",
        notes="Topics: functioning of the Network, capacity building, international cooperation, synergies "
        "with other Networks.",
    )
    if event is None:
        return
    people = _People(2024)
    loader.delegations(
        event,
        people,
        ANNUAL_2024,
        speakers={c for c, _k, _t in CONTRIBUTIONS_2024} | {"Europol"},
        organisations=ORGANISATIONS_2024,
    )
    loader.secretariat(event, people, 4)
    # registered, but did not attend: recorded, never counted
    loader.person(event, people, mode=AttendanceMode.ONLINE, attended=False, country=loader.countries["ARG"])
    loader.person(event, people, attended=False, country=loader.countries["TTO"])
    loader.person(event, people, attended=False, country=loader.countries["FRA"])
    loader.person(
        event, people, mode=AttendanceMode.ONLINE, attended=False, organisation=loader.organisations["UNODC"]
    )
    for iso3, kind, title in CONTRIBUTIONS_2024:
        event.contributions.append(Contribution(country=loader.countries[iso3], kind=kind, title=title))
    for title, status in ANNUAL_CONCLUSIONS:
        event.action_items.append(ActionItem(title=title, owner="Secretariat", status=status))
    event.action_items[0].notes.append(
        ActionItemNote(
            noted_on=date(2024, 12, 10),
            text="12 updated versions of the directory shared with the Network; "
            "migration to CYBOX under way.",
        )
    )


def _earlier_annual_meetings(loader: _Loader) -> None:
    meetings = [
        (
            date(2021, 11, 16),
            "Annual meeting of the 24/7 Network (online)",
            None,
            None,
            EventFormat.ONLINE,
            ANNUAL_2021,
            [("Europol", 0, 1), ("INTERPOL", 0, 1)],
            2,
        ),
        (
            date(2022, 10, 13),
            "Annual meeting of the 24/7 Network",
            "Strasbourg",
            "FRA",
            EventFormat.HYBRID,
            ANNUAL_2022,
            [("Europol", 1, 0), ("INTERPOL", 0, 1), ("Eurojust", 1, 0)],
            3,
        ),
        (
            date(2023, 10, 19),
            "Annual meeting of the 24/7 Network",
            "The Hague (Europol)",
            "NLD",
            EventFormat.HYBRID,
            ANNUAL_2023,
            [("Europol", 2, 0), ("INTERPOL", 1, 0), ("Eurojust", 1, 0)],
            3,
        ),
    ]
    for day, title, place, host, event_format, table, organisations, staff in meetings:
        event = loader.event(
            kind=EventKind.ANNUAL_MEETING,
            title=title,
            start_date=day,
            place=place,
            host=host,
            format=event_format,
            organiser="Council of Europe (T-CY Secretariat)",
        )
        if event is None:
            continue
        people = _People(day.year)
        loader.delegations(event, people, table, organisations=organisations)
        staff_mode = AttendanceMode.ONLINE if event_format == EventFormat.ONLINE else AttendanceMode.IN_PERSON
        loader.secretariat(event, people, staff, mode=staff_mode)


def _plenary_30(loader: _Loader) -> None:
    event = loader.event(
        kind=EventKind.PLENARY,
        title="30th T-CY Plenary",
        start_date=date(2024, 6, 18),
        end_date=date(2024, 6, 20),
        place="Strasbourg",
        host="FRA",
        format=EventFormat.HYBRID,
        organiser="Cybercrime Convention Committee (T-CY)",
        notes="Decisions on the complementary directory of authorities for mutual assistance (Article 27) "
        "and extradition (Article 24).",
    )
    if event is None:
        return
    for title, owner, status, note in PLENARY_DECISIONS:
        item = ActionItem(title=title, owner=owner, status=status)
        if note:
            item.notes.append(ActionItemNote(noted_on=note[0], text=note[1]))
        event.action_items.append(item)


def _study_visit(loader: _Loader) -> None:
    event = loader.event(
        kind=EventKind.STUDY_VISIT,
        title="Study visit of Ecuador's 24/7 contact point to the Dominican Republic",
        start_date=date(2024, 9, 24),
        end_date=date(2024, 9, 26),
        place="Santo Domingo",
        host="DOM",
        roles={"ECU": CountryRole.VISITING},
        format=EventFormat.IN_PERSON,
        organiser="Council of Europe capacity building (GLACY-e)",
        notes="Support to the establishment of Ecuador's 24/7 contact point: responsibilities, regulations, "
        "templates, internal cooperation.",
    )
    if event is None:
        return
    people = _People(9)
    for _ in range(2):
        loader.person(event, people, country=loader.countries["ECU"])
        loader.person(event, people, role=ParticipantRole.TRAINER, country=loader.countries["DOM"])
