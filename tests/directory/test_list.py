"""The directory list (filters, counts, a fixed number of queries) and the country page's section."""

from datetime import date, timedelta

import pytest

from tests.directory.factories import contact_point
from tracker.directory.models import ContactPointType
from tracker.extensions import db

TODAY = date.today()


@pytest.fixture
def directory(app):
    contact_point("FRA", institution="Judicial Police", type=ContactPointType.POLICE)
    contact_point("FRA", institution="Paris Prosecutor", type=ContactPointType.PROSECUTION)
    contact_point("BEN", institution="Centre National d'Investigations Numériques", last_verified_on=None)
    contact_point(
        "IRL", institution="Garda Cyber Bureau", last_verified_on=TODAY - timedelta(days=400)
    )  # a signatory, not a Party
    contact_point("ALB", institution="Old Unit", valid_from=date(2015, 1, 1), valid_to=date(2019, 12, 31))
    contact_point("ALB", institution="Future Unit", valid_from=TODAY + timedelta(days=30))
    db.session.commit()


def listed(client, query: str = "") -> str:
    response = client.get(f"/directory/{query}")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_lists_current_entries_with_counts_by_type(client, login_as, directory):
    login_as("viewer")
    body = listed(client)
    assert "4 entries" in body
    assert "Judicial Police" in body and "Old Unit" not in body and "Future Unit" not in body
    assert "Police: 3" in body and "Prosecution: 1" in body and "Cybersecurity: 0" in body


FILTERS = [
    ("?country=FRA", ["Judicial Police", "Paris Prosecutor"], ["Garda"]),
    ("?type=prosecution", ["Paris Prosecutor"], ["Judicial Police"]),
    ("?region=Africa", ["Investigations Num"], ["Judicial Police"]),
    ("?status=party", ["Judicial Police", "Investigations Num"], ["Garda"]),
    ("?status=signatory", ["Garda"], ["Judicial Police"]),
    ("?stale=y", ["Investigations Num", "Garda"], ["Judicial Police"]),
    ("?q=prosec", ["Paris Prosecutor"], ["Judicial Police"]),
    ("?q=100%25", [], ["Judicial Police"]),  # the search escapes SQL wildcards
    ("?state=ended", ["Old Unit"], ["Judicial Police", "Future Unit"]),
    ("?state=upcoming", ["Future Unit"], ["Old Unit"]),
    ("?state=all", ["Old Unit", "Future Unit", "Judicial Police"], []),
]


def test_filters(client, login_as, directory):
    login_as("viewer")
    for query, present, absent in FILTERS:
        body = listed(client, query)
        for text in present:
            assert text in body, (query, text)
        for text in absent:
            assert text not in body, (query, text)


def test_counts_ignore_the_type_filter_and_keep_the_others(client, login_as, directory):
    login_as("viewer")
    body = listed(client, "?country=FRA&type=police")
    assert "Police: 1" in body and "Prosecution: 1" in body and "1 entry" in body


def test_an_invalid_filter_is_reported_and_ignored(client, login_as, directory):
    login_as("viewer")
    body = listed(client, "?type=army")
    assert "Not a valid choice" in body and "4 entries" in body


def _many(n: int) -> None:
    countries = ["FRA", "DEU", "ITA", "ESP", "BEN"]
    for i in range(n):
        contact_point(countries[i % 5], institution=f"Unit {i:04d}", email=f"u{i}@example.org")
    db.session.commit()


def test_the_list_runs_a_fixed_number_of_queries(app, client, login_as, count_queries):
    login_as("viewer")
    app.config["PAGE_SIZE"] = 5  # both lists fill more than one page (a short list skips the count)
    _many(10)
    with count_queries() as few:
        listed(client, "?status=party&q=unit")
    _many(490)
    with count_queries() as many:
        body = listed(client, "?status=party&q=unit")
    assert "500 entries" in body and "Next" in body
    assert len(many) == len(few) <= 10


def test_country_page_shows_current_and_past_and_answers_who_on_a_date(client, login_as, directory):
    login_as("viewer")
    body = client.get("/countries/ALB").get_data(as_text=True)
    assert "24/7 contact points" in body and "Past contact points" in body and "Old Unit" in body
    assert "Designated from a later date" in body and "Future Unit" in body
    body = client.get("/countries/ALB?cp_on=2018-05-01").get_data(as_text=True)
    assert "designated on 01 May 2018" in body
    section = body.split("designated on 01 May 2018")[1]
    assert "Old Unit" in section and "Future Unit" not in section
    body = client.get("/countries/ALB?cp_on=2021-05-01").get_data(as_text=True)
    assert "designated on 01 May 2021" in body and "None." in body.split("designated on 01 May 2021")[1]
    body = client.get("/countries/ALB?cp_on=1%2F5%2F2018").get_data(as_text=True)
    assert "is not a date; write it as YYYY-MM-DD" in body


def test_country_page_runs_a_fixed_number_of_queries(client, login_as, count_queries):
    login_as("viewer")
    contact_point("FRA")
    db.session.commit()
    with count_queries() as few:
        client.get("/countries/FRA?cp_on=2021-01-01")
    _many(50)
    with count_queries() as many:
        client.get("/countries/FRA?cp_on=2021-01-01")
    assert len(many) == len(few)
