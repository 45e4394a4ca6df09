"""Sessions that end: a cookie copied before logout, a password or role change or an administrator's
"End sessions" no longer opens anything; nor does one left idle, or one older than its absolute lifetime.

Time moves by rewriting the session's own timestamps, not by sleeping.
"""

import time

from sqlalchemy import select

from tests import factories
from tracker.accounts.sessions import SEEN, STARTED
from tracker.core.audit import AuditEvent
from tracker.extensions import db

PROTECTED = "/directory/export.csv"


def _log_in(app, user):
    client = app.test_client()
    response = client.post("/login", data={"email": user.email, "password": factories.PASSWORD})
    assert response.status_code == 302
    assert client.get(PROTECTED).status_code == 200
    return client


def _replay(app, cookie) -> int:
    """The status an attacker holding a copy of `cookie` gets for the confidential export."""
    thief = app.test_client()
    thief.set_cookie("session", cookie.value)
    return thief.get(PROTECTED).status_code


def _end_events():
    return db.session.scalars(select(AuditEvent).where(AuditEvent.action == "end_sessions")).all()


def test_a_cookie_replayed_after_logout_is_refused(app):
    user = factories.user(role="viewer")
    db.session.commit()
    client = _log_in(app, user)
    copied = client.get_cookie("session")
    assert _replay(app, copied) == 200  # the copy works while the session lives
    client.post("/logout")
    assert _replay(app, copied) == 302
    assert "logged out" in _end_events()[-1].summary


def test_logout_ends_the_sessions_on_other_devices_too(app):
    user = factories.user(role="viewer")
    db.session.commit()
    laptop, phone = _log_in(app, user), _log_in(app, user)
    laptop.post("/logout")
    assert phone.get(PROTECTED).status_code == 302


def test_a_password_change_ends_every_other_session_and_keeps_this_one(app):
    user = factories.user(role="viewer")
    db.session.commit()
    client, other = _log_in(app, user), _log_in(app, user)
    copied = client.get_cookie("session")
    new = "a much better secret"
    response = client.post(
        "/account/password",
        data={"current_password": factories.PASSWORD, "new_password": new, "confirm": new},
    )
    assert response.status_code == 302
    assert client.get(PROTECTED).status_code == 200  # the one who changed it goes on
    assert other.get(PROTECTED).status_code == 302
    assert _replay(app, copied) == 302
    assert "password changed" in _end_events()[-1].summary


def test_a_role_change_ends_the_users_sessions(app, client, login_as):
    editor = factories.user(role="editor")
    db.session.commit()
    editors_browser = _log_in(app, editor)
    login_as("admin")
    response = client.post(
        f"/admin/users/{editor.id}",
        data={"name": editor.name, "role": "viewer", "active": "y", "version": editor.version},
    )
    assert response.status_code == 302
    assert editors_browser.get(PROTECTED).status_code == 302
    assert "role changed to viewer" in _end_events()[-1].summary


def test_editing_without_a_role_change_leaves_sessions_alone(app, client, login_as):
    editor = factories.user(role="editor")
    db.session.commit()
    editors_browser = _log_in(app, editor)
    login_as("admin")
    client.post(
        f"/admin/users/{editor.id}",
        data={"name": "New Name", "role": "editor", "active": "y", "version": editor.version},
    )
    assert editors_browser.get(PROTECTED).status_code == 200
    assert _end_events() == []


def test_an_administrator_ends_a_users_sessions(app, client, login_as):
    viewer = factories.user(role="viewer")
    db.session.commit()
    viewers_browser = _log_in(app, viewer)
    admin = login_as("admin")
    page = client.get(f"/admin/users/{viewer.id}").get_data(as_text=True)
    assert f'action="/admin/users/{viewer.id}/end-sessions"' in page and "End sessions" in page
    response = client.post(f"/admin/users/{viewer.id}/end-sessions")
    assert response.status_code == 302
    assert viewers_browser.get(PROTECTED).status_code == 302
    event = _end_events()[-1]
    assert event.user_id == admin.id and event.entity_id == str(viewer.id)
    assert f"ended by {admin.email}" in event.summary
    assert client.get("/directory/").status_code == 200  # the administrator's own session goes on


def test_only_an_administrator_may_end_sessions(app, client, login_as):
    viewer = factories.user(role="viewer")
    db.session.commit()
    viewers_browser = _log_in(app, viewer)
    login_as("editor")
    assert client.post(f"/admin/users/{viewer.id}/end-sessions").status_code == 403
    assert viewers_browser.get(PROTECTED).status_code == 200


def test_an_idle_session_ends(app, client, login_as):
    login_as("viewer")
    idle = app.config["SESSION_IDLE_MINUTES"] * 60
    with client.session_transaction() as session:
        session[SEEN] = int(time.time()) - idle + 60  # a minute to spare
    assert client.get(PROTECTED).status_code == 200  # ...and the request counts as activity
    with client.session_transaction() as session:
        assert session[SEEN] >= int(time.time()) - 5
        session[SEEN] = int(time.time()) - idle - 1
    response = client.get(PROTECTED)
    assert response.status_code == 302 and response.location.startswith("/login")


def test_a_busy_session_ends_at_its_absolute_lifetime(app, client, login_as):
    login_as("viewer")
    lifetime = int(app.config["PERMANENT_SESSION_LIFETIME"].total_seconds())
    with client.session_transaction() as session:
        session[STARTED] = int(time.time()) - lifetime + 60
    assert client.get(PROTECTED).status_code == 200
    with client.session_transaction() as session:
        session[STARTED] = int(time.time()) - lifetime - 1
        session[SEEN] = int(time.time())  # active a moment ago, yet too old
    assert client.get(PROTECTED).status_code == 302


def test_idle_minutes_come_from_the_configuration(app):
    from tests.conftest import _config
    from tracker import create_app

    strict = create_app(_config(app.config["SQLALCHEMY_DATABASE_URI"]) | {"SESSION_IDLE_MINUTES": 5})
    user = factories.user(role="viewer")
    db.session.commit()
    client = strict.test_client()
    client.post("/login", data={"email": user.email, "password": factories.PASSWORD})
    with client.session_transaction() as session:
        session[SEEN] = int(time.time()) - 6 * 60
    assert client.get(PROTECTED).status_code == 302


def test_a_cookie_without_the_session_token_is_refused(app, client, login_as):
    """A cookie of the old form (the bare user id), e.g. forged or from before the upgrade."""
    user = login_as("viewer")
    with client.session_transaction() as session:
        session["_user_id"] = str(user.id)
    assert client.get(PROTECTED).status_code == 302
