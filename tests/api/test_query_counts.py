"""The API's lists run the same number of SQL queries for a few rows as for many (no query per row)."""

from tests.activities import factories as activity_factories
from tests.directory import factories as directory_factories
from tests.events import factories as event_factories
from tracker.extensions import db

LISTS = [
    "/api/v1/countries",
    "/api/v1/directory",
    "/api/v1/directory/releases",
    "/api/v1/events",
    "/api/v1/activities",
]


def add_rows(n: int) -> None:
    topic = activity_factories.topic()
    for i in range(n):
        event = event_factories.event(host_country_id=None)
        event_factories.participant(event, "FRA")
        activity_factories.activity(topics=[topic], events=[event], contributors=("FRA",))
        directory_factories.contact_point(["FRA", "DEU", "ITA"][i % 3])
        directory_factories.release(snapshot=[])
    db.session.commit()


def counts(client, count_queries, token) -> dict[str, int]:
    measured = {}
    for url in LISTS:
        with count_queries() as statements:
            assert client.get(url, headers={"Authorization": f"Bearer {token}"}).status_code == 200, url
        measured[url] = len(statements)
    return measured


def test_api_lists_query_counts_do_not_grow_with_the_data(client, count_queries, token_for):
    _user, token = token_for("viewer")
    add_rows(2)
    counts(client, count_queries, token)  # the first calls note the token's use and the audit's version
    few = counts(client, count_queries, token)
    add_rows(20)
    assert counts(client, count_queries, token) == few
