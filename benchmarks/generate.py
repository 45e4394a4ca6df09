"""A consistent data set of N times the network, written with bulk inserts.

    python -m benchmarks.generate --scale 10      (on the database DATABASE_URL names, after `tracker demo`)

On top of the demo it adds, per unit of scale: 200 contact points, 12 directory releases (a year's worth,
each with a full snapshot), 500 events with 20,000 participants, 2,000 capacity-building activities, and
a year of authorities input (each Party names two authorities per article, whatever the years). At N=10
that is about 2,000 contact points, 5,000 events, 200,000 participants, 20,000 activities and ten years
of releases and authorities input.
"""

import random
from datetime import date, timedelta

from sqlalchemy import func, insert, select

from tracker.authorities.models import Article, Authority, OfficialDeclaration, PartyInput, Source
from tracker.countries.models import Country, Organisation
from tracker.countries.queries import outer_join_membership, status_column
from tracker.directory.models import ContactPoint, ContactPointType, DirectoryRelease, release_countries
from tracker.directory.queries import records_on
from tracker.events.models import (
    AttendanceMode,
    AttendanceStatus,
    CountryRole,
    Event,
    EventCountry,
    EventFormat,
    EventKind,
    Participant,
    ParticipantRole,
)
from tracker.extensions import db

CHUNK = 5_000
START = date(2015, 1, 1)


def _insert(model_or_table, rows: list[dict]) -> None:
    for i in range(0, len(rows), CHUNK):
        db.session.execute(insert(model_or_table), rows[i : i + CHUNK])


def _day(rng: random.Random, span_days: int = 3650) -> date:
    return START + timedelta(days=rng.randrange(span_days))


def _parties() -> list[int]:
    today = date.today()
    query = outer_join_membership(select(Country.id)).where(status_column(today) == "party")
    return list(db.session.scalars(query))


def generate(scale: int, seed: int = 24_7) -> dict[str, int]:
    rng = random.Random(seed)
    countries = list(db.session.scalars(select(Country.id)))
    parties = _parties()
    organisations = list(db.session.scalars(select(Organisation.id)))
    counts = {}

    types = list(ContactPointType)
    contact_points = []
    for i in range(200 * scale):
        start = _day(rng)
        contact_points.append(
            {
                "country_id": rng.choice(parties),
                "institution": f"Generated unit {i}",
                "unit": "24/7 desk",
                "type": rng.choice(types),
                "phone": None,
                "email": f"generated{i}@example.org",
                "available_24_7": True,
                "languages": ["eng"],
                "valid_from": start,
                "valid_to": start + timedelta(days=rng.randrange(200, 2000)) if rng.random() < 0.3 else None,
                "version": 1,
            }
        )
    _insert(ContactPoint, contact_points)
    counts["contact_points"] = len(contact_points)

    base_number = db.session.scalar(select(func.max(DirectoryRelease.number))) or 0
    db.session.flush()
    snapshot = records_on(date.today())  # the directory's own record of every current entry
    releases = [
        {
            "number": base_number + n + 1,
            "released_on": START + timedelta(days=30 * n),
            "note": "Generated",
            "snapshot": snapshot,
            "entry_count": len(snapshot),
        }
        for n in range(12 * scale)
    ]
    _insert(DirectoryRelease, releases)
    release_ids = list(
        db.session.scalars(select(DirectoryRelease.id).where(DirectoryRelease.number > base_number))
    )
    _insert(
        release_countries,
        [{"release_id": rid, "country_id": c} for rid in release_ids for c in rng.sample(parties, 3)],
    )
    counts["releases"] = len(releases)

    kinds, formats = list(EventKind), list(EventFormat)
    events = []
    for i in range(500 * scale):
        start = _day(rng)
        events.append(
            {
                "kind": rng.choice(kinds),
                "title": f"Generated event {i}",
                "start_date": start,
                "end_date": start + timedelta(days=rng.randrange(3)),
                "format": rng.choice(formats),
                "host_country_id": rng.choice(countries),
            }
        )
    _insert(Event, events)
    event_ids = list(db.session.scalars(select(Event.id).where(Event.title.like("Generated event %"))))
    _insert(
        EventCountry,
        [
            {"event_id": e, "country_id": c, "role": CountryRole.PARTICIPANT}
            for e in event_ids
            for c in rng.sample(countries, 2)
        ],
    )
    participants = []
    for n in range(20_000 * scale):
        by_organisation = rng.random() < 0.05
        participants.append(
            {
                "event_id": rng.choice(event_ids),
                "country_id": None if by_organisation else rng.choice(countries),
                "organisation_id": rng.choice(organisations) if by_organisation else None,
                "role": ParticipantRole.DELEGATE,
                "mode": rng.choice(list(AttendanceMode)),
                "status": AttendanceStatus.ATTENDED if rng.random() < 0.95 else AttendanceStatus.ABSENT,
                "name": f"Delegate {n}",
                "email": f"delegate{n}@example.org",
            }
        )
    _insert(Participant, participants)
    counts["events"], counts["participants"] = len(events), len(participants)

    declarations, authorities, inputs = [], [], []
    for year in range(scale):
        for country_id in parties:
            inputs.append(
                {"country_id": country_id, "received_on": date(2015 + year, 6, 1), "note": "Generated"}
            )
    for country_id in parties:
        for article in Article:
            declarations.append(
                {
                    "country_id": country_id,
                    "article": article,
                    "authority_name": f"Ministry {country_id}-{article.value}",
                    "declared_on": date(2015, 1, 1),
                }
            )
            for k in range(2):  # a Party names one or two authorities per article, whatever the years
                authorities.append(
                    {
                        "country_id": country_id,
                        "article": article,
                        "name": f"Generated authority {country_id}-{article.value}-{k}",
                        "name_source": Source.PARTY_INPUT,
                        "name_received_on": date(2015 + k, 6, 1),
                    }
                )
    _insert(PartyInput, inputs)
    _insert(OfficialDeclaration, declarations)
    _insert(Authority, authorities)
    counts["authorities"] = len(authorities)

    counts.update(_generate_activities(rng, scale, countries))
    db.session.flush()
    return counts


