"""The directory of authorities through its pages: viewers read and export, editors write."""

import csv
import io
from datetime import date

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from tests import factories
from tests.authorities import factories as af
from tracker.authorities import services
from tracker.authorities.models import Authority, DifferenceReview, OfficialDeclaration, PartyInput, Source
from tracker.core.audit import AuditEvent
from tracker.demo import load_demo
from tracker.extensions import db


@pytest.fixture
def demo(app):
    load_demo()
    db.session.commit()


def form(**overrides) -> dict:
    data = {
        "article": "27",
        "declaration_id": "",
        "name": "Ministère de la Justice",
        "name_source": "party_input",
        "name_received_on": "2024-09-02",
        "phone": "+33 1 23 45 00 00",
        "phone_source": "party_input",
        "phone_received_on": "2024-09-02",
        "email": "mla.fra@example.org",
        "email_source": "party_input",
        "email_received_on": "",
    }
    return data | overrides


def count(model) -> int:
    return db.session.scalar(select(func.count(model.id)))


def test_status_page_headline_and_lists(demo, client, login_as):
    login_as("viewer")
    body = client.get("/authorities/status?on=2024-12-10").get_data(as_text=True)
    assert "55 of 76 Parties provided input" in body
    assert "Parties with no input (21)" in body and ">Andorra</a>" in body
    assert "Entries with empty fields (3)" in body and ">Fiji</a>" in body
    assert "Entries whose Party input differs from the official declaration (4)" in body
    assert "cooperacion.internacional.chl@example.org" in body and "mla.chl@example.org" in body
    assert "Confirmed with the delegation" in body  # Romania's reviewed differences
    assert (
        "Mark as reviewed" not in body and "Fill from the declaration" not in body
    )  # a viewer writes nothing
    assert "never made public" in body
    # before the 30th plenary's invitation, fewer Parties had answered
    body = client.get("/authorities/status?on=2024-06-20").get_data(as_text=True)
    assert "8 of 75 Parties provided input" in body


def test_editor_marks_a_difference_as_reviewed_with_a_note(demo, client, login_as):
    login_as("editor")
    body = client.get("/authorities/status?on=2024-12-10").get_data(as_text=True)
    assert body.count("Mark as reviewed") == 3
    georgia = db.session.scalar(
        select(Authority).where(Authority.name.like("Office of the Prosecutor General – I%"))
    )
    url = f"/authorities/{georgia.id}/review"
    response = client.post(
        url, data={"field": "name", "note": "", "next": "/authorities/status?on=2024-12-10"}
    )
    assert response.status_code == 302 and response.location == "/authorities/status?on=2024-12-10"
    assert "Say in a note what was checked" in client.get(response.location).get_data(as_text=True)
    assert count(DifferenceReview) == 2
    response = client.post(url, data={"field": "name", "note": "New authority since 2024; asked to update."})
    assert response.status_code == 302 and response.location.startswith("/authorities/parties/GEO")
    assert count(DifferenceReview) == 3
    body = client.get("/authorities/status?on=2024-12-10").get_data(as_text=True)
    assert body.count("Mark as reviewed") == 2 and "asked to update" in body
    # an outside address in `next` is ignored
    response = client.post(url, data={"field": "name", "note": "x", "next": "//evil.example/"})
    assert response.location.startswith("/authorities/parties/GEO")


def test_editor_fills_empty_fields_from_the_declaration(app, client, login_as):
    login_as("editor")
    authority = af.authority(
        declaration=af.declaration(email="mla.fra@example.org"), name="Ministère de la Justice"
    )
    db.session.commit()
    client.post(f"/authorities/{authority.id}/fill")
    db.session.refresh(authority)
    assert authority.email == "mla.fra@example.org" and authority.email_source == Source.OFFICIAL_DECLARATION
    body = client.get("/authorities/parties/FRA").get_data(as_text=True)
    assert "Official declaration" in body and "Empty: Address, Phone" in body


