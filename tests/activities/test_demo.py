"""The demo world holds every capacity-building item of the plenary's slide, in the period it covers."""

from datetime import date

from sqlalchemy import func, select

from tracker.activities import queries
from tracker.activities.models import Activity, ActivityKind, Topic
from tracker.demo import load_demo
from tracker.events.models import EventKind
from tracker.extensions import db

START, END = date(2024, 6, 21), date(2024, 12, 10)


def iso3s(countries) -> set[str]:
    return {c.iso3 for c in countries}


def test_demo_activities_reproduce_the_slide_and_loading_twice_changes_nothing(app):
    load_demo()
    db.session.commit()
    period = queries.activities_between(START, END)
    by_kind: dict[ActivityKind, list[Activity]] = {}
    for activity in period:
        by_kind.setdefault(activity.kind, []).append(activity)
        assert activity.start_date >= START and (activity.end_date or activity.start_date) <= END

    (support,) = by_kind[ActivityKind.CP_ESTABLISHMENT_SUPPORT]
    assert iso3s(support.beneficiaries) == {"ECU", "KIR", "CMR", "GRD"}
    assert iso3s(support.contributors) == {"ARM", "EST", "ROU", "CZE", "CRI", "COL", "CHL", "PER", "DOM"}
    assert set(support.topic_names) == {
        "Responsibilities",
        "Regulations",
        "Templates",
        "Internal cooperation and promotion",
        "Training",
    }
    (meeting,) = by_kind[ActivityKind.REGIONAL_MEETING]
    assert "Second Additional Protocol" in meeting.title and "Colombia" in meeting.description
    assert len(meeting.beneficiaries) == 10 and "COL" in iso3s(meeting.beneficiaries)
    assert {c.region for c in meeting.beneficiaries} == {"Americas"}
    (legislation,) = by_kind[ActivityKind.LEGISLATION_WORKSHOP]
    assert iso3s(legislation.beneficiaries) == {"TUN"}
    (accession,) = by_kind[ActivityKind.ACCESSION_WORKSHOP]
    assert iso3s(accession.beneficiaries) == {"KAZ"}
    (visit,) = by_kind[ActivityKind.STUDY_VISIT]
    assert iso3s(visit.beneficiaries) == {"ECU"} and iso3s(visit.contributors) == {"DOM"}
    db.session.refresh(visit)
    assert [(e.kind, e.start_date) for e in visit.events] == [(EventKind.STUDY_VISIT, date(2024, 9, 24))]
    workshops = by_kind[ActivityKind.TRAINING]
    assert sorted(iso3s(w.beneficiaries).pop() for w in workshops) == ["BEN", "CIV", "FJI", "VUT"]
    (cybox,) = by_kind[ActivityKind.PLATFORM]
    assert "CYBOX" in cybox.title and len(cybox.beneficiaries) == 76  # the Parties on its start date
    assert len(period) == 10

    history = {row.year for row in queries.activities_by_kind_region_year()}
    assert {2022, 2023, 2024} <= history

    counts = [db.session.scalar(select(func.count()).select_from(m)) for m in (Activity, Topic)]
    load_demo()
    db.session.commit()
    assert [db.session.scalar(select(func.count()).select_from(m)) for m in (Activity, Topic)] == counts
