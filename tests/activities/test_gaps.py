"""The gap view, with and without the directory of contact points installed."""

import sys
import types
from datetime import date

import pytest

from tests import factories
from tests.activities import factories as make
from tracker.activities import gaps
from tracker.activities.models import ActivityKind, ActivityStatus
from tracker.extensions import db

DAY = date(2024, 12, 10)


@pytest.fixture
def no_directory(monkeypatch):
    """As if the directory were not installed (None in sys.modules makes the import fail)."""
    monkeypatch.setitem(sys.modules, gaps.CONTACT_POINT_MODULE, None)


@pytest.fixture
def directory(monkeypatch):
    """A stand-in for the directory: the countries given have a current contact point."""
    holders: set[str] = set()
    asked: list[date] = []

    def countries_with_current_contact_point(day):
        asked.append(day)
        return {factories.country(iso3).id for iso3 in holders}

    module = types.ModuleType(gaps.CONTACT_POINT_MODULE)
    module.countries_with_current_contact_point = countries_with_current_contact_point
    monkeypatch.setitem(sys.modules, gaps.CONTACT_POINT_MODULE, module)
    return types.SimpleNamespace(holders=holders, asked=asked)


def test_without_the_directory_the_first_list_waits_for_it(client, login_as, no_directory):
    assert gaps.contact_point_lookup() is None
    login_as("viewer")
    body = client.get("/activities/gaps?on=2024-12-10").get_data(as_text=True)
    assert 'id="directory-missing"' in body and "Available once the directory" in body


def test_supported_countries_without_a_current_contact_point(client, login_as, directory):
    make.activity(beneficiaries=["ECU", "KIR", "TUN"], start_date=date(2024, 7, 1))
    make.activity(beneficiaries=["GRD"], status=ActivityStatus.PLANNED, start_date=date(2024, 7, 1))
    make.activity(beneficiaries=["CMR"], start_date=date(2025, 1, 1))  # after the day
    make.activity(beneficiaries=["KAZ"], start_date=date(2024, 10, 1))  # not a member of the network
    make.activity(beneficiaries=["FRA"], kind=ActivityKind.PLATFORM, start_date=date(2024, 10, 1))
    db.session.commit()
    directory.holders.add("KIR")
    rows = gaps.gaps(DAY).without_contact_point
    assert directory.asked == [DAY]
    assert [(r.country.iso3, r.status.value, r.activities) for r in rows] == [
        ("ECU", "observer", 1),  # an observer State (invited to accede)
        ("TUN", "party", 1),
    ]
    login_as("viewer")
    body = client.get("/activities/gaps?on=2024-12-10").get_data(as_text=True)
    assert "directory-missing" not in body and ">Ecuador</a>" in body and ">Kiribati</a>" not in body


def test_new_parties_without_support_and_invited_states_without_activity(app, no_directory):
    make.activity(beneficiaries=["BEN", "FJI", "KIR", "CIV", "CMR"], start_date=date(2024, 7, 1))
    make.activity(beneficiaries=["KEN"], status=ActivityStatus.PLANNED, start_date=date(2025, 2, 1))
    make.activity(beneficiaries=["MWI"], status=ActivityStatus.CANCELLED, start_date=date(2024, 11, 1))
    db.session.commit()
    result = gaps.gaps(DAY)
    assert result.without_contact_point is None and result.since == date(2022, 12, 10)
    # deposits since 10 Dec 2022 (reference data): CMR, SLE, FJI, KIR, BEN, CIV
    assert [r.country.iso3 for r in result.new_parties_without_support] == ["SLE"]
    invited = [r.country.iso3 for r in result.invited_without_activity]
    assert "KEN" not in invited  # a planned activity counts
    assert "MWI" in invited  # a cancelled one does not
    assert {"ECU", "VUT", "NZL"} <= set(invited) and "KAZ" not in invited
    assert gaps.two_years_before(date(2024, 2, 29)) == date(2022, 2, 28)


def test_a_broken_directory_is_an_error_not_a_missing_feature(monkeypatch):
    def failing_import(name):
        raise ModuleNotFoundError("No module named 'somelib'", name="somelib")

    monkeypatch.setattr(gaps.importlib, "import_module", failing_import)
    with pytest.raises(ModuleNotFoundError):
        gaps.contact_point_lookup()