def _generate_activities(rng: random.Random, scale: int, countries: list[int]) -> dict[str, int]:
    from tracker.activities.models import (
        Activity,
        ActivityKind,
        ActivityStatus,
        Topic,
        activity_beneficiaries,
        activity_contributors,
        activity_topics,
    )

    topics = list(db.session.scalars(select(Topic.id)))
    kinds = list(ActivityKind)
    rows = []
    for i in range(2_000 * scale):
        start = _day(rng)
        rows.append(
            {
                "kind": rng.choice(kinds),
                "title": f"Generated activity {i}",
                "start_date": start,
                "end_date": start + timedelta(days=rng.randrange(5)),
                "status": ActivityStatus.COMPLETED,
                "programme": rng.choice(["GLACY-e", "Octopus", "CyberSouth", "CyberEast", None]),
            }
        )
    _insert(Activity, rows)
    ids = list(db.session.scalars(select(Activity.id).where(Activity.title.like("Generated activity %"))))
    _insert(
        activity_beneficiaries,
        [{"activity_id": a, "country_id": c} for a in ids for c in rng.sample(countries, 2)],
    )
    _insert(activity_contributors, [{"activity_id": a, "country_id": rng.choice(countries)} for a in ids])
    if topics:
        _insert(activity_topics, [{"activity_id": a, "topic_id": rng.choice(topics)} for a in ids])
    return {"activities": len(rows)}


def sample_arguments() -> dict:
    """A real value for every URL argument, from the data (the biggest event, the latest release...)."""
    from tracker.accounts.models import User
    from tracker.events.models import ActionItem, Contribution
    from tracker.imports.models import ImportBatch

    def first(column):
        return db.session.scalar(select(column).order_by(column).limit(1))

    biggest_event = db.session.scalar(
        select(Participant.event_id).group_by(Participant.event_id).order_by(func.count().desc()).limit(1)
    )
    batch_id = first(ImportBatch.id)
    if batch_id is None:
        user_id = first(User.id)
        batch = ImportBatch(
            kind="organisations",
            filename="sample.csv",
            content=b"Name\nSample\n",
            options={},
            created_by_id=user_id,
        )
        db.session.add(batch)
        db.session.commit()
        batch_id = batch.id
    arguments = {
        "iso3": "FJI",
        "key": "contact-point-types",
        "kind": "organisations",
        "fmt": "xlsx",
        "filename": "css/app.css",
        "event_id": biggest_event,
        "batch_id": batch_id,
        "action_item_id": first(ActionItem.id),
        "authority_id": first(Authority.id),
        "contribution_id": first(Contribution.id),
        "cp_id": first(ContactPoint.id),
        "declaration_id": first(OfficialDeclaration.id),
        "input_id": first(PartyInput.id),
        "number": db.session.scalar(select(func.max(DirectoryRelease.number))),
        "organisation_id": first(Organisation.id),
        "participant_id": first(Participant.id),
        "user_id": first(User.id),
    }
    arguments.update(_activity_arguments())
    return {name: value for name, value in arguments.items() if value is not None}


def _activity_arguments() -> dict:
    from tracker.activities.models import Activity, Topic

    return {
        "activity_id": db.session.scalar(select(Activity.id).order_by(Activity.id).limit(1)),
        "topic_id": db.session.scalar(select(Topic.id).order_by(Topic.id).limit(1)),
    }


def main() -> None:
    import argparse

    from tracker import create_app

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", type=int, default=10)
    args = parser.parse_args()
    app = create_app()
    with app.app_context():
        print(generate(args.scale))
        db.session.commit()


if __name__ == "__main__":
    main()
