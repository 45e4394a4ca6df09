"""The shared import machinery, exercised through the organisations importer."""

import io

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select

from tracker.core.imports import ImportFileError, read_table, run_import
from tracker.countries.imports import OrganisationImporter
from tracker.countries.models import Organisation
from tracker.extensions import db
from tracker.imports.models import BatchStatus, ImportBatch


def csv_bytes(rows: list[str]) -> bytes:
    return ("\n".join(rows) + "\n").encode("utf-8")


def xlsx_bytes(rows: list[list]) -> bytes:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def organisations() -> int:
    return db.session.scalar(select(func.count(Organisation.id)))


def test_reads_csv_with_bom_and_semicolons():
    table = read_table("orgs.csv", "\ufeffName;Acronym\nEuropol;EP\n\nINTERPOL;\n".encode())
    assert table.headers == ["Name", "Acronym"]
    assert table.rows == [(2, {"Name": "Europol", "Acronym": "EP"}), (4, {"Name": "INTERPOL", "Acronym": ""})]


def test_reads_xlsx_with_row_numbers():
    table = read_table(
        "orgs.xlsx", xlsx_bytes([["Name", "Kind"], ["Europol", "network"], [None, None], ["X", 3.0]])
    )
    assert table.rows == [(2, {"Name": "Europol", "Kind": "network"}), (4, {"Name": "X", "Kind": "3"})]


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("orgs.pdf", b"%PDF-1.4", "is not a CSV or XLSX file"),
        ("orgs.xlsx", b"Name\nX\n", "not a real XLSX workbook"),
        ("orgs.csv", xlsx_bytes([["Name"]]), "is a workbook, not a CSV file"),
        ("orgs.csv", b"", "The file is empty"),
        ("orgs.csv", "Name\nÉ\n".encode("latin-1"), "not UTF-8"),
        ("orgs.xlsx", b"PK\x03\x04garbage", "not a readable XLSX"),
        ("orgs.csv", b"Name\nA,B\n", "more values than there are columns"),
    ],
)
def test_files_that_are_not_csv_or_xlsx_are_refused(name, data, message):
    with pytest.raises(ImportFileError, match=message):
        read_table(name, data)


def test_three_bad_rows_among_500_are_all_reported_and_nothing_is_written(app):
    rows = ["Name,Kind,Website"] + [f"Organisation {i},network,https://example.org/{i}" for i in range(500)]
    rows[101] = "Organisation X,planet,"  # file row 102
    rows[250] = ",network,"  # row 251
    rows[400] = "Organisation Y,ngo,ftp://example.org"  # row 401
    result = run_import(OrganisationImporter(), read_table("orgs.csv", csv_bytes(rows)))
    assert [(e.row, e.column) for e in result.errors] == [(102, "Kind"), (251, "Name"), (401, "Website")]
    assert "unknown kind “planet”" in result.errors[0].message
    assert str(result.errors[1]) == "Row 251, column “Name”: a value is required"
    assert result.written == 0 and organisations() == 0


def test_duplicates_within_the_file_and_with_the_database_are_reported(app):
    db.session.add(Organisation(name="Europol", kind="network"))
    db.session.commit()
    data = csv_bytes(["Name", "europol", "INTERPOL", "interpol"])
    result = run_import(OrganisationImporter(), read_table("o.csv", data))
    assert [(e.row, e.message) for e in result.errors] == [
        (2, "an organisation named “europol” already exists"),
        (4, "the same name as row 3"),
    ]
    assert organisations() == 1


def test_missing_required_column_refuses_the_file(app):
    with pytest.raises(ImportFileError, match="lacks the column.*Name"):
        run_import(OrganisationImporter(), read_table("o.csv", csv_bytes(["Acronym", "EP"])))


def test_valid_file_is_written_whole_and_dry_run_writes_nothing(app):
    data = xlsx_bytes(
        [
            ["Organisation", "Acronym", "Type"],
            ["Europol", "EP", "International organisation"],
            ["G7 24/7 Network", "", "network"],
        ]
    )
    assert run_import(OrganisationImporter(), read_table("o.xlsx", data), dry_run=True).written == 0
    assert organisations() == 0
    result = run_import(OrganisationImporter(), read_table("o.xlsx", data))
    db.session.commit()
    assert result.written == 2 and organisations() == 2


