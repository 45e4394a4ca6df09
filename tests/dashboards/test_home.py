import csv
import io
import json
import re
from datetime import date

from sqlalchemy import select

from tests.countries.test_profile import add_rows_for
from tracker.core.cache import cache
from tracker.demo import load_demo
from tracker.directory import queries as directory_queries
from tracker.directory.models import ContactPoint
from tracker.extensions import db
from tracker.outreach import results as outreach_results


def figures(body: str) -> dict[str, dict]:
    return {
        key: json.loads(
            re.sub("&#34;", '"', raw).replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")
        )
        for key, raw in re.findall(r'id="chart-([\w-]+)"[^>]*data-figure="([^"]*)"', body)
    }


def test_dashboard_headlines_and_charts_from_the_demo(client, login_as):
    load_demo()
    db.session.commit()
    login_as("viewer")
    body = client.get("/?on=2024-12-10").get_data(as_text=True)
    for figure, label in [
        ("76", "Parties"),
        ("76", "Parties with a 24/7 contact point"),
        ("12", "Parties with more than one"),
        ("55 of 76", "Parties that gave authorities input"),
    ]:
        assert re.search(rf">{re.escape(figure)}</?[^>]*>.*?{re.escape(label)}", body, re.S), label
    charts = figures(body)
    assert set(charts) == {
        "contact-point-types",
        "parties-over-time",
        "treaty-map",
        "annual-meeting-attendance",
        "reachability",
        "activities-by-kind",
        "activities-by-region",
    }
    by_kind = {
        trace["name"]: dict(zip(trace["x"], trace["y"], strict=True))
        for trace in charts["activities-by-kind"]["data"]
    }
    assert by_kind["Support to establishing a 24/7 contact point"]["2024"] == 1
    assert sum(values.get("2024", 0) for values in by_kind.values()) == 10  # the seed's activities
    types = charts["contact-point-types"]["data"][0]
    assert dict(zip(types["x"], types["y"], strict=True)) == {
        "Police": 65,
        "Prosecution": 16,
        "Ministry of justice": 4,
        "Security services": 3,
        "Cybersecurity": 2,
    }
    attendance = {trace["name"]: trace["y"][-1] for trace in charts["annual-meeting-attendance"]["data"]}
    assert attendance == {"In person": 81, "Online": 13}
    assert "cdn" not in body.lower()


def test_chart_numbers_download_as_csv(client, login_as):
    load_demo()
    db.session.commit()
    login_as("viewer")
    response = client.get("/charts/contact-point-types.csv?on=2024-12-10")
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    assert rows[0] == ["Category", "Contact points"] and ["Police", "65"] in rows
    assert client.get("/charts/nothing.csv").status_code == 404


def test_plotly_is_served_by_the_app(client, login_as):
    login_as("viewer")
    response = client.get("/vendor/plotly.min.js")
    assert response.status_code == 200 and b"plotly.js" in response.data[:200]


def test_dashboard_query_count_does_not_grow_with_the_data(client, login_as, count_queries):
    load_demo()
    db.session.commit()
    login_as("viewer")
    cache.clear()  # count the computation, not a cache hit
    with count_queries() as before:
        client.get("/?on=2024-12-10")
    add_rows_for("FJI", 30)
    add_rows_for("KEN", 30)
    cache.clear()
    with count_queries() as after:
        client.get("/?on=2024-12-10")
    assert len(after) == len(before), (len(before), len(after))


def test_reachability_chart_shows_each_test_as_shares_of_the_contact_points_tested(client, login_as):
    load_demo()
    db.session.commit()
    login_as("viewer")
    [test] = outreach_results.reachability_by_test(date(2024, 1, 1), date(2024, 12, 10))
    charts = figures(client.get("/?on=2024-12-10").get_data(as_text=True))
    shares = {trace["name"]: trace["y"] for trace in charts["reachability"]["data"]}
    assert charts["reachability"]["data"][0]["x"] == [f"01 Oct 2024 ({test.tested} tested)"]
    assert shares["Within 1 hour"] == [round(100 * test.within_1h / test.tested, 1)]
    assert shares["Not answered"] == [round(100 * test.not_answered / test.tested, 1)]
    assert 99.5 < sum(values[0] for values in shares.values()) < 100.5
    assert test.within_1h and test.not_answered  # the demo's test has both, so both bars are drawn
    # before the first test there is nothing to chart, and the chart is left out rather than empty
    assert "reachability" not in figures(client.get("/?on=2024-09-30").get_data(as_text=True))


def test_stalest_entries_never_verified_first_then_oldest_verification(client, login_as):
    load_demo()
    db.session.commit()
    login_as("viewer")
    day = date(2024, 12, 10)
    entries = directory_queries.stalest_entries(day, limit=10)
    assert len(entries) == 10
    keys = [(e.last_verified_on is not None, e.last_verified_on or date.min) for e in entries]
    assert keys == sorted(keys)
    oldest = db.session.scalars(
        select(ContactPoint).where(ContactPoint.designated_on(day)).order_by(ContactPoint.last_verified_on)
    ).all()
    unverified = [cp for cp in oldest if cp.last_verified_on is None]
    assert entries[0].last_verified_on == (None if unverified else oldest[0].last_verified_on)
    body = client.get("/?on=2024-12-10").get_data(as_text=True)
    assert "Entries longest without verification" in body
    assert f'href="/directory/{entries[0].id}"' in body


def test_recent_tiles_count_since_the_last_plenary(client, login_as):
    """Not "0 events in 2026" in January: the tiles count since the last plenary."""
    load_demo()
    db.session.commit()
    login_as("viewer")
    body = client.get("/?on=2024-12-10").get_data(as_text=True)
    assert "Events since the last plenary" in body
    assert "Events in 2024" not in body


def test_without_a_plenary_the_tiles_show_the_latest_year_with_events(app):
    from tracker.dashboards.queries import headline_period
    from tracker.events.models import Event, EventFormat, EventKind

    db.session.add(
        Event(
            title="Workshop",
            kind=EventKind.WORKSHOP,
            format=EventFormat.IN_PERSON,
            start_date=date(2025, 5, 1),
            end_date=date(2025, 5, 2),
        )
    )
    db.session.flush()
    assert headline_period(date(2026, 1, 15)) == (date(2025, 1, 1), date(2025, 12, 31), "in 2025")
    assert headline_period(date(2025, 6, 1)) == (date(2025, 1, 1), date(2025, 6, 1), "in 2025")
