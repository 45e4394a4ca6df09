"""PostgreSQL connections are checked before use: a server restart (simulated by terminating every
connection of the app's pool) does not turn the next request into an error."""

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.pool import NullPool

from tracker.extensions import db


def test_requests_survive_dropped_database_connections(app, client, login_as):
    if db.engine.dialect.name != "postgresql":
        pytest.skip("only PostgreSQL connections can be dropped by the server (SQLite has no server)")
    login_as("viewer")
    assert client.get("/countries/").status_code == 200  # the pool now holds a connection
    db.session.remove()
    with db.engine.connect() as pooled:  # back in the pool, healthy, when the block ends
        pid = pooled.execute(text("SELECT pg_backend_pid()")).scalar()
    outsider = create_engine(db.engine.url, poolclass=NullPool)  # like a DBA or a restart, outside the app
    with outsider.begin() as conn:
        assert conn.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid}).scalar()
    outsider.dispose()
    db.session.remove()
    assert client.get("/countries/").status_code == 200
    assert client.get("/healthz").get_json()["database"] == "ok"
