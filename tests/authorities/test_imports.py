"""Importing Party returns: every row checked, every problem reported by row and column, all or nothing."""

import io
from datetime import date

from openpyxl import Workbook
from sqlalchemy import func, select

from tests.authorities import factories as af
from tracker.authorities.imports import AuthorityImporter
from tracker.authorities.models import Article, Authority, PartyInput, Source
from tracker.core.imports import read_table, run_import
from tracker.extensions import db
from tracker.imports.models import BatchStatus, ImportBatch

HEADER = "Country,Article,Name,Address,Phone,E-mail,Notes,Received on"


def csv_bytes(rows: list[str]) -> bytes:
    return ("\n".join(rows) + "\n").encode("utf-8")


def count(model) -> int:
    return db.session.scalar(select(func.count(model.id)))


def run(rows: list[str], options=None, filename="returns.csv"):
    return run_import(AuthorityImporter(options=options), read_table(filename, csv_bytes(rows)))


def test_a_valid_return_is_written_with_party_input_as_source(app):
    declaration = af.declaration()
    result = run(
        [
            HEADER,
            "France,27,Ministère de la Justice,13 Place Vendôme,01 23 45 00 00,MLA.FRA@example.org,,"
            "2024-09-02",
            "Cote D'Ivoire,Article 24,Ministère de la Justice,,+225 2123450000,,,2024-10-01",
            "Türkiye,mutual assistance,Ministry of Justice,,,mla.tur@example.org,Pre-trial stage,2024-08-15",
        ]
    )
    assert result.valid, result.errors
    db.session.commit()
    assert result.written == 3 and count(Authority) == 3
    france = db.session.scalar(select(Authority).where(Authority.declaration_id == declaration.id))
    assert france.phone == "+33123450000" and france.email == "mla.fra@example.org"
    assert france.phone_source == Source.PARTY_INPUT and france.phone_received_on == date(2024, 9, 2)
    assert france.email_source == Source.PARTY_INPUT and france.address_source == Source.PARTY_INPUT
    assert count(PartyInput) == 3


def test_every_bad_row_is_reported_and_nothing_is_written(app):
    rows = [HEADER] + [f"France,27,Authority {i},,,mla{i}@example.org,,2024-09-02" for i in range(50)]
    rows[5] = "France,25,Authority X,,,,,2024-09-02"  # row 6: article
    rows[10] = "France,27,Authority Y,,,not-an-email,,2024-09-02"  # row 11: e-mail
    rows[20] = "France,27,Authority Z,,12,,,2024-09-02"  # row 21: phone
    rows[30] = "Atlantis,27,Authority W,,,,,2024-09-02"  # row 31: unknown Party
    rows[40] = "Benin,27,Authority V,,,,,2024-06-19"  # row 41: not yet a Party (deposit 20 June 2024)
    rows[45] = "Ireland,24,Authority U,,,,,2024-09-02"  # row 46: a signatory, not a Party
    result = run(rows)
    assert [(e.row, e.column) for e in result.errors] == [
        (6, "Article"),
        (11, "E-mail"),
        (21, "Phone"),
        (31, "Country"),
        (41, "Country"),
        (46, "Country"),
    ]
    messages = [e.message for e in result.errors]
    assert "“25” is not an article of this directory" in messages[0]
    assert "Not a valid e-mail address" in messages[1]
    assert "not a valid phone number" in messages[2]
    assert "unknown country “Atlantis”" in messages[3]
    assert "Benin was not a Party to the Convention on Cybercrime (ETS 185) on 19 Jun 2024" in messages[4]
    assert "Ireland was not a Party" in messages[5]
    assert result.written == 0 and count(Authority) == 0 and count(PartyInput) == 0


def test_date_received_from_the_upload_link_and_duplicates(app):
    rows = [HEADER.replace(",Received on", ""), "France,27,Parquet,,,,", "France,27,PARQUET.,,,,"]
    result = run(rows, options={"received_on": "2024-09-02"})
    assert [(e.row, e.message) for e in result.errors] == [(3, "the same authority as row 2")]
    result = run(rows[:2])
    assert result.errors[0].message.startswith("a value is required (or give a date received")
    assert AuthorityImporter(options={"received_on": "02/09/2024"}).check_options().startswith("Received on")


