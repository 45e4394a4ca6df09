"""The country page gathers every feature's section; its query count must not grow with the data."""

from tests.authorities import factories as authority_factories
from tests.directory import factories as directory_factories
from tests.events import factories as event_factories
from tracker.demo import load_demo
from tracker.extensions import db


def add_rows_for(iso3: str, n: int) -> None:
    for i in range(n):
        directory_factories.contact_point(iso3, institution=f"Extra unit {i}")
        event = event_factories.event()
        event_factories.participant(event, iso3)
        event_factories.contribution(event, iso3)
        authority_factories.authority(iso3, name=f"Extra authority {i}")
    db.session.commit()


def test_country_page_queries_do_not_grow_with_the_data(client, login_as, count_queries):
    load_demo()
    db.session.commit()
    login_as("viewer")
    with count_queries() as before:
        assert client.get("/countries/FJI").status_code == 200
    add_rows_for("FJI", 25)
    with count_queries() as after:
        body = client.get("/countries/FJI").get_data(as_text=True)
    assert "Extra unit 24" in body and "Extra authority 24" in body
    assert len(after) == len(before), (len(before), len(after))


def test_country_page_lists_open_action_items_of_its_meetings(client, login_as):
    load_demo()
    db.session.commit()
    login_as("viewer")
    body = client.get("/countries/FJI").get_data(as_text=True)
    assert "Open action items of the meetings it took part in" in body
    assert "Capacity building support for new members" in body  # a conclusion of the 2024 annual meeting