def test_web_upload_preview_confirm(client, login_as):
    login_as("editor")
    data = {"file": (io.BytesIO(csv_bytes(["Name,Kind", "Europol,network", "UNODC,"])), "orgs.csv")}
    response = client.post("/imports/organisations/new", data=data, content_type="multipart/form-data")
    assert response.status_code == 302
    batch = db.session.scalar(select(ImportBatch))
    preview = client.get(response.location).get_data(as_text=True)
    assert "Every row is valid" in preview and "Import 2 row(s)" in preview and "UNODC" in preview
    assert organisations() == 0
    response = client.post(f"/imports/{batch.id}/confirm")
    assert response.status_code == 302 and response.location.endswith("/organisations/")
    assert organisations() == 2
    db.session.refresh(batch)
    assert batch.status == BatchStatus.DONE and batch.rows_written == 2
    assert client.post(f"/imports/{batch.id}/confirm").status_code == 302  # a second confirm does nothing
    assert organisations() == 2


def test_web_preview_lists_errors_and_confirm_writes_nothing(client, login_as):
    login_as("editor")
    data = {"file": (io.BytesIO(csv_bytes(["Name,Kind", "Europol,planet"])), "orgs.csv")}
    location = client.post(
        "/imports/organisations/new", data=data, content_type="multipart/form-data"
    ).location
    body = client.get(location).get_data(as_text=True)
    assert "1 problem(s)" in body and "unknown kind" in body and "Import 1 row(s)" not in body
    batch = db.session.scalar(select(ImportBatch))
    client.post(f"/imports/{batch.id}/confirm")
    assert organisations() == 0


def test_web_upload_refuses_other_files_with_a_message(client, login_as):
    login_as("editor")
    data = {"file": (io.BytesIO(b"%PDF-1.4"), "directory.pdf")}
    response = client.post("/imports/organisations/new", data=data, content_type="multipart/form-data")
    assert response.status_code == 200
    assert "is not a CSV or XLSX file" in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count(ImportBatch.id))) == 0


def test_web_upload_over_the_size_limit_gets_a_message(app, client, login_as):
    login_as("editor")
    app.config["MAX_CONTENT_LENGTH"] = 1000
    data = {"file": (io.BytesIO(b"Name\n" + b"x" * 2000), "orgs.csv")}
    response = client.post("/imports/organisations/new", data=data, content_type="multipart/form-data")
    assert response.status_code == 413
    assert "The file is too large" in response.get_data(as_text=True)


def test_discard(client, login_as):
    login_as("editor")
    data = {"file": (io.BytesIO(csv_bytes(["Name", "Europol"])), "orgs.csv")}
    client.post("/imports/organisations/new", data=data, content_type="multipart/form-data")
    batch = db.session.scalar(select(ImportBatch))
    client.post(f"/imports/{batch.id}/discard")
    db.session.refresh(batch)
    assert batch.status == BatchStatus.DISCARDED
    client.post(f"/imports/{batch.id}/confirm")
    assert organisations() == 0


def test_cli_import_dry_run_and_errors(app, tmp_path):
    runner = app.test_cli_runner()
    good = tmp_path / "orgs.csv"
    good.write_bytes(csv_bytes(["Name,Kind", "Europol,network"]))
    result = runner.invoke(args=["import", "organisations", str(good), "--dry-run"])
    assert result.exit_code == 0 and "dry run" in result.output and organisations() == 0
    bad = tmp_path / "bad.csv"
    bad.write_bytes(csv_bytes(["Name,Kind", "A,planet", ",network"]))
    result = runner.invoke(args=["import", "organisations", str(bad)])
    assert result.exit_code == 1
    assert "Row 2, column “Kind”" in result.output and "Row 3, column “Name”" in result.output
    assert organisations() == 0
    result = runner.invoke(args=["import", "organisations", str(good)])
    assert result.exit_code == 0 and organisations() == 1
    assert runner.invoke(args=["import", "nonsense", str(good)]).exit_code == 2