def test_a_second_return_updates_the_authority_of_the_same_name(app):
    run([HEADER, "France,27,Ministère de la Justice,,+33123450000,,,2024-07-01"])
    declaration_value = af.authority("FRA", Article.EXTRADITION, name="Ministère de la Justice")
    declaration_value.email, declaration_value.email_source = "x@example.org", Source.OFFICIAL_DECLARATION
    declaration_value.email_received_on = date(2006, 1, 10)
    result = run(
        [
            HEADER,
            "France,27,MINISTERE DE LA JUSTICE,,,mla.fra@example.org,,2024-09-02",
            "France,24,Ministère de la Justice,,+33123450001,,,2024-09-02",
        ]
    )
    assert result.valid, result.errors
    db.session.commit()
    assert count(Authority) == 2  # updated, not added
    mla = db.session.scalar(select(Authority).where(Authority.article == Article.MUTUAL_ASSISTANCE))
    assert mla.phone == "+33123450000" and mla.phone_received_on == date(2024, 7, 1)  # kept
    assert mla.email == "mla.fra@example.org" and mla.email_received_on == date(2024, 9, 2)
    extradition = db.session.scalar(select(Authority).where(Authority.article == Article.EXTRADITION))
    assert extradition.email_source == Source.OFFICIAL_DECLARATION  # left empty by the Party: kept
    assert count(PartyInput) == 2  # one per date received


def xlsx_bytes(rows) -> bytes:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_web_upload_resolve_an_unknown_name_preview_and_confirm(client, login_as):
    login_as("editor")
    content = xlsx_bytes(
        [
            ["Party", "Art.", "Authority", "Telephone", "Email address", "Date received"],
            [
                "La France",
                "27",
                "Ministère de la Justice",
                "+33 1 23 45 00 00",
                "mla.fra@example.org",
                date(2024, 9, 2),
            ],
        ]
    )
    response = client.post(
        "/imports/authorities/new?received_on=2024-09-01",
        data={"file": (io.BytesIO(content), "returns.xlsx")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 302
    batch = db.session.scalar(select(ImportBatch))
    assert batch.options == {"received_on": "2024-09-01"}
    body = client.get(f"/imports/{batch.id}").get_data(as_text=True)
    assert "unknown country “La France”" in body and "Values to resolve by hand" in body
    client.post(
        f"/imports/{batch.id}/resolve",
        data={"resolve-1": "FRA", "resolve-1-column": "country", "resolve-1-value": "La France"},
    )
    body = client.get(f"/imports/{batch.id}").get_data(as_text=True)
    assert "Every row is valid" in body and "+33123450000" in body
    response = client.post(f"/imports/{batch.id}/confirm")
    assert response.status_code == 302 and response.location.endswith("/authorities/status")
    db.session.refresh(batch)
    assert batch.status == BatchStatus.DONE and count(Authority) == 1


def test_cli_import_reports_rows_and_writes_nothing(app, tmp_path):
    path = tmp_path / "returns.csv"
    path.write_bytes(csv_bytes([HEADER, "France,28,X,,,,,2024-09-02"]))
    result = app.test_cli_runner().invoke(args=["import", "authorities", str(path)])
    assert result.exit_code != 0 and "Row 2, column “Article”" in result.output
    assert count(Authority) == 0


def test_cli_import_with_the_date_received_as_an_option(app, tmp_path):
    path = tmp_path / "returns.csv"
    path.write_bytes(
        csv_bytes(["Country,Article,Name,E-mail", "Japan,24,Ministry of Justice,mla.jpn@example.org"])
    )
    result = app.test_cli_runner().invoke(
        args=["import", "authorities", str(path), "--option", "received_on=2024-10-01"]
    )
    assert result.exit_code == 0, result.output
    authority = db.session.scalar(select(Authority))
    assert authority.email_received_on == date(2024, 10, 1) and authority.article == Article.EXTRADITION
    assert db.session.scalar(select(PartyInput.received_on)) == date(2024, 10, 1)
