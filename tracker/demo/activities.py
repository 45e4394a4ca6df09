"""Demo capacity-building activities: every item on the T-CY 31st plenary's slide, dated within the period
it covers (21 June – 10 December 2024), and a few earlier activities (2022–2023) so charts have history.

The slide's items, as recorded here:
- support to the establishment of the 24/7 contact point of Ecuador, Kiribati, Cameroon and Grenada, on
  responsibilities, regulations, templates, internal cooperation and promotion, and training, with the
  contribution of the contact points of Armenia, Estonia, Romania, the Czech Republic, Costa Rica,
  Colombia, Chile, Peru and the Dominican Republic;
- the regional meeting on the implementation of the Second Additional Protocol held in Colombia, with
  10 Latin American countries (Colombia among them);
- the workshop on legislation for Tunisia; the workshop on acceding to the Convention for Kazakhstan;
- the study visit of Ecuador's contact point to the Dominican Republic, linked to its event;
- dedicated workshops for Benin, Côte d'Ivoire, Fiji and Vanuatu (one each);
- the CYBOX platform, whose beneficiaries are the network's members: the Parties on its start date.

Idempotent: topics are found by name, activities by title and start date; existing ones are left as they are.
"""

from datetime import date

from sqlalchemy import select

from tracker.activities.models import Activity, ActivityKind, ActivityStatus, Topic
from tracker.countries.models import Country, Status
from tracker.countries.queries import statuses_on
from tracker.events.models import Event, EventKind
from tracker.extensions import db

RESPONSIBILITIES = "Responsibilities"
REGULATIONS = "Regulations"
TEMPLATES = "Templates"
INTERNAL = "Internal cooperation and promotion"
TRAINING = "Training"
LEGISLATION = "Legislation"
ACCESSION = "Accession to the Convention"
SECOND_PROTOCOL = "Second Additional Protocol"
INTERNATIONAL = "International cooperation"
EVIDENCE = "Electronic evidence"
TOPICS = [
    RESPONSIBILITIES,
    REGULATIONS,
    TEMPLATES,
    INTERNAL,
    TRAINING,
    LEGISLATION,
    ACCESSION,
    SECOND_PROTOCOL,
    INTERNATIONAL,
    EVIDENCE,
]
CP_TOPICS = [RESPONSIBILITIES, REGULATIONS, TEMPLATES, INTERNAL, TRAINING]

CP_BENEFICIARIES = "ECU KIR CMR GRD"
CP_CONTRIBUTORS = "ARM EST ROU CZE CRI COL CHL PER DOM"
LATAM_10 = "ARG BRA CHL COL CRI DOM ECU PAN PRY PER"
STUDY_VISIT_START = date(2024, 9, 24)

