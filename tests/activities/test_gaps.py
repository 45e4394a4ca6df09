"""The gap view, with the contact points of the directory as they are designated on the day."""

from datetime import date

from tests.activities import factories as make
from tests.directory.factories import contact_point
from tracker.activities import gaps
from tracker.activities.models import ActivityKind, ActivityStatus
from tracker.extensions import db

DAY = date(2024, 12, 10)


def test_supported_countries_without_a_current_contact_point(client, login_as):
    make.activity(beneficiaries=["ECU", "KIR", "TUN", "VUT"], start_date=date(2024, 7, 1))
    make.activity(beneficiaries=["GRD"], status=ActivityStatus.PLANNED, start_date=date(2024, 7, 1))
    make.activity(beneficiaries=["CMR"], start_date=date(2025, 1, 1))  # after the day
    make.activity(beneficiaries=["KAZ"], start_date=date(2024, 10, 1))  # not a member of the network
    make.activity(beneficiaries=["FRA"], kind=ActivityKind.PLATFORM, start_date=date(2024, 10, 1))
    contact_point("KIR", valid_from=date(2024, 1, 1))  # designated on the day
    contact_point("KIR", valid_from=date(2020, 1, 1), valid_to=date(2023, 12, 31))  # and an earlier one
    contact_point("VUT", valid_from=date(2024, 1, 1), valid_to=DAY)  # its last day is the day
    contact_point("TUN", valid_from=date(2020, 1, 1), valid_to=date(2024, 12, 9))  # ended the day before
    contact_point("ECU", valid_from=date(2024, 12, 11))  # starts the day after
    db.session.commit()
    rows = gaps.gaps(DAY).without_contact_point
    assert [(r.country.iso3, r.status.value, r.activities) for r in rows] == [
        ("ECU", "observer", 1),  # an observer State (invited to accede)
        ("TUN", "party", 1),
    ]
    assert [r.country.iso3 for r in gaps.gaps(date(2024, 12, 11)).without_contact_point] == ["TUN", "VUT"]
    login_as("viewer")
    body = client.get("/activities/gaps?on=2024-12-10").get_data(as_text=True)
    assert ">Ecuador</a>" in body and ">Tunisia</a>" in body and ">Kiribati</a>" not in body


def test_the_contact_points_are_asked_in_the_same_query(app, count_queries):
    """No list of ids is pulled into Python: the first list is one statement, with an EXISTS."""
    make.activity(beneficiaries=["ECU", "KIR"], start_date=date(2024, 7, 1))
    for n in range(3):
        contact_point("KIR", institution=f"Institution K{n}")
    db.session.commit()
    with count_queries() as statements:
        rows = gaps.supported_without_contact_point(DAY)
    assert [r.country.iso3 for r in rows] == ["ECU"]
    sql = statements[0].upper()
    assert len(statements) == 1 and "EXISTS" in sql and "NOT IN" not in sql


def test_new_parties_without_support_and_invited_states_without_activity(app):
    make.activity(beneficiaries=["BEN", "FJI", "KIR", "CIV", "CMR"], start_date=date(2024, 7, 1))
    make.activity(beneficiaries=["KEN"], status=ActivityStatus.PLANNED, start_date=date(2025, 2, 1))
    make.activity(beneficiaries=["MWI"], status=ActivityStatus.CANCELLED, start_date=date(2024, 11, 1))
    db.session.commit()
    result = gaps.gaps(DAY)
    assert result.since == date(2022, 12, 10)
    # deposits since 10 Dec 2022 (reference data): CMR, SLE, FJI, KIR, BEN, CIV
    assert [r.country.iso3 for r in result.new_parties_without_support] == ["SLE"]
    invited = [r.country.iso3 for r in result.invited_without_activity]
    assert "KEN" not in invited  # a planned activity counts
    assert "MWI" in invited  # a cancelled one does not
    assert {"ECU", "VUT", "NZL"} <= set(invited) and "KAZ" not in invited
    assert gaps.two_years_before(date(2024, 2, 29)) == date(2022, 2, 28)
