"""Importing contact points: every row checked first, all or nothing, from the web and the CLI."""

import io

from openpyxl import Workbook
from sqlalchemy import func, select

from tests.directory.factories import contact_point
from tracker.core.audit import AuditEvent
from tracker.core.imports import read_table, run_import
from tracker.directory.imports import DirectoryImporter
from tracker.directory.models import ContactPoint
from tracker.extensions import db
from tracker.imports.models import ImportBatch

HEADER = (
    "Country,Institution,Unit,Type,Phone,E-mail,Available 24/7,Hours,Time zone,Languages,Valid from,Valid to"
)


def csv_bytes(rows: list[str]) -> bytes:
    return ("\n".join(rows) + "\n").encode("utf-8")


def run(filename: str, data: bytes, *, dry_run: bool = False, options=None):
    return run_import(DirectoryImporter(options=options), read_table(filename, data), dry_run=dry_run)


def entries() -> int:
    return db.session.scalar(select(func.count(ContactPoint.id)))


def row(country: str = "France", institution: str = "Judicial Police", **kw) -> str:
    values = {
        "unit": "Cybercrime Office",
        "type": "police",
        "phone": "+33 1 99 00 00 00",
        "email": "fra@example.org",
        "available": "yes",
        "hours": "",
        "tz": "",
        "languages": "fra; eng",
        "from": "2024-01-01",
        "to": "",
    } | kw
    return ",".join([f'"{country}"', f'"{institution}"', *[f'"{values[k]}"' for k in values]])


def test_country_names_and_codes_match_one_country(app):
    rows = [
        HEADER,
        row("Cote D'Ivoire", "BCN-Interpol Abidjan", phone="21 23 4 56780"),
        row(
            "Côte d’Ivoire",
            "Prosecutor",
            type="prosecution",
            email="p@example.org",
            phone="+225 21 23 4 56781",
        ),
        row("CIV", "Ministry", type="Ministry of Justice", phone="", email="m@example.org"),
    ]
    result = run("d.csv", csv_bytes(rows))
    assert result.valid, result.errors
    db.session.commit()
    countries = set(db.session.scalars(select(ContactPoint.country_id)))
    assert len(countries) == 1 and entries() == 3
    first = db.session.scalar(select(ContactPoint).where(ContactPoint.institution == "BCN-Interpol Abidjan"))
    assert first.phone == "+2252123456780" and first.languages == [
        "fra",
        "eng",
    ]  # national number read as CIV's
    assert db.session.scalar(select(func.count(AuditEvent.id)).where(AuditEvent.action == "create")) == 3


def test_three_bad_rows_among_500_are_reported_and_nothing_is_written(app):
    countries = ["France", "Germany", "Italy", "Spain", "Benin"]
    rows = [HEADER] + [row(countries[i % 5], f"Unit {i}", email=f"u{i}@example.org") for i in range(500)]
    rows[50] = row("Atlantis", "Unit X")  # file row 51
    rows[210] = row("France", "Unit Y", phone="+33 12")  # row 211
    rows[477] = row("Italy", "Unit Z", **{"from": "2024-05-01", "to": "2024-04-30"})  # row 478
    result = run("d.csv", csv_bytes(rows))
    assert [(e.row, e.column) for e in result.errors] == [(51, "Country"), (211, "Phone"), (478, "Valid to")]
    assert "unknown country “Atlantis”" in result.errors[0].message
    assert entries() == 0


def test_duplicates_of_the_directory_and_within_the_file_are_refused(app):
    contact_point("FRA", institution="Judicial Police", unit="Cybercrime Office")
    db.session.commit()
    rows = [HEADER, row("France"), row("Germany", "BKA"), row("DEU", "bka", email="other@example.org")]
    result = run("d.csv", csv_bytes(rows))
    assert [(e.row, e.column) for e in result.errors] == [(2, "Institution"), (4, "Institution")]
    assert "already a contact point of France" in result.errors[0].message
    assert result.errors[1].message == "the same contact point as row 3"
    assert entries() == 1


