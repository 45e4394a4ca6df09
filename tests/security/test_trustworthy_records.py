"""Issue 14, items 4-6: errors that help, config and backups, headers, exports and the audit trail."""

import csv
import io
import sqlite3
import stat

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from tests import factories
from tracker import create_app
from tracker.core.audit import AuditEvent
from tracker.core.backup import BackupError, check_tracker_database, schema_by_revision
from tracker.core.spreadsheets import Column, Sheet, to_csv, to_xlsx
from tracker.core.validation import check_date_range, parse_date
from tracker.countries.models import Organisation
from tracker.demo import load_demo
from tracker.extensions import db

OUTSIDE = "outside the dates the tracker accepts"

# -- item 4: errors that help ---------------------------------------------------------------------------


@pytest.mark.parametrize("url", ["/activities/gaps?on=0001-01-01", "/admin/audit?until=9999-12-31"])
def test_dates_at_the_ends_of_the_calendar_are_refused_not_a_server_error(client, login_as, url):
    login_as("admin")
    response = client.get(url)
    assert response.status_code < 500
    assert OUTSIDE in response.get_data(as_text=True)


def test_the_shared_date_check_names_the_field_and_keeps_its_bounds():
    assert parse_date("1900-01-01") and parse_date("2100-12-31")
    for text in ("1899-12-31", "2101-01-01", "0001-01-01", "9999-12-31"):
        with pytest.raises(ValueError, match=f"Start date: {text} is {OUTSIDE}"):
            parse_date(text, "Start date")
    with pytest.raises(ValueError, match="not a date"):
        parse_date("31/12/2024", "Start date")
    from datetime import date

    with pytest.raises(ValueError, match="As of"):
        check_date_range(date(1, 1, 1), "As of")


def test_a_specific_400_reason_is_shown_on_the_page_and_as_json(client, login_as):
    login_as("viewer")
    page = client.get("/reports/plenary?format=docx")
    assert page.status_code == 400 and "Unknown format &#39;docx&#39;" in page.get_data(as_text=True)
    as_json = client.get("/reports/plenary?format=docx", headers={"Accept": "application/json"})
    assert as_json.status_code == 400
    assert as_json.get_json() == {"error": "Unknown format 'docx': use html, json, xlsx or pptx."}


def test_generic_errors_stay_generic_and_json_when_asked(client, login_as):
    login_as("viewer")
    response = client.get("/nowhere", headers={"Accept": "application/json"})
    assert response.status_code == 404 and response.get_json() == {
        "error": "There is nothing at this address."
    }
    assert "There is nothing at this address." in client.get("/nowhere").get_data(as_text=True)


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"from": "2024-12-10", "to": "2024-06-21"}, "ends (2024-06-21) before it starts"),
        ({"from": "21/06/2024"}, "From: “21/06/2024” is not a date"),
        ({"from": "0001-01-01"}, f"From: 0001-01-01 is {OUTSIDE}"),
        ({"to": "9999-12-31"}, f"To: 9999-12-31 is {OUTSIDE}"),
    ],
)
def test_a_bad_report_period_is_a_form_error_on_the_report_page(client, login_as, query, message):
    login_as("viewer")
    response = client.get("/reports/plenary", query_string=query)
    body = response.get_data(as_text=True)
    assert response.status_code == 400 and response.mimetype == "text/html"
    assert message in body and 'id="period-error"' in body
    assert 'name="from"' in body and 'name="to"' in body  # the form is still there to correct
    as_json = client.get("/reports/plenary", query_string=query | {"format": "json"})
    assert as_json.status_code == 400 and as_json.mimetype == "application/json"
    assert message in as_json.get_json()["error"]
    by_accept = client.get("/reports/plenary", query_string=query, headers={"Accept": "application/json"})
    assert by_accept.status_code == 400 and message in by_accept.get_json()["error"]


# -- item 5: configuration and backups ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "problem"), [("", "is not set"), ("a", "too short"), ("k" * 31, "too short")]
)
def test_an_empty_or_short_secret_key_is_refused_with_a_way_to_make_one(monkeypatch, key, problem):
    monkeypatch.delenv("FLASK_DEBUG", raising=False)
    with pytest.raises(RuntimeError, match=problem) as refused:
        create_app({"SECRET_KEY": key, "SQLALCHEMY_DATABASE_URI": "sqlite://"})
    assert "secrets.token_hex(32)" in str(refused.value)
    assert create_app({"SECRET_KEY": "k" * 32, "SQLALCHEMY_DATABASE_URI": "sqlite://"})


def _names() -> list[str]:
    db.session.expire_all()
    return list(db.session.scalars(select(Organisation.name).order_by(Organisation.name)))


def test_backups_are_readable_by_their_owner_only(app, tmp_path):
    target = tmp_path / "tracker.backup"
    target.write_bytes(b"an older, world-readable file")
    target.chmod(0o644)
    result = app.test_cli_runner().invoke(args=["backup", str(target)])
    assert result.exit_code == 0, result.output
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["tracker.backup"]  # no temporary file left


def _sqlite_file(path, statements: list[str]) -> None:
    connection = sqlite3.connect(path)
    with connection:
        for statement in statements:
            connection.execute(statement)
    connection.close()