def test_editor_creates_and_edits_an_authority(app, client, login_as):
    login_as("editor")
    declaration = af.declaration()
    db.session.commit()
    page = client.get("/authorities/parties/FRA/new?article=24").get_data(as_text=True)
    assert (
        '<option selected value="24">' in page and "Ministère de la Justice" in page
    )  # the declaration to compare with
    response = client.post("/authorities/parties/FRA/new", data=form())
    assert response.status_code == 302, response.get_data(as_text=True)
    authority = db.session.scalar(select(Authority))
    assert authority.declaration_id == declaration.id and authority.phone == "+33123450000"
    assert authority.email_received_on == date.today()
    response = client.post(
        f"/authorities/{authority.id}/edit",
        data=form(email="other@example.org", declaration_id="0", version=authority.version),
    )
    assert response.status_code == 302
    db.session.refresh(authority)
    assert authority.email == "other@example.org" and authority.declaration_id is None
    client.post(f"/authorities/{authority.id}/delete")
    assert count(Authority) == 0
    assert count(AuditEvent) == 3


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"article": "25"}, "Not a valid choice"),
        ({"email": "nobody@"}, "Not a valid e-mail address"),
        ({"phone": "+33 12"}, "not a valid phone number"),
        ({"name": ""}, "This field is required."),
        ({"phone_source": ""}, "Say where the phone comes from"),
        ({"phone_received_on": "2024-13-01"}, "Not a valid date value"),
    ],
)
def test_bad_input_in_the_authority_form_writes_nothing(app, client, login_as, overrides, message):
    login_as("editor")
    response = client.post("/authorities/parties/FRA/new", data=form(**overrides))
    assert response.status_code == 200 and message in response.get_data(as_text=True)
    assert count(Authority) == 0


def test_input_for_a_country_not_yet_a_party_is_refused(app, client, login_as):
    login_as("editor")
    benin = factories.country("BEN")
    response = client.post(
        "/authorities/inputs/new", data={"country_id": benin.id, "received_on": "2024-06-19"}
    )
    assert (
        "Benin was not a Party to the Convention on Cybercrime (ETS 185) on 19 Jun 2024"
        in response.get_data(as_text=True)
    )
    ireland = factories.country("IRL")
    response = client.post(
        "/authorities/inputs/new", data={"country_id": ireland.id, "received_on": "2024-09-02"}
    )
    assert "Not a valid choice" in response.get_data(as_text=True)  # only Parties are offered
    assert count(PartyInput) == 0
    response = client.post(
        "/authorities/inputs/new",
        data={"country_id": benin.id, "received_on": "2024-06-21", "note": "By e-mail"},
    )
    assert response.status_code == 302 and count(PartyInput) == 1
    assert "By e-mail" in client.get("/authorities/inputs/").get_data(as_text=True)


def test_editor_records_and_edits_a_declaration(app, client, login_as):
    login_as("editor")
    assert client.get("/authorities/declarations/new?iso3=FRA").location.endswith(
        "/authorities/parties/FRA/declarations/new"
    )
    data = {
        "article": "24",
        "authority_name": "Ministère de la Justice",
        "email": "bad",
        "declared_on": "2006-01-10",
    }
    response = client.post("/authorities/parties/FRA/declarations/new", data=data)
    assert "Not a valid e-mail address" in response.get_data(as_text=True) and count(OfficialDeclaration) == 0
    response = client.post(
        "/authorities/parties/FRA/declarations/new", data=data | {"email": "x@example.org"}
    )
    assert response.status_code == 302
    declaration = db.session.scalar(select(OfficialDeclaration))
    response = client.post(
        f"/authorities/declarations/{declaration.id}/edit",
        data=data | {"email": "", "phone": "+33 1 23 45 00 01", "version": declaration.version},
    )
    assert response.status_code == 302
    db.session.refresh(declaration)
    assert declaration.email is None and declaration.phone == "+33123450001"
    assert "Ministère de la Justice" in client.get("/authorities/declarations/").get_data(as_text=True)


