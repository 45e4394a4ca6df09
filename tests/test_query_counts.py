"""The main pages run the same number of SQL queries whatever the amount of data (not a timed test).

Each page is counted on the demo data, then again after the benchmark generator has added a whole
network's worth more (200 contact points, 500 events with 20,000 participants, 2,000 activities...).
"""

from benchmarks.generate import generate, sample_arguments
from tracker.core.cache import cache
from tracker.demo import load_demo
from tracker.extensions import db

PAGES = [
    "/?on=2024-12-10",
    "/reports/plenary?from=2024-06-21&to=2024-12-10",
    "/directory/",
    "/directory/releases/",
    "/countries/",
    "/countries/FJI",
    "/events/",
    "/events/{event_id}",
    "/action-items/",
    "/activities/",
    "/activities/gaps?on=2024-12-10",
    "/authorities/",
    "/authorities/status?on=2024-12-10",
    "/authorities/follow-up",
]


def counts(client, count_queries, arguments) -> dict[str, int]:
    measured = {}
    for page in PAGES:
        url = page.format(**arguments)
        cache.clear()  # count the computation, not a cache hit
        with count_queries() as statements:
            assert client.get(url).status_code == 200, url
        measured[page] = len(statements)
    return measured


def test_main_pages_query_counts_do_not_grow_with_the_data(client, login_as, count_queries):
    load_demo()
    db.session.commit()
    login_as("admin")
    arguments = sample_arguments()
    small = counts(client, count_queries, arguments)
    generate(1)
    db.session.commit()
    large = counts(client, count_queries, arguments)
    assert large == small