@pytest.mark.parametrize(
    ("statements", "reason"),
    [
        (["CREATE TABLE notes (id INTEGER)"], "no single alembic_version row"),
        (
            [
                "CREATE TABLE alembic_version (version_num TEXT)",
                "INSERT INTO alembic_version VALUES ('9999_x')",
            ],
            "does not know",
        ),
        (
            [
                "CREATE TABLE alembic_version (version_num TEXT)",
                "INSERT INTO alembic_version VALUES ('0008_data_version')",
                "CREATE TABLE users (id INTEGER)",
            ],
            "tables",
        ),
    ],
)
def test_restore_refuses_an_sqlite_file_that_is_not_a_tracker_database(app, tmp_path, statements, reason):
    if db.engine.dialect.name != "sqlite":
        pytest.skip("an SQLite file is restored into an SQLite database")
    other = tmp_path / "other.sqlite"
    _sqlite_file(other, statements)
    factories.organisation(name="Untouched")
    db.session.commit()
    db.session.remove()
    result = app.test_cli_runner().invoke(args=["restore", str(other), "--yes"])
    assert result.exit_code != 0 and reason in result.output
    assert _names() == ["Untouched"]


def test_restore_refuses_a_file_pg_restore_cannot_read(app, tmp_path):
    if db.engine.dialect.name != "postgresql":
        pytest.skip("pg_restore checks PostgreSQL backups")
    other = tmp_path / "other.sqlite"
    _sqlite_file(other, ["CREATE TABLE notes (id INTEGER)"])
    factories.organisation(name="Untouched")
    db.session.commit()
    db.session.remove()
    result = app.test_cli_runner().invoke(args=["restore", str(other), "--yes"])
    assert result.exit_code != 0 and "not a PostgreSQL backup" in result.output
    assert _names() == ["Untouched"]


def test_a_backup_of_the_tracker_passes_the_check_and_knows_every_migration(app, tmp_path):
    schemas = schema_by_revision()
    assert "0001_initial" in schemas and "audit_events" in schemas["0001_initial"]
    latest = max(schemas, key=lambda r: len(schemas[r]))
    with pytest.raises(BackupError, match="missing"):
        check_tracker_database(tmp_path / "x", [latest], {"alembic_version", "users"})
    assert check_tracker_database(tmp_path / "x", [latest], set(schemas[latest])) == latest


# -- item 6: headers, exports and the audit trail -------------------------------------------------------


def test_no_page_seen_by_a_logged_in_user_is_stored(client, login_as):
    assert "no-store" not in client.get("/login").headers.get("Cache-Control", "")
    login_as("admin")
    for url in ("/", "/directory/", "/admin/audit", "/organisations/", "/reports/plenary"):
        assert client.get(url).headers["Cache-Control"] == "no-store", url
    for url in ("/directory/export.csv", "/activities/export.xlsx", "/charts/parties-over-time.csv"):
        response = client.get(url)
        assert response.status_code == 200 and response.headers["Cache-Control"] == "no-store", url


def test_phone_like_values_are_neutralised_outside_phone_columns():
    sheet = Sheet(
        "t",
        [Column("Unit"), Column("Phone", phone=True)],
        [["+1-1", "+1-1"], ["+41 22 345 67 89", "+41 22 345 67 89"], ["=1+1", "-2+3"]],
    )
    rows = list(csv.reader(io.StringIO(to_csv(sheet).decode("utf-8").lstrip("\ufeff"))))
    assert rows[1] == ["'+1-1", "'+1-1"]  # not a valid number, even in the phone column
    assert rows[2] == ["'+41 22 345 67 89", "+41 22 345 67 89"]
    assert rows[3] == ["'=1+1", "'-2+3"]
    cells = [[c.value for c in row] for row in load_workbook(io.BytesIO(to_xlsx([sheet]))).active.iter_rows()]
    assert cells[1:] == [["'+1-1", "'+1-1"], ["'+41 22 345 67 89", "+41 22 345 67 89"], ["'=1+1", "'-2+3"]]


def _exports() -> list[AuditEvent]:
    db.session.expire_all()
    return list(db.session.scalars(select(AuditEvent).where(AuditEvent.action == "export")))


@pytest.mark.parametrize("fmt", ["json", "xlsx", "pptx"])
def test_plenary_downloads_are_audited_and_page_views_are_not(client, login_as, fmt):
    load_demo()  # a deck needs data to chart
    db.session.commit()
    user = login_as("viewer")
    period = {"from": "2024-06-21", "to": "2024-12-10"}
    assert client.get("/reports/plenary", query_string=period).status_code == 200
    assert _exports() == []
    response = client.get("/reports/plenary", query_string=period | {"format": fmt})
    assert response.status_code == 200 and response.headers["Cache-Control"] == "no-store"
    [event] = _exports()
    assert event.user_id == user.id and event.entity_type == "plenary_report"
    assert "2024-06-21" in event.summary and fmt.upper() in event.summary


def test_chart_csv_downloads_are_audited_and_the_dashboard_is_not(client, login_as):
    user = login_as("viewer")
    assert client.get("/?on=2024-12-10").status_code == 200
    assert _exports() == []
    assert client.get("/charts/contact-point-types.csv?on=2024-12-10").status_code == 200
    [event] = _exports()
    assert event.user_id == user.id and event.entity_type == "dashboard_chart"
    assert event.entity_id == "contact-point-types" and "CSV" in event.summary
