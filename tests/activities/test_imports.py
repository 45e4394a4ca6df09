"""Importing activities (CSV/XLSX) through the shared machinery: every row checked, all rows or none."""

import io
from datetime import date

from openpyxl import Workbook
from sqlalchemy import func, select

from tests import factories
from tests.activities import factories as make
from tracker.activities.imports import ActivityImporter
from tracker.activities.models import Activity, ActivityKind, ActivityStatus
from tracker.core.imports import read_table, run_import
from tracker.extensions import db

HEADER = "Title,Kind,Status,Start,End,Programme,Topics,Beneficiaries,Contributors,Description"


def csv_bytes(*rows: str) -> bytes:
    return "\n".join([HEADER, *rows]).encode("utf-8") + b"\n"


def activities() -> int:
    return db.session.scalar(select(func.count(Activity.id)))


def run(data: bytes, name: str = "activities.csv", **kwargs):
    return run_import(ActivityImporter(by=factories.user()), read_table(name, data), **kwargs)


def test_rows_are_imported_with_countries_by_name_or_code_and_topics(app):
    make.topic("Templates")
    make.topic("Training")
    db.session.commit()
    result = run(
        csv_bytes(
            "Support to the contact point,cp_establishment_support,,2024-07-01,2024-12-10,GLACY-e,"
            '"Templates; training","Ecuador; KIR; Côte d’Ivoire","Czech Republic;Türkiye",Advice',
            "Workshop,Workshop on legislation,Ongoing,2024-11-05,,CyberSouth,,TUN,,",
        )
    )
    assert result.valid, result.errors
    assert result.written == 2
    support = db.session.scalar(select(Activity).where(Activity.title == "Support to the contact point"))
    assert [c.iso3 for c in support.beneficiaries] == ["CIV", "ECU", "KIR"]
    assert sorted(c.iso3 for c in support.contributors) == ["CZE", "TUR"]
    assert support.topic_names == ["Templates", "Training"]
    assert support.status == ActivityStatus.COMPLETED  # blank: from the dates
    workshop = db.session.scalar(select(Activity).where(Activity.title == "Workshop"))
    assert workshop.kind == ActivityKind.LEGISLATION_WORKSHOP and workshop.status == ActivityStatus.ONGOING


def test_every_bad_row_is_reported_by_row_and_column_and_nothing_is_written(app):
    make.topic("Templates")
    make.topic("Old", retired=True)
    make.activity(title="Already there", start_date=date(2024, 1, 1))
    db.session.commit()
    result = run(
        csv_bytes(
            "Good row,training,,2024-07-01,,,Templates,ECU,,",
            "Unknown topic,training,,2024-07-01,,,Cooking,ECU,,",
            "Unknown country,training,,2024-07-01,,,,Atlantis,Narnia,",
            "No beneficiary,training,,2024-07-01,,,,,,",
            "Ends first,training,,2024-07-02,2024-07-01,,,ECU,,",
            "Bad kind,seminar,,2024-07-01,,,,ECU,,",
            "Bad date,training,,01/07/2024,,,,ECU,,",
            "Retired,training,,2024-07-01,,,Old,ECU,,",
        )
    )
    assert not result.valid
    messages = {(e.row, e.column): e.message for e in result.errors}
    assert "unknown topic “Cooking”" in messages[(3, "Topics")]
    assert "unknown country “Atlantis”" in messages[(4, "Beneficiaries")]
    assert "unknown country “Narnia”" in messages[(4, "Contributors")]
    assert "at least one beneficiary" in messages[(5, "Beneficiaries")]
    assert "cannot end before it starts" in messages[(6, "End")]
    assert "unknown kind “seminar”" in messages[(7, "Kind")]
    assert "YYYY-MM-DD" in messages[(8, "Start")]
    assert "retired" in messages[(9, "Topics")]
    assert (2, "Title") not in messages
    assert activities() == 1  # only the one made before

    duplicate = run(
        csv_bytes(
            "Already there,training,,2024-01-01,,,,ECU,,",
            "Twice,training,,2024-02-01,,,,ECU,,",
            "twice,training,,2024-02-01,,,,KIR,,",
        )
    )
    messages = {(e.row, e.column): e.message for e in duplicate.errors}
    assert "already recorded" in messages[(2, "Title")]
    assert "the same title and start as row 3" in messages[(4, "Title")]
    assert activities() == 1


def test_an_exported_file_imports_again(client, login_as):
    login_as("editor")
    topic = make.topic("Legislation")
    make.activity(title="Workshop", beneficiaries=["TUN", "MAR"], contributors=["FRA"], topics=[topic])
    db.session.commit()
    data = client.get("/activities/export.xlsx").data
    db.session.execute(Activity.__table__.delete())
    db.session.commit()
    result = run(data, "activities.xlsx")
    assert result.valid, result.errors
    activity = db.session.scalar(select(Activity))
    assert [c.iso3 for c in activity.beneficiaries] == ["MAR", "TUN"]
    assert activity.topic_names == ["Legislation"]


def test_xlsx_through_the_upload_pages_and_the_command_line(app, client, login_as, tmp_path):
    login_as("editor")
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADER.split(","))
    sheet.append(["CYBOX", "platform", "ongoing", date(2024, 10, 18), None, None, None, "FRA; DEU"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = client.post(
        "/imports/activities/new",
        data={"file": (io.BytesIO(buffer.getvalue()), "activities.xlsx")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 302
    preview = client.get(response.location).get_data(as_text=True)
    assert "CYBOX" in preview and "France, Germany" in preview
    assert activities() == 0

    path = tmp_path / "activities.csv"
    path.write_bytes(csv_bytes("Workshop,accession_workshop,,2024-10-01,2024-10-02,,,KAZ,,"))
    runner = app.test_cli_runner()
    assert runner.invoke(args=["import", "activities", str(path), "--dry-run"]).exit_code == 0
    assert activities() == 0
    result = runner.invoke(args=["import", "activities", str(path)])
    assert result.exit_code == 0, result.output
    assert activities() == 1
