"""Every endpoint answers with the pages' data under the pages' filters, paged, with an ETag; every answer
is checked against the OpenAPI document by the `api` client."""

import json
from datetime import date

import pytest

from tests.activities import factories as activity_factories
from tests.directory import factories as directory_factories
from tests.events import factories as event_factories
from tracker.activities.models import ActivityKind, ActivityStatus
from tracker.countries import queries as country_queries
from tracker.countries.models import Status
from tracker.directory.models import ContactPointType
from tracker.directory.services import release_publish
from tracker.events.models import AttendanceMode, EventKind
from tracker.extensions import db


@pytest.fixture
def token(token_for):
    return token_for("viewer")[1]


def paging(response) -> dict:
    return json.loads(response.headers["X-Pagination"])


# -- countries ------------------------------------------------------------------------------------------


def test_countries_have_their_status_on_the_day_asked(api, token):
    today = api.get("/api/v1/countries?status=party&page_size=500", token)
    assert today.status_code == 200
    parties = country_queries.count_by_status(date.today())[Status.PARTY]
    assert parties > 60 and paging(today)["total"] == parties
    assert {c["status"] for c in today.get_json()} == {"party"}
    assert "FRA" in {c["iso3"] for c in today.get_json()}

    in_2010 = api.get("/api/v1/countries?status=party&on=2010-01-01&page_size=500", token).get_json()
    expected = country_queries.countries_with_status(date(2010, 1, 1), status=Status.PARTY)
    assert [c["iso3"] for c in in_2010] == [row.country.iso3 for row in expected]
    assert len(in_2010) < parties


def test_countries_filter_by_region_and_page(api, token):
    region = country_queries.regions()[0]
    first = api.get(f"/api/v1/countries?region={region}&page_size=5", token)
    second = api.get(f"/api/v1/countries?region={region}&page_size=5&page=2", token)
    expected = [r.country.iso3 for r in country_queries.countries_with_status(date.today(), region=region)]
    assert [c["iso3"] for c in first.get_json() + second.get_json()] == expected[:10]
    meta = paging(first)
    assert meta["total"] == len(expected) and meta["page"] == 1 and meta["next_page"] == 2


def test_a_page_beyond_any_list_is_empty_not_an_error(api, token):
    response = api.get("/api/v1/countries?page=999999999", token)
    assert response.status_code == 200 and response.get_json() == []


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("on=yesterday", "on"),
        ("status=member", "status"),
        ("page_size=100000", "page_size"),
        ("page=0", "page"),
    ],
)
def test_a_bad_parameter_is_a_422_naming_it(api, token, query, parameter):
    response = api.get(f"/api/v1/countries?{query}", token)
    assert response.status_code == 422
    assert f"“{parameter}”" in response.get_json()["message"]


# -- the directory --------------------------------------------------------------------------------------


def test_directory_lists_todays_entries_with_the_pages_filters(api, token):
    police = directory_factories.contact_point("FRA", institution="Police nationale")
    directory_factories.contact_point("FRA", institution="Parquet", type=ContactPointType.PROSECUTION)
    directory_factories.contact_point("DEU", institution="BKA")
    directory_factories.contact_point("ITA", institution="Ended", valid_to=date(2021, 1, 1))
    db.session.commit()

    everything = api.get("/api/v1/directory", token).get_json()
    assert [e["institution"] for e in everything] == ["Police nationale", "Parquet", "BKA"]
    entry = everything[0]
    assert entry["id"] == police.id and entry["country"] == "FRA" and entry["languages"] == ["fra", "eng"]
    assert entry["valid_from"] == "2020-01-01" and entry["valid_to"] is None

    def names(query):
        return [e["institution"] for e in api.get(f"/api/v1/directory?{query}", token).get_json()]

    assert names("country=fra&type=police") == ["Police nationale"]
    assert names("q=nation") == ["Police nationale"]
    assert names("state=ended") == ["Ended"]
    assert names("status=party&country=DEU") == ["BKA"]
    unknown = api.get("/api/v1/directory?country=XXX", token)
    assert unknown.status_code == 422 and "XXX" in unknown.get_json()["message"]


def test_releases_list_and_one_version_with_its_entries(api, token):
    cp = directory_factories.contact_point("FRA")
    db.session.commit()
    release = release_publish(released_on=date(2024, 3, 1), note="Spring", by=None)
    db.session.commit()

    listed = api.get("/api/v1/directory/releases", token).get_json()
    assert listed == [
        {
            "number": release.number,
            "released_on": "2024-03-01",
            "note": "Spring",
            "entry_count": 1,
            "changed_countries": ["FRA"],
        }
    ]
    one = api.get(f"/api/v1/directory/releases/{release.number}", token).get_json()
    assert [e["id"] for e in one["entries"]] == [cp.id] and one["entries"][0]["country_name"] == "France"
    missing = api.get("/api/v1/directory/releases/999", token)
    assert missing.status_code == 404 and missing.get_json()["message"] == "There is no version 999."


