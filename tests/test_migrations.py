"""The migrations build exactly the schema the models describe, on SQLite and on PostgreSQL."""

import uuid

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import make_url

from tests.conftest import _config
from tracker import create_app
from tracker.extensions import db


@pytest.fixture
def empty_database_url(database_url, tmp_path):
    """A new, empty database on the same server as the test database."""
    url = make_url(database_url)
    if url.get_backend_name() != "postgresql":
        yield f"sqlite:///{tmp_path / 'migrations.sqlite'}"
        return
    name = f"tracker_migrations_{uuid.uuid4().hex[:8]}"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield url.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def test_upgrade_builds_the_models_schema_and_downgrade_removes_it(empty_database_url):
    app = create_app(_config(empty_database_url))
    with app.app_context():
        upgrade()
        with db.engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"compare_type": True})
            assert compare_metadata(context, db.metadata) == []
        downgrade(revision="base")
        assert set(inspect(db.engine).get_table_names()) <= {"alembic_version"}
        upgrade()
        assert "countries" in inspect(db.engine).get_table_names()
        db.engine.dispose()


def test_attendance_migration_turns_the_yes_no_into_a_status_and_back(empty_database_url):
    """0014_attendance: attended true -> 'attended', false -> 'absent'; the downgrade folds them back."""
    app = create_app(_config(empty_database_url))
    with app.app_context():
        upgrade(revision="0011_row_versions")
        with db.engine.begin() as conn:
            conn.execute(
                text(
                    "INSERT INTO countries (id, iso3, iso2, numeric, name) "
                    "VALUES (1, 'FRA', 'FR', '250', 'France')"
                )
            )
            conn.execute(
                text(
                    "INSERT INTO events (id, kind, title, start_date, end_date, format, created_at, version) "
                    "VALUES (1, 'plenary', 'P', '2024-01-01', '2024-01-01', 'hybrid', '2024-01-01', 1)"
                )
            )
            for id_, attended in ((1, True), (2, False)):
                conn.execute(
                    text(
                        "INSERT INTO participants (id, event_id, country_id, role, mode, attended, version) "
                        "VALUES (:id, 1, 1, 'delegate', 'online', :attended, 1)"
                    ),
                    {"id": id_, "attended": attended},
                )
        upgrade(revision="0014_attendance")
        with db.engine.connect() as conn:
            rows = conn.execute(text("SELECT id, status, minutes_online FROM participants ORDER BY id")).all()
        assert [tuple(row) for row in rows] == [(1, "attended", None), (2, "absent", None)]
        downgrade(revision="0011_row_versions")
        with db.engine.connect() as conn:
            rows = conn.execute(text("SELECT id, attended FROM participants ORDER BY id")).all()
        assert [(row[0], bool(row[1])) for row in rows] == [(1, True), (2, False)]
        db.engine.dispose()


def test_people_migration_backfills_a_person_per_address_and_per_participant_without_one(empty_database_url):
    """0018_people: the same e-mail (any case) across events and designations is one person; a participant
    without an address gets its own; a designation without one stays unlinked; new rows link after it."""
    app = create_app(_config(empty_database_url))
    with app.app_context():
        upgrade(revision="0014_attendance")
        with db.engine.begin() as conn:
            conn.execute(
                text(
                    "INSERT INTO countries (id, iso3, iso2, numeric, name) "
                    "VALUES (1, 'FRA', 'FR', '250', 'France')"
                )
            )
            for id_ in (1, 2):
                conn.execute(
                    text(
                        "INSERT INTO events (id, kind, title, start_date, end_date, format, created_at, "
                        "version) VALUES (:id, 'plenary', 'P', '2024-01-01', '2024-01-01', 'hybrid', "
                        "'2024-01-01', 1)"
                    ),
                    {"id": id_},
                )
            for id_, event_id, name, email in (
                (1, 1, "Anna Kovács", "anna@police.example"),
                (2, 2, "Anna Kovacs", "ANNA@police.example"),
                (3, 2, "No Address", None),
            ):
                conn.execute(
                    text(
                        "INSERT INTO participants (id, event_id, country_id, role, mode, status, name, "
                        "email, version) VALUES (:id, :event_id, 1, 'delegate', 'online', 'attended', "
                        ":name, :email, 1)"
                    ),
                    {"id": id_, "event_id": event_id, "name": name, "email": email},
                )
            for id_, email in ((1, "Anna@Police.example"), (2, None)):
                conn.execute(
                    text(
                        "INSERT INTO contact_points (id, country_id, institution, type, email, "
                        "available_24_7, languages, valid_from, created_at, updated_at, version) "
                        "VALUES (:id, 1, 'Police', 'police', :email, true, '[]', '2020-01-01', "
                        "'2024-01-01', '2024-01-01', 1)"
                    ),
                    {"id": id_, "email": email},
                )
        upgrade(revision="0018_people")
        with db.engine.connect() as conn:
            links = dict(
                conn.execute(text("SELECT participant_id, person_id FROM person_participants")).all()
            )
            designations = dict(
                conn.execute(text("SELECT contact_point_id, person_id FROM person_contact_points")).all()
            )
            names = dict(conn.execute(text("SELECT id, name FROM persons")).all())
            emails = conn.execute(text("SELECT email, person_id FROM person_emails")).all()
        assert links[1] == links[2] == designations[1] and links[3] != links[1]
        assert 2 not in designations
        assert names[links[1]] == "Anna Kovács" and names[links[3]] == "No Address"
        assert [tuple(row) for row in emails] == [("anna@police.example", links[1])]
        with db.engine.begin() as conn:  # the id sequence continues after the back-filled persons
            conn.execute(
                text("INSERT INTO persons (name, created_at, version) VALUES ('New', '2024-01-01', 1)")
            )
        downgrade(revision="0014_attendance")
        assert "persons" not in inspect(db.engine).get_table_names()
        db.engine.dispose()
