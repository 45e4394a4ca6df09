"""Releases: publish, what changed, immutability, pages, comparison; exports and their audit trail."""

import csv
import io
from datetime import date, timedelta

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from tests.directory.factories import contact_point
from tracker.core.audit import AuditEvent
from tracker.core.errors import DomainError
from tracker.core.spreadsheets import neutralise
from tracker.directory import queries, services
from tracker.directory.models import ContactPointType, DirectoryRelease
from tracker.extensions import db


def edit(cp, **changes):
    data = {key: getattr(cp, key) for key in services.ENTRY_FIELDS} | changes
    services.contact_point_update(cp, data=data, version=cp.version, by=None)


@pytest.fixture
def two_releases(app):
    """Version 1 with France and Albania; then Albania's phone changes, Benin is added, France removed."""
    fra = contact_point("FRA", institution="Judicial Police", phone="+33199000000")
    alb = contact_point("ALB", institution="National Police", phone="+35542220000")
    services.release_publish(released_on=date(2024, 6, 1), note="First", by=None)
    edit(alb, phone="+355 4 222 0001")
    contact_point("BEN", institution="CNIN", valid_from=date(2024, 7, 1))
    services.contact_point_end(fra, valid_to=date(2024, 6, 30), version=fra.version, by=None)
    services.release_publish(released_on=date(2024, 7, 15), note="Second", by=None)
    db.session.commit()


def test_publishing_numbers_dates_and_records_changed_countries(two_releases):
    first, second = queries.release(1), queries.release(2)
    assert [c.iso3 for c in first.changed_countries] == ["ALB", "FRA"] and first.entry_count == 2
    assert sorted(c.iso3 for c in second.changed_countries) == ["ALB", "BEN", "FRA"]
    assert second.entry_count == 2 and {r["country"] for r in second.snapshot} == {"ALB", "BEN"}
    assert queries.release_countries_between(date(2024, 7, 1), date(2024, 12, 31)) == ["ALB", "BEN", "FRA"]
    assert [r.number for r in queries.releases_between(date(2024, 6, 1), date(2024, 6, 30))] == [1]


def test_the_snapshot_is_frozen_and_a_release_cannot_be_changed(two_releases):
    alb = db.session.scalar(
        select(DirectoryRelease).where(DirectoryRelease.number == 1)
    ).snapshot  # the first version keeps the old number
    assert next(r for r in alb if r["country"] == "ALB")["phone"] == "+35542220000"
    release = queries.release(1)
    release.note = "rewritten"
    with pytest.raises(ValueError, match="published and cannot be changed"):
        db.session.flush()
    db.session.rollback()


def test_nothing_changed_and_bad_dates_are_refused(two_releases):
    with pytest.raises(DomainError, match="Nothing has changed since version 2"):
        services.release_publish(released_on=date(2024, 8, 1), note=None, by=None)
    with pytest.raises(DomainError, match="cannot be dated before it"):
        services.release_publish(released_on=date(2024, 7, 1), note=None, by=None)
    with pytest.raises(DomainError, match="not in the future"):
        services.release_publish(released_on=date.today() + timedelta(days=1), note=None, by=None)


def test_an_empty_directory_is_not_published(app):
    with pytest.raises(DomainError, match="nothing to publish"):
        services.release_publish(released_on=date(2024, 1, 1), note=None, by=None)


def test_phone_numbers_are_exported_as_they_are_and_formulas_are_not():
    assert neutralise("+41 22 345 67 89", phone=True) == "+41 22 345 67 89"
    assert neutralise("+1 (202) 555-0100", phone=True) == "+1 (202) 555-0100"
    for payload in ["+cmd|' /C calc'!A0", "+1+HYPERLINK(1)", "=1+1", "+1-1"]:
        assert neutralise(payload) == "'" + payload
        assert neutralise(payload, phone=True) == "'" + payload


def test_verification_alone_is_not_a_change(two_releases):
    cp = db.session.scalar(select(services.ContactPoint).where(services.ContactPoint.institution == "CNIN"))
    services.contact_point_verify(cp, by=None)
    with pytest.raises(DomainError, match="Nothing has changed"):
        services.release_publish(released_on=date.today(), note=None, by=None)


