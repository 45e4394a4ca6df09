"""Fixtures: a fresh database per test, on SQLite by default or on PostgreSQL with DATABASE_URL.

The schema is built once per session by running the migrations (so every test runs against the
migrated schema), reference data (countries, treaty membership) is loaded once, and after each test
every other table is emptied.
"""

import os
import re

import pytest
from flask import g, request_started
from flask_migrate import upgrade
from sqlalchemy import create_engine, text

from tests import factories
from tracker import create_app
from tracker.config import TestConfig
from tracker.extensions import db

REFERENCE_TABLES = {"countries", "treaty_memberships"}


def _database_url(tmp_path_factory) -> str:
    url = os.environ.get("DATABASE_URL")
    if url:
        return url
    return f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.sqlite'}"


def _reset_schema(url: str) -> None:
    if url.startswith("postgresql"):
        engine = create_engine(url)
        with engine.begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
        engine.dispose()


@pytest.fixture(scope="session")
def database_url(tmp_path_factory):
    url = _database_url(tmp_path_factory)
    _reset_schema(url)
    app = create_app(_config(url))
    with app.app_context():
        upgrade()
        from tracker.countries.services import reference_load

        reference_load()
        db.session.commit()
        db.engine.dispose()
    return url


def _config(url: str) -> dict:
    return {key: getattr(TestConfig, key) for key in dir(TestConfig) if key.isupper()} | {
        "SQLALCHEMY_DATABASE_URI": url
    }


def _empty_user_tables() -> None:
    tables = [t for t in reversed(db.metadata.sorted_tables) if t.name not in REFERENCE_TABLES]
    if db.engine.dialect.name == "postgresql":
        names = ", ".join(f'"{t.name}"' for t in tables)
        db.session.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
    else:
        for table in tables:
            db.session.execute(table.delete())
    db.session.commit()


def _forget_cached_user(sender, **extra):
    # The test keeps one app context open, so `g` outlives a request; Flask-Login caches the user in
    # `g`. Forget it at each request's start, as a real server (a new context per request) would.
    g.pop("_login_user", None)


@pytest.fixture
def app(database_url):
    app = create_app(_config(database_url))
    request_started.connect(_forget_cached_user, app)
    with app.app_context():
        yield app
        db.session.rollback()
        _empty_user_tables()
        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def login_as(app, client):
    """login_as("editor") creates an account with that role and logs the client in through /login."""

    def login(role: str = "editor", **kwargs):
        user = factories.user(role=role, **kwargs)
        db.session.commit()
        response = client.post("/login", data={"email": user.email, "password": factories.PASSWORD})
        assert response.status_code == 302, "login failed"
        return user

    return login


@pytest.fixture
def count_queries(app):
    """Counts the SQL statements run inside the `with` block: `with count_queries() as counted:`."""
    from contextlib import contextmanager

    from sqlalchemy import event

    @contextmanager
    def counting():
        statements = []

        def on_execute(conn, cursor, statement, *args):
            if not re.match(r"\s*(SAVEPOINT|RELEASE|ROLLBACK)", statement):
                statements.append(statement)

        event.listen(db.engine, "before_cursor_execute", on_execute)
        try:
            yield statements
        finally:
            event.remove(db.engine, "before_cursor_execute", on_execute)

    return counting
