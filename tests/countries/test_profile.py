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


def test_country_page_lists_the_action_items_that_concern_it(client, login_as):
    """Not the network-wide conclusions of every meeting it attended: the items naming the country."""
    from tracker.events.models import ActionItem, ActionStatus, Event

    load_demo()
    event = db.session.scalars(db.select(Event).order_by(Event.start_date.desc())).first()
    event.action_items.append(
        ActionItem(title="Fiji to designate a second contact point", owner=None, status=ActionStatus.OPEN)
    )
    event.action_items.append(ActionItem(title="Send the templates", owner="Kenya", status=ActionStatus.OPEN))
    db.session.commit()
    login_as("viewer")
    body = client.get("/countries/FJI").get_data(as_text=True)
    assert "Open action items that concern Fiji" in body
    assert "Fiji to designate a second contact point" in body
    assert "Capacity building support for new members" not in body  # network-wide: on the action items page
    assert "Send the templates" not in body
    kenya = client.get("/countries/KEN").get_data(as_text=True)
    assert "Send the templates" in kenya and "Fiji to designate" not in kenya


def test_events_are_listed_once_and_sources_read_as_titles(client, login_as):
    load_demo()
    db.session.commit()
    login_as("viewer")
    body = client.get("/countries/FJI").get_data(as_text=True)
    annual = "Annual Meeting of the 24/7 Network"
    assert body.count("timeline-event") >= 1
    assert "[1]" not in body and "[2]" not in body
    assert "Dutch treaty database" in body or "Council of Europe Treaty Office" in body
    assert annual not in body or body.count(f">{annual}") <= body.count("timeline-event")


def test_a_non_party_reads_no_party_wording(client, login_as):
    load_demo()
    db.session.commit()
    login_as("viewer")
    body = client.get("/countries/KEN").get_data(as_text=True)
    assert "Party's page" not in body and "in the directory of authorities</a>" not in body
    assert "Not a Party to the Convention on Cybercrime" in body


def test_membership_notes_and_sources_in_words():
    from tracker.countries.wording import membership_note, source_title

    assert membership_note("accession") == "Joined by accession."
    assert membership_note("invited 2024-10-09") == "Invited to accede on 09 Oct 2024."
    assert membership_note("dates not found") == "Dates not found."
    assert (
        source_title("https://verdragen.nl/en/Treaty/Details/009852")
        == "Dutch treaty database (depositary records)"
    )
    assert source_title("http://www.coe.int/en/web/conventions") == "Council of Europe Treaty Office"
    assert source_title("https://example.org/x") == "example.org"
