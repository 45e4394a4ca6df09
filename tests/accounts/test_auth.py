from datetime import timedelta

from sqlalchemy import select, update

from tests import factories
from tracker.accounts.models import LoginFailure, User
from tracker.core.audit import AuditEvent
from tracker.core.time import utcnow
from tracker.extensions import db

GENERIC = "Invalid e-mail or password."


def test_login_and_logout(client, app):
    user = factories.user(role="viewer")
    db.session.commit()
    response = client.post("/login", data={"email": user.email.upper(), "password": factories.PASSWORD})
    assert response.status_code == 302 and response.location == "/"
    assert client.get("/").status_code == 200
    assert client.post("/logout").status_code == 302
    assert client.get("/").status_code == 302


def test_logout_is_not_a_get(client, login_as):
    login_as("viewer")
    assert client.get("/logout").status_code == 405


def test_wrong_password_and_unknown_account_get_the_same_message(client, app):
    user = factories.user()
    db.session.commit()
    wrong = client.post("/login", data={"email": user.email, "password": "not the password"})
    unknown = client.post("/login", data={"email": "nobody@example.org", "password": "whatever123"})
    for response in (wrong, unknown):
        assert response.status_code == 200
        assert GENERIC in response.get_data(as_text=True)
    assert wrong.get_data(as_text=True).count("alert-danger") == unknown.get_data(as_text=True).count(
        "alert-danger"
    )


def test_account_is_locked_after_repeated_failures(client, app):
    """Locked for the (account, address) pair that failed; audited; free again once the lockout runs out."""
    user = factories.user()
    db.session.commit()
    for _ in range(app.config["LOGIN_MAX_FAILURES"]):
        client.post("/login", data={"email": user.email, "password": "wrong password"})
    response = client.post("/login", data={"email": user.email, "password": factories.PASSWORD})
    assert response.status_code == 200 and GENERIC in response.get_data(as_text=True)
    assert db.session.scalar(select(AuditEvent).where(AuditEvent.action == "lock")) is not None
    earlier = utcnow() - app.config["LOGIN_LOCKOUT"] - timedelta(seconds=1)  # the lock has run out
    db.session.execute(update(LoginFailure).values(at=earlier))
    db.session.commit()
    assert (
        client.post("/login", data={"email": user.email, "password": factories.PASSWORD}).status_code == 302
    )


def test_deactivated_account_cannot_log_in_and_is_logged_out(client, login_as):
    user = login_as("editor")
    user.active = False
    db.session.commit()
    assert client.get("/").status_code == 302  # the running session ends too
    response = client.post("/login", data={"email": user.email, "password": factories.PASSWORD})
    assert GENERIC in response.get_data(as_text=True)


def test_next_parameter_is_followed_only_within_the_site(client, app):
    user = factories.user()
    db.session.commit()
    data = {"email": user.email, "password": factories.PASSWORD}
    assert client.post("/login?next=/countries/", data=data).location == "/countries/"
    client.post("/logout")
    assert client.post("/login?next=https://evil.example/", data=data).location == "/"
    client.post("/logout")
    assert client.post("/login?next=//evil.example/", data=data).location == "/"


def test_anonymous_user_is_sent_to_login_with_next(client):
    response = client.get("/countries/")
    assert response.status_code == 302
    assert response.location.startswith("/login?next=")


def test_change_own_password(client, login_as):
    user = login_as("viewer")
    response = client.post(
        "/account/password",
        data={
            "current_password": factories.PASSWORD,
            "new_password": "a much better secret",
            "confirm": "a much better secret",
        },
    )
    assert response.status_code == 302
    client.post("/logout")
    assert (
        client.post("/login", data={"email": user.email, "password": "a much better secret"}).status_code
        == 302
    )


def test_change_password_refusals_are_shown_on_their_fields(client, login_as):
    user = login_as("viewer")
    old_hash = user.password_hash
    for data, message in [
        (
            {
                "current_password": "wrong one!",
                "new_password": "a much better secret",
                "confirm": "a much better secret",
            },
            "The current password is not right.",
        ),
        (
            {"current_password": factories.PASSWORD, "new_password": "short", "confirm": "short"},
            "Use at least 12 characters.",
        ),
        (
            {
                "current_password": factories.PASSWORD,
                "new_password": "password1234",
                "confirm": "password1234",
            },
            "too common",
        ),
        (
            {
                "current_password": factories.PASSWORD,
                "new_password": "a much better secret",
                "confirm": "something else",
            },
            "The passwords differ.",
        ),
    ]:
        response = client.post("/account/password", data=data)
        assert response.status_code == 200
        assert message in response.get_data(as_text=True)
    assert db.session.get(User, user.id).password_hash == old_hash


def test_csrf_is_enforced_on_login_and_logout(app, database_url):
    from tests.conftest import _config
    from tracker import create_app

    strict = create_app(_config(database_url) | {"WTF_CSRF_ENABLED": True})
    with strict.test_client() as client:
        assert client.post("/login", data={"email": "a@example.org", "password": "x"}).status_code == 400
        assert client.post("/logout").status_code in (302, 400)  # anonymous: sent to login, or refused