def test_viewer_reads_but_sees_no_edit_controls(demo, client, login_as):
    login_as("viewer")
    for url in (
        "/authorities/",
        "/authorities/parties/ROU",
        "/authorities/declarations/",
        "/authorities/inputs/",
    ):
        body = client.get(url).get_data(as_text=True)
        assert "/edit" not in body and "Record input" not in body and "Upload a return" not in body, url
    assert client.post("/authorities/parties/FRA/new", data=form()).status_code == 403


def test_follow_up_shows_the_procedure_once_and_exports(demo, client, login_as):
    login_as("viewer")
    body = client.get("/authorities/follow-up?on=2024-12-10").get_data(as_text=True)
    assert body.count("treaty.office@coe.int") == 1 and body.count("note verbale") == 1
    assert "Ministry of Foreign Affairs, a Permanent Representation, an Embassy or a Consulate" in body
    assert "28 Parties to contact" in body  # 21 with no input, 3 incomplete, 4 differing
    response = client.get("/authorities/follow-up?on=2024-12-10&format=csv")
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    assert rows[0][:3] == ["Country", "ISO3", "Why"] and len(rows) == 29
    iceland = next(r for r in rows if r[1] == "ISL")
    assert iceland[2] == "Empty fields" and "e-mail" in iceland[5]
    response = client.get("/authorities/follow-up?on=2024-12-10&format=xlsx")
    workbook = load_workbook(io.BytesIO(response.data))
    assert workbook.sheetnames == ["Parties to contact", "Treaty Office procedure"]
    assert "never public" in workbook["Parties to contact"]["A1"].value
    assert client.get("/authorities/follow-up?format=pdf").status_code == 404
    exports = db.session.scalar(select(func.count(AuditEvent.id)).where(AuditEvent.action == "export"))
    assert exports == 2


def test_directory_export_is_recorded_in_the_audit_trail(demo, client, login_as):
    viewer = login_as("viewer")
    response = client.get("/authorities/export?format=xlsx")
    assert response.status_code == 200 and "attachment" in response.headers["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.data))["Authorities"]
    assert sheet["A2"].value == "Country" and sheet.max_row == 2 + count(Authority)
    response = client.get("/authorities/export?format=csv")
    assert "Differs from the declaration" in response.get_data(as_text=True)
    events = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "export")).all()
    assert len(events) == 2 and all(e.user_id == viewer.id for e in events)


def test_country_page_shows_the_partys_authorities_and_differences(demo, client, login_as):
    login_as("viewer")
    body = client.get("/countries/CHL").get_data(as_text=True)
    assert "Authorities for extradition (Article 24) and mutual assistance (Article 27)" in body
    assert "Ministerio de Justicia – Unidad de Extradiciones" in body and "Party input" in body
    assert "cooperacion.internacional.chl@example.org" in body and "declared: “mla.chl@example.org”" in body
    body = client.get("/countries/PRT").get_data(as_text=True)
    assert "Official declaration" in body  # values filled from the declaration
    body = client.get("/countries/IRL").get_data(as_text=True)
    assert "Not a Party to the Convention on Cybercrime: no authorities recorded" in body


PAGES = [
    "/authorities/",
    "/authorities/parties/",
    "/authorities/parties/USA",
    "/authorities/status?on=2024-12-10",
    "/authorities/follow-up?on=2024-12-10",
    "/authorities/declarations/",
    "/authorities/inputs/",
    "/authorities/export?format=csv",
]  # the country page, which every feature adds to, is checked in tests/countries/test_profile.py


def _queries(client, count_queries) -> dict[str, int]:
    counted = {}
    for url in PAGES:
        with count_queries() as statements:
            assert client.get(url).status_code == 200, url
        counted[url] = len(statements)
    return counted


def test_pages_run_a_fixed_number_of_queries(app, client, login_as, count_queries):
    editor = login_as("editor")
    declaration = af.declaration("USA")
    authority = af.authority("USA", declaration=declaration, name="Department of Justice")
    services.difference_review(
        authority, field="name", note="checked", by=editor
    )  # the few rows use every relation
    af.party_input("USA")
    db.session.commit()
    few = _queries(client, count_queries)
    load_demo()
    db.session.commit()
    many = _queries(client, count_queries)
    assert many == few
    assert max(many.values()) <= 16, many
