"""The reads other features call: the plenary report's activities and the dashboard's aggregate."""

from datetime import date

from tests.activities import factories as make
from tracker.activities import queries, services
from tracker.activities.models import ActivityKind, ActivityStatus
from tracker.extensions import db


def test_activities_between_loads_what_the_report_needs_in_a_fixed_number_of_queries(app, count_queries):
    topic = make.topic("Templates")
    make.activity(title="Before", start_date=date(2024, 6, 20))
    make.activity(title="Inside", beneficiaries=["KIR", "ECU"], contributors=["EST"], topics=[topic])
    make.activity(title="Cancelled", status=ActivityStatus.CANCELLED, start_date=date(2024, 10, 1))
    for n in range(10):
        make.activity(title=f"Also inside {n}", start_date=date(2024, 12, 10), contributors=["ARM"])
    make.activity(title="After", start_date=date(2024, 12, 11))
    db.session.commit()
    db.session.expire_all()
    with count_queries() as statements:
        found = queries.activities_between(date(2024, 6, 21), date(2024, 12, 10))
        rows = [
            (a.kind.label, a.title, a.beneficiary_names, a.contributor_names, a.topic_names) for a in found
        ]
    assert len(statements) == 4  # the activities, then their topics, beneficiaries and contributors
    assert rows[0] == (
        "Support to establishing a 24/7 contact point",
        "Inside",
        ["Ecuador", "Kiribati"],
        ["Estonia"],
        ["Templates"],
    )
    assert len(rows) == 11 and "Cancelled" not in {r[1] for r in rows}
    everything = queries.activities_between(date(2024, 6, 21), date(2024, 12, 10), include_cancelled=True)
    assert "Cancelled" in {a.title for a in everything}


def test_activities_by_kind_region_and_year_is_one_grouped_query(app, count_queries):
    training = ActivityKind.TRAINING
    make.activity(kind=training, beneficiaries=["FJI", "VUT", "TUN"], start_date=date(2023, 3, 1))
    make.activity(kind=ActivityKind.TRAINING, beneficiaries=["KIR"], start_date=date(2023, 9, 1))
    make.activity(beneficiaries=["ECU"], start_date=date(2024, 7, 1))
    make.activity(beneficiaries=["ECU"], status=ActivityStatus.CANCELLED, start_date=date(2024, 7, 1))
    db.session.commit()
    with count_queries() as statements:
        rows = queries.activities_by_kind_region_year()
    assert len(statements) == 1
    assert [tuple(r) for r in rows] == [
        (2023, ActivityKind.TRAINING, "Africa", 1),
        (2023, ActivityKind.TRAINING, "Oceania", 2),  # the first counts once for two Pacific countries
        (2024, ActivityKind.CP_ESTABLISHMENT_SUPPORT, "Americas", 1),
    ]


def test_default_status_follows_the_dates():
    today = date(2024, 10, 18)
    assert services.default_status(date(2024, 10, 1), None, today) == ActivityStatus.COMPLETED
    assert services.default_status(date(2024, 10, 1), date(2024, 10, 20), today) == ActivityStatus.ONGOING
    assert services.default_status(today, None, today) == ActivityStatus.ONGOING
    assert services.default_status(date(2024, 11, 1), None, today) == ActivityStatus.PLANNED