def test_editor_publishes_from_the_page_and_sees_what_will_change(client, login_as, two_releases):
    login_as("editor")
    cp = contact_point("HRV", institution="Croatian Police", type=ContactPointType.POLICE)
    db.session.commit()
    page = client.get("/directory/releases/new").get_data(as_text=True)
    assert "Croatia" in page and "added" in page and "since version 2" in page
    response = client.post(
        "/directory/releases/new", data={"released_on": date.today().isoformat(), "note": "HR"}
    )
    assert response.status_code == 302 and response.location.endswith("/directory/releases/3")
    body = client.get(response.location).get_data(as_text=True)
    assert "Countries changed: Croatia" in body and cp.institution in body
    again = client.post("/directory/releases/new", data={"released_on": date.today().isoformat()})
    assert "Nothing has changed since version 3" in again.get_data(as_text=True)


def test_release_page_and_comparison_show_changes_field_by_field(client, login_as, two_releases):
    login_as("viewer")
    body = client.get("/directory/releases/2").get_data(as_text=True)
    assert "Changes since version 1" in body
    assert "+355 4 222 0000" in body and "+355 4 222 0001" in body
    assert "added" in body and "CNIN" in body and "removed" in body and "Judicial Police" in body
    body = client.get("/directory/releases/compare?old=1&new=2").get_data(as_text=True)
    assert "3 countries with changes: ALB, BEN, FRA" in body
    body = client.get("/directory/releases/compare?old=2&new=1").get_data(as_text=True)
    assert "removed" in body and "CNIN" in body  # the other way round
    assert "Version 2" in client.get("/directory/releases/compare").get_data(as_text=True)
    assert client.get("/directory/releases/9").status_code == 404
    assert client.get("/directory/releases/").status_code == 200


def test_viewer_cannot_publish(client, login_as, two_releases):
    login_as("viewer")
    assert client.get("/directory/releases/new").status_code == 403
    assert client.post("/directory/releases/new", data={"released_on": "2024-08-01"}).status_code == 403


def _exports() -> list[AuditEvent]:
    return list(
        db.session.scalars(select(AuditEvent).where(AuditEvent.action == "export").order_by(AuditEvent.id))
    )


def test_release_xlsx_is_one_formatted_sheet_and_the_export_is_recorded(client, login_as, two_releases):
    viewer = login_as("viewer")
    response = client.get("/directory/releases/2/export.xlsx")
    assert response.status_code == 200
    assert 'filename="directory-v2-2024-07-15.xlsx"' in response.headers["Content-Disposition"]
    workbook = load_workbook(io.BytesIO(response.data))
    assert len(workbook.worksheets) == 1
    sheet = workbook.active
    assert sheet["A1"].value.startswith("24/7 Network directory, version 2 of 15 July 2024")
    assert [c.value for c in sheet[2]][:5] == ["Country", "ISO3", "Institution", "Unit", "Type"]
    assert sheet.freeze_panes == "A3" and sheet.column_dimensions["C"].width == 36
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=3)]
    assert [r[1] for r in rows] == ["ALB", "BEN"]
    assert rows[0][5] == "+355 4 222 0001"  # phone numbers as they are, not neutralised
    (event,) = _exports()
    assert event.user_id == viewer.id and event.entity_id == "2" and "version 2 as XLSX" in event.summary


def test_current_csv_and_printable_view(client, login_as, two_releases):
    login_as("viewer")
    contact_point("HRV", institution='=HYPERLINK("http://evil.example")')
    db.session.commit()
    response = client.get("/directory/export.csv")
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    assert rows[0][:3] == ["Country", "ISO3", "Institution"] and len(rows) == 4
    assert any(r[2].startswith("'=HYPERLINK") for r in rows)  # formulas neutralised
    body = client.get("/directory/print").get_data(as_text=True)
    assert "current entries on" in body and "3 entries in 3 countries" in body and "data-print" in body
    body = client.get("/directory/releases/1/print").get_data(as_text=True)
    assert "version 1 of 01 June 2024" in body and "Judicial Police" in body
    assert [e.summary.split(" as ")[1] for e in _exports()] == ["CSV", "PRINTABLE HTML", "PRINTABLE HTML"]


def test_exported_csv_imports_back_into_an_empty_directory(app, tmp_path, two_releases):
    from tests.directory.test_imports import run
    from tracker.core.spreadsheets import to_csv
    from tracker.directory.exports import directory_sheet

    data = to_csv(directory_sheet(queries.records_on(date.today()), "heading"))
    for cp in db.session.scalars(select(services.ContactPoint)):
        db.session.delete(cp)
    db.session.flush()
    result = run("back.csv", data)
    assert result.valid, result.errors
    assert result.written == 2
