"""The demo directory reproduces the plenary's figures through the queries the report calls."""

from datetime import date

import phonenumbers
from sqlalchemy import func, select

from tracker.demo import load_demo
from tracker.directory import queries
from tracker.directory.models import ContactPoint, DirectoryRelease
from tracker.extensions import db

START, END = date(2024, 6, 21), date(2024, 12, 10)
SEED_COUNTRIES = [
    "ALB",
    "BEN",
    "BGR",
    "CIV",
    "CMR",
    "ESP",
    "FIN",
    "FJI",
    "GEO",
    "HRV",
    "ITA",
    "KIR",
    "MKD",
    "PER",
    "PHL",
]


def test_demo_reproduces_the_plenary_figures_and_loads_once(client, login_as):
    load_demo()
    db.session.commit()

    assert queries.contact_points_by_type(END) == {
        "police": 65,
        "prosecution": 16,
        "ministry_of_justice": 4,
        "security_services": 3,
        "cybersecurity": 2,
    }
    assert queries.parties_with_contact_point(END) == 76
    assert queries.parties_with_multiple_contact_points(END) == 12

    releases = queries.releases_between(START, END)
    assert len(releases) == 12
    assert all(START <= r.released_on <= END for r in releases)
    assert queries.release_countries_between(START, END) == SEED_COUNTRIES
    assert db.session.scalar(select(func.min(DirectoryRelease.released_on))) < START  # a baseline before

    assert queries.new_contact_points_between(START, END) == [
        ("KIR", "Criminal Investigation Division – Interpol and Cybercrime Unit"),
        ("BEN", "Centre National d'Investigations Numériques"),
        ("CIV", "BCN-Interpol Abidjan"),
        ("FJI", "Fiji Police Force"),
        ("FJI", "Office of the Director of Public Prosecutions"),
    ]

    entries = list(db.session.scalars(select(ContactPoint)))
    ended = [cp for cp in entries if cp.valid_to is not None]
    assert ended and all(cp.valid_to < START for cp in ended)  # history, all before the period
    assert all(cp.email.endswith("@example.org") for cp in entries)
    for cp in entries:
        for number in (cp.phone, cp.mobile, cp.fax):
            assert number is None or phonenumbers.is_valid_number(phonenumbers.parse(number))
    # a non-Party's contact point is listed but never counted
    assert any(cp.country.iso3 == "IRL" for cp in entries)

    before = (len(entries), db.session.scalar(select(func.count(DirectoryRelease.id))))
    load_demo()  # idempotent
    db.session.commit()
    after = (
        db.session.scalar(select(func.count(ContactPoint.id))),
        db.session.scalar(select(func.count(DirectoryRelease.id))),
    )
    assert before == after

    login_as("viewer")
    body = client.get("/directory/?status=party").get_data(as_text=True)
    assert "90 entries" in body and "Police: 65" in body and "Prosecution: 16" in body
    assert "14 version(s)" in client.get("/directory/releases/").get_data(as_text=True)