DONE = ActivityStatus.COMPLETED
PERIOD_2024 = [
    dict(
        kind=ActivityKind.CP_ESTABLISHMENT_SUPPORT,
        title="Support to the establishment of the 24/7 contact point",
        start_date=date(2024, 7, 1),
        end_date=date(2024, 12, 10),
        programme="GLACY-e",
        beneficiaries=CP_BENEFICIARIES,
        contributors=CP_CONTRIBUTORS,
        topics=CP_TOPICS,
        description="Advice to new and prospective Parties on setting up their 24/7 contact point: its "
        "responsibilities, the regulations that empower it, templates for requests, internal cooperation "
        "and promotion of the contact point, and training of its staff. Contact points of other Parties "
        "shared their experience.",
        outputs="Template requests for preservation and disclosure; draft internal regulations.",
    ),
    dict(
        kind=ActivityKind.REGIONAL_MEETING,
        title="Regional meeting on the implementation of the Second Additional Protocol",
        start_date=date(2024, 9, 10),
        end_date=date(2024, 9, 12),
        programme="GLACY-e",
        beneficiaries=LATAM_10,
        topics=[SECOND_PROTOCOL, INTERNATIONAL],
        description="Held in Bogotá, Colombia, with 10 Latin American countries.",
    ),
    dict(
        kind=ActivityKind.LEGISLATION_WORKSHOP,
        title="Workshop on cybercrime and electronic evidence legislation (Tunisia)",
        start_date=date(2024, 11, 5),
        end_date=date(2024, 11, 6),
        programme="CyberSouth",
        beneficiaries="TUN",
        topics=[LEGISLATION, EVIDENCE],
    ),
    dict(
        kind=ActivityKind.ACCESSION_WORKSHOP,
        title="Workshop on acceding to the Budapest Convention (Kazakhstan)",
        start_date=date(2024, 10, 1),
        end_date=date(2024, 10, 2),
        programme="Octopus Project",
        beneficiaries="KAZ",
        topics=[ACCESSION, LEGISLATION],
    ),
    dict(
        kind=ActivityKind.STUDY_VISIT,
        title="Study visit of Ecuador's 24/7 contact point to the Dominican Republic",
        start_date=STUDY_VISIT_START,
        end_date=date(2024, 9, 26),
        programme="GLACY-e",
        beneficiaries="ECU",
        contributors="DOM",
        topics=[RESPONSIBILITIES, TEMPLATES, INTERNAL],
        link_study_visit=True,
    ),
    *[
        dict(
            kind=ActivityKind.TRAINING,
            title=f"Dedicated workshop on the 24/7 contact point ({name})",
            start_date=start,
            programme="GLACY-e",
            beneficiaries=iso3,
            topics=[RESPONSIBILITIES, TEMPLATES, TRAINING],
        )
        for iso3, name, start in [
            ("BEN", "Benin", date(2024, 7, 16)),
            ("CIV", "Côte d'Ivoire", date(2024, 9, 4)),
            ("FJI", "Fiji", date(2024, 8, 20)),
            ("VUT", "Vanuatu", date(2024, 11, 19)),
        ]
    ],
    dict(
        kind=ActivityKind.PLATFORM,
        title="CYBOX platform for the 24/7 Network",
        start_date=date(2024, 10, 18),
        status=ActivityStatus.ONGOING,
        programme="Octopus Project",
        beneficiaries="PARTIES",
        description="Secure platform for the Network's directory and exchanges; migration of the directory "
        "decided at the annual meeting of 18 October 2024.",
    ),
]
EARLIER = [
    dict(
        kind=ActivityKind.LEGISLATION_WORKSHOP,
        title="Workshop on cybercrime legislation (Cameroon)",
        start_date=date(2022, 5, 10),
        end_date=date(2022, 5, 12),
        programme="GLACY+",
        beneficiaries="CMR",
        contributors="FRA",
        topics=[LEGISLATION],
    ),
    dict(
        kind=ActivityKind.ACCESSION_WORKSHOP,
        title="Workshop on acceding to the Budapest Convention (Fiji, Kiribati)",
        start_date=date(2022, 9, 20),
        end_date=date(2022, 9, 21),
        programme="Octopus Project",
        beneficiaries="FJI KIR",
        contributors="PHL",
        topics=[ACCESSION],
    ),
    dict(
        kind=ActivityKind.REGIONAL_MEETING,
        title="Regional meeting of the 24/7 contact points of West Africa",
        start_date=date(2022, 11, 8),
        end_date=date(2022, 11, 10),
        programme="GLACY+",
        beneficiaries="GHA SEN NGA BEN CIV",
        contributors="PRT",
        topics=[INTERNATIONAL, RESPONSIBILITIES],
    ),
    dict(
        kind=ActivityKind.TRAINING,
        title="Regional training on electronic evidence for Pacific States",
        start_date=date(2023, 3, 14),
        end_date=date(2023, 3, 16),
        programme="GLACY+",
        beneficiaries="FJI KIR TON VUT",
        contributors="AUS",
        topics=[EVIDENCE, TRAINING],
    ),
    dict(
        kind=ActivityKind.CP_ESTABLISHMENT_SUPPORT,
        title="Support to the establishment of the 24/7 contact point (Cameroon)",
        start_date=date(2023, 6, 6),
        end_date=date(2023, 6, 7),
        programme="GLACY+",
        beneficiaries="CMR",
        contributors="ESP",
        topics=[RESPONSIBILITIES, TEMPLATES],
    ),
    dict(
        kind=ActivityKind.STUDY_VISIT,
        title="Study visit of Ghana's 24/7 contact point to Portugal",
        start_date=date(2023, 10, 2),
        end_date=date(2023, 10, 4),
        programme="GLACY+",
        beneficiaries="GHA",
        contributors="PRT",
        topics=[INTERNAL],
    ),
    dict(
        kind=ActivityKind.OTHER,
        title="Online session on the Second Additional Protocol for Latin American contact points",
        start_date=date(2023, 11, 21),
        programme="Octopus Project",
        beneficiaries="ARG CHL COL CRI DOM PER PAN",
        topics=[SECOND_PROTOCOL],
    ),
]


def load_topics() -> dict[str, Topic]:
    existing = {t.name: t for t in db.session.scalars(select(Topic))}
    for name in TOPICS:
        if name not in existing:
            existing[name] = Topic(name=name, retired=False)
            db.session.add(existing[name])
    return existing


def load() -> None:
    countries = {c.iso3: c for c in db.session.scalars(select(Country))}
    topics = load_topics()
    rows = db.session.execute(select(Activity.title, Activity.start_date))
    recorded = {(title, start) for title, start in rows}
    study_visit = db.session.scalar(
        select(Event).where(Event.kind == EventKind.STUDY_VISIT, Event.start_date == STUDY_VISIT_START)
    )
    for spec in [*PERIOD_2024, *EARLIER]:
        spec = dict(spec)
        if (spec["title"], spec["start_date"]) in recorded:
            continue
        codes = spec.pop("beneficiaries")
        if codes == "PARTIES":
            beneficiaries = [
                countries[iso3]
                for _id, iso3, _name, status in statuses_on(spec["start_date"])
                if status == Status.PARTY
            ]
        else:
            beneficiaries = [countries[iso3] for iso3 in codes.split()]
        activity = Activity(
            status=spec.pop("status", DONE),
            beneficiaries=beneficiaries,
            contributors=[countries[iso3] for iso3 in spec.pop("contributors", "").split()],
            topics=[topics[name] for name in spec.pop("topics", [])],
            events=[study_visit] if spec.pop("link_study_visit", False) and study_visit else [],
            **spec,
        )
        db.session.add(activity)
    db.session.flush()