# -- events ---------------------------------------------------------------------------------------------


def test_events_carry_attendance_figures_and_no_names(api, token):
    meeting = event_factories.event(title="Annual meeting", start_date=date(2024, 10, 18), place="Strasbourg")
    event_factories.participant(meeting, "FRA", name="Jeanne Secret", email="jeanne@example.org")
    event_factories.participant(meeting, "DEU", mode=AttendanceMode.ONLINE)
    event_factories.event(title="Training", kind=EventKind.TRAINING, start_date=date(2023, 5, 1))
    db.session.commit()

    listed = api.get("/api/v1/events", token)
    assert [e["title"] for e in listed.get_json()] == ["Annual meeting", "Training"]
    attendance = listed.get_json()[0]["attendance"]
    assert attendance["delegates"] == 2 and attendance["in_person"] == 1 and attendance["online"] == 1
    assert attendance["countries"] == 2 and attendance["sentence"].startswith("2 delegates")
    assert "Jeanne" not in listed.get_data(as_text=True) and "@" not in listed.get_data(as_text=True)

    def titles(query):
        return [e["title"] for e in api.get(f"/api/v1/events?{query}", token).get_json()]

    assert titles("kind=training") == ["Training"]
    assert titles("year=2024") == ["Annual meeting"]
    assert titles("country=DEU") == ["Annual meeting"]
    one = api.get(f"/api/v1/events/{meeting.id}", token).get_json()
    assert one["place"] == "Strasbourg" and one["attendance"] == attendance
    assert api.get("/api/v1/events/99999", token).status_code == 404


# -- activities -----------------------------------------------------------------------------------------


def test_activities_with_the_pages_filters(api, token):
    topic = activity_factories.topic("Electronic evidence")
    later, earlier = (
        event_factories.event(start_date=date(2024, 9, 1)),
        event_factories.event(start_date=date(2024, 3, 1)),
    )
    activity_factories.activity(
        title="Support to Ecuador", beneficiaries=("ECU",), topics=[topic], events=[later, earlier]
    )
    activity_factories.activity(
        title="Workshop in Ghana",
        kind=ActivityKind.LEGISLATION_WORKSHOP,
        status=ActivityStatus.PLANNED,
        beneficiaries=("GHA",),
        contributors=("FRA",),
        start_date=date(2025, 2, 1),
    )
    db.session.commit()

    def titles(query=""):
        return [a["title"] for a in api.get(f"/api/v1/activities?{query}", token).get_json()]

    assert sorted(titles()) == ["Support to Ecuador", "Workshop in Ghana"]
    assert titles("kind=legislation_workshop") == ["Workshop in Ghana"]
    assert titles("status=completed") == ["Support to Ecuador"]
    assert titles("country=FRA&role=contributor") == ["Workshop in Ghana"]
    assert titles("country=FRA&role=beneficiary") == []
    assert titles(f"topic={topic.id}") == ["Support to Ecuador"]
    assert titles("year=2025") == ["Workshop in Ghana"]
    ecuador = api.get("/api/v1/activities?country=ECU", token).get_json()[0]
    assert ecuador["beneficiaries"] == ["ECU"] and ecuador["topics"] == ["Electronic evidence"]
    assert ecuador["events"] == [earlier.id, later.id]


# -- ETag -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url", ["/api/v1/countries", "/api/v1/directory", "/api/v1/events", "/api/v1/reports/plenary"]
)
def test_etag_gives_304_until_the_data_changes(api, token, url):
    first = api.get(url, token)
    etag = first.headers["ETag"]
    again = api.get(url, token, headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.data == b"" and again.headers["ETag"] == etag
    other = api.get(url, token, headers={"If-None-Match": '"something-else"'})
    assert other.status_code == 200 and other.headers["ETag"] == etag


def test_the_etag_changes_with_the_data_and_with_the_page(api, token):
    etag = api.get("/api/v1/directory", token).headers["ETag"]
    directory_factories.contact_point("FRA")
    db.session.commit()
    changed = api.get("/api/v1/directory", token, headers={"If-None-Match": etag})
    assert changed.status_code == 200 and changed.headers["ETag"] != etag
    page_two = api.get("/api/v1/countries?page=2", token).headers["ETag"]
    assert page_two != api.get("/api/v1/countries", token).headers["ETag"]
