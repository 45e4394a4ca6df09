from sqlalchemy import func, select

from tests import factories
from tracker.core.audit import AuditEvent
from tracker.countries.models import Organisation
from tracker.extensions import db


def test_country_list_filters_by_status_on_a_date(client, login_as):
    login_as("viewer")
    body = client.get("/countries/?on=2024-12-10&status=party").get_data(as_text=True)
    assert "76 countries" in body and "Parties: 76" in body
    assert ">Benin</a>" in body and ">Ireland</a>" not in body
    # Benin deposited its accession on 2024-06-20: not yet a Party the day before
    body = client.get("/countries/?on=2024-06-19&status=party").get_data(as_text=True)
    assert ">Benin</a>" not in body


def test_country_list_filters_by_region_with_counts(client, login_as):
    login_as("viewer")
    body = client.get("/countries/?on=2024-12-10&region=Africa&status=party").get_data(as_text=True)
    assert ">Benin</a>" in body and ">France</a>" not in body
    assert "in Africa" in body


def test_country_list_reports_a_malformed_date_and_falls_back_to_today(client, login_as):
    login_as("viewer")
    response = client.get("/countries/?on=10/12/2024")
    assert response.status_code == 200
    assert "Not a valid date value" in response.get_data(as_text=True)


def test_country_page_shows_the_membership_timeline(client, login_as):
    login_as("viewer")
    body = client.get("/countries/ben").get_data(as_text=True)
    assert "Benin" in body and "20 Jun 2024" in body and "01 Oct 2024" in body
    body = client.get("/countries/ARG").get_data(as_text=True)
    assert "date not recorded" in body
    assert client.get("/countries/XXX").status_code == 404


def test_editor_creates_and_edits_an_organisation(client, login_as):
    login_as("editor")
    response = client.post(
        "/organisations/new", data={"name": " Europol ", "acronym": "", "kind": "international_organisation"}
    )
    assert response.status_code == 302
    organisation = db.session.scalar(select(Organisation))
    assert organisation.name == "Europol" and organisation.acronym is None
    response = client.post(
        f"/organisations/{organisation.id}/edit",
        data={"name": "Europol", "acronym": "EUROPOL", "kind": "international_organisation", "version": 1},
    )
    assert response.status_code == 302
    db.session.refresh(organisation)
    assert organisation.acronym == "EUROPOL"
    assert (
        db.session.scalar(select(func.count(AuditEvent.id)).where(AuditEvent.entity_type == "organisation"))
        == 2
    )
    assert "Europol (EUROPOL)" in client.get("/organisations/").get_data(as_text=True)


def test_organisation_bad_input_writes_nothing(client, login_as):
    login_as("editor")
    factories.organisation(name="INTERPOL")
    db.session.commit()
    for data, message in [
        ({"name": "interpol", "kind": "international_organisation"}, "already exists"),
        ({"name": "", "kind": "international_organisation"}, "This field is required."),
        ({"name": "X", "kind": "planet"}, "Not a valid choice"),
        ({"name": "X", "kind": "ngo", "website": "not a url"}, "Invalid URL"),
    ]:
        response = client.post("/organisations/new", data=data)
        assert response.status_code == 200 and message in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count(Organisation.id))) == 1


def test_viewer_sees_no_edit_controls(client, login_as):
    login_as("viewer")
    factories.organisation()
    db.session.commit()
    body = client.get("/organisations/").get_data(as_text=True)
    assert "New organisation" not in body and "/edit" not in body


def test_country_list_runs_a_fixed_number_of_queries(client, login_as, count_queries):
    login_as("viewer")
    with count_queries() as statements:
        assert client.get("/countries/?on=2024-12-10").status_code == 200
    assert len(statements) <= 6, statements