def test_bad_values_name_row_and_column(app):
    rows = [
        HEADER,
        row(type="army"),
        row(email="nope"),
        row(languages="klingonish"),
        row(available="sometimes"),
        row(available="no", hours="9-17", tz="Mars/Olympus"),
        row(**{"from": "10/12/2024"}),
    ]
    result = run("d.csv", csv_bytes(rows))
    assert [(e.row, e.column) for e in result.errors] == [
        (2, "Type"),
        (3, "E-mail"),
        (4, "Languages"),
        (5, "Available 24/7"),
        (6, "Time zone"),
        (7, "Valid from"),
    ]


def test_a_code_and_a_name_that_disagree_are_an_error(app):
    data = csv_bytes(
        ["Country,ISO3,Institution,Type,Phone,Valid from", "France,DEU,BKA,police,+49 30 123456,2024-01-01"]
    )
    result = run("d.csv", data)
    assert [(e.row, e.column) for e in result.errors] == [(2, "Country")]


def test_xlsx_import_and_dry_run(app):
    workbook = Workbook()
    workbook.active.append(["Country", "Institution", "Type", "E-mail", "Valid from", "Languages"])
    workbook.active.append(["Fiji", "Fiji Police Force", "Police", "fj@example.org", "2024-10-01", "English"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    assert run("d.xlsx", buffer.getvalue(), dry_run=True).valid and entries() == 0
    assert run("d.xlsx", buffer.getvalue()).written == 1 and entries() == 1


def test_web_upload_preview_resolve_and_confirm(client, login_as):
    login_as("editor")
    rows = [HEADER, row("Frankreich", "Judicial Police"), row("Benin", "CNIN", email="b@example.org")]
    data = {"file": (io.BytesIO(csv_bytes(rows)), "directory.csv")}
    response = client.post("/imports/directory/new", data=data, content_type="multipart/form-data")
    assert response.status_code == 302
    batch = db.session.scalar(select(ImportBatch))
    body = client.get(response.location).get_data(as_text=True)
    assert "unknown country “Frankreich”" in body and "Values to resolve by hand" in body
    client.post(
        f"/imports/{batch.id}/resolve",
        data={"resolve-1": "FRA", "resolve-1-column": "country", "resolve-1-value": "Frankreich"},
    )
    body = client.get(response.location).get_data(as_text=True)
    assert "Every row is valid" in body and "Import 2 row(s)" in body and entries() == 0
    response = client.post(f"/imports/{batch.id}/confirm")
    assert response.status_code == 302 and response.location.endswith("/directory/")
    assert entries() == 2


def test_web_upload_refuses_other_files_and_large_ones(app, client, login_as):
    login_as("editor")
    data = {"file": (io.BytesIO(b"%PDF-1.4"), "directory.pdf")}
    response = client.post("/imports/directory/new", data=data, content_type="multipart/form-data")
    assert "is not a CSV or XLSX file" in response.get_data(as_text=True)
    app.config["MAX_CONTENT_LENGTH"] = 500
    data = {"file": (io.BytesIO(csv_bytes([HEADER] + [row()] * 20)), "directory.csv")}
    response = client.post("/imports/directory/new", data=data, content_type="multipart/form-data")
    assert response.status_code == 413 and "too large" in response.get_data(as_text=True)


def test_viewer_cannot_import(client, login_as):
    login_as("viewer")
    assert client.get("/imports/directory/new").status_code == 403


def test_cli(app, tmp_path):
    runner = app.test_cli_runner()
    good = tmp_path / "directory.csv"
    good.write_bytes(csv_bytes([HEADER, row()]))
    result = runner.invoke(args=["import", "directory", str(good), "--dry-run"])
    assert result.exit_code == 0 and "dry run" in result.output and entries() == 0
    bad = tmp_path / "bad.csv"
    bad.write_bytes(csv_bytes([HEADER, row("Atlantis"), row(email="x")]))
    result = runner.invoke(args=["import", "directory", str(bad)])
    assert result.exit_code == 1 and "Row 2, column “Country”" in result.output
    assert "Row 3, column “E-mail”" in result.output and entries() == 0
    result = runner.invoke(args=["import", "directory", str(good)])
    assert result.exit_code == 0 and "Imported 1 row(s)" in result.output and entries() == 1
