"""Personal access tokens: made on a page or with the CLI, shown once, stored as a digest, expiring,
revocable; a bearer header only (never the session), refusals in JSON; directory reads audited."""

import hashlib
import re
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from tests import factories
from tests.directory import factories as directory_factories
from tracker.api.models import ApiToken
from tracker.core.access import Policy, Role
from tracker.core.audit import AuditEvent
from tracker.extensions import db

TOKEN = re.compile(r"tnt_[A-Za-z0-9_-]{43}")


def only_token() -> ApiToken:
    return db.session.scalars(select(ApiToken)).one()


def test_a_user_creates_a_token_on_the_page_and_sees_it_once(client, login_as, api):
    user = login_as("viewer")
    page = client.post("/account/tokens", data={"name": "BI dashboard", "days": "30"})
    assert page.status_code == 200
    secret = TOKEN.search(page.get_data(as_text=True)).group(0)
    stored = only_token()
    assert stored.user_id == user.id and stored.name == "BI dashboard"
    assert stored.expires_on == date.today() + timedelta(days=30)
    assert (
        stored.token_hash == hashlib.sha256(secret.encode()).hexdigest() and secret not in stored.token_hash
    )
    assert stored.hint == secret[:8]

    again = client.get("/account/tokens").get_data(as_text=True)
    assert secret not in again and "BI dashboard" in again and stored.hint in again
    assert api.get("/api/v1/events", secret).status_code == 200
    created = db.session.scalar(select(AuditEvent).where(AuditEvent.entity_type == "api_token"))
    assert created.action == "create" and created.user_id == user.id and secret not in str(created.changes)


def test_a_nameless_token_is_refused_on_its_field(client, login_as):
    login_as("viewer")
    page = client.post("/account/tokens", data={"name": " ", "days": "30"}).get_data(as_text=True)
    assert "Say where the token is used." in page
    assert db.session.scalars(select(ApiToken)).all() == []


def test_revoking_closes_the_api_at_once(client, login_as, api):
    login_as("viewer")
    secret = TOKEN.search(client.post("/account/tokens", data={"name": "x", "days": "90"}).get_data(True))[0]
    assert api.get("/api/v1/countries", secret).status_code == 200
    response = client.post(f"/account/tokens/{only_token().id}/revoke", follow_redirects=True)
    assert "is revoked" in response.get_data(as_text=True)
    refused = api.get("/api/v1/countries", secret)
    assert refused.status_code == 401
    assert refused.get_json()["message"] == "The token was revoked. Create a new one."


def test_nobody_revokes_another_accounts_token(client, login_as, token_for):
    owner, _secret = token_for("viewer")
    login_as("admin")
    assert client.post(f"/account/tokens/{only_token().id}/revoke").status_code == 404
    assert only_token().revoked_at is None


def test_an_expired_token_is_refused_with_its_date(api, token_for):
    _user, secret = token_for("viewer", days=1)
    token = only_token()
    token.expires_on = date.today() - timedelta(days=1)
    db.session.commit()
    refused = api.get("/api/v1/countries", secret)
    assert refused.status_code == 401
    assert (
        refused.get_json()["message"]
        == f"The token expired on {token.expires_on.isoformat()}. Create a new one."
    )


def test_the_token_of_a_deactivated_account_is_refused(api, token_for):
    user, secret = token_for("editor")
    user.active = False
    db.session.commit()
    assert (
        api.get("/api/v1/countries", secret).get_json()["message"]
        == "The account of this token is deactivated."
    )


@pytest.mark.parametrize(
    ("header", "message"),
    [
        (None, "Send a personal access token in the Authorization header"),
        ("Bearer tnt_wrong", "The token is not valid."),
        ("Bearer ", "Send a personal access token"),
        ("Basic dXNlcjpwYXNz", "Send a personal access token"),
    ],
)
def test_no_or_a_wrong_token_is_a_401_in_json(api, header, message):
    response = api.get("/api/v1/directory", headers={"Authorization": header} if header else {})
    assert response.status_code == 401 and response.mimetype == "application/json"
    assert response.get_json()["message"].startswith(message)
    assert response.headers["WWW-Authenticate"].startswith("Bearer")


def test_a_logged_in_browser_does_not_open_the_api(client, login_as, api):
    """The session cookie is not a credential here, so another site cannot make a browser read the API."""
    login_as("admin")
    assert client.get("/events/").status_code == 200
    assert api.get("/api/v1/directory").status_code == 401


def test_the_api_sets_no_cookie(api, token_for):
    _user, secret = token_for("viewer")
    assert "Set-Cookie" not in api.get("/api/v1/countries", secret).headers


def test_the_api_follows_the_pages_policy_and_refuses_in_json(api, token_for, monkeypatch, app):
    """A stricter rule on the endpoint (as a rule on the directory's pages would be) refuses the token's
    account with a 403 in JSON, through the same `enforce_access` that guards the pages."""
    monkeypatch.setattr(app.view_functions["api.directory"], "access_policy", Policy(Role.EDITOR, None))
    _viewer, viewer_token = token_for("viewer")
    _editor, editor_token = token_for("editor")
    refused = api.get("/api/v1/directory", viewer_token)
    assert refused.status_code == 403
    assert refused.get_json() == {
        "code": 403,
        "status": "Forbidden",
        "message": "Your account may not read this. Ask an administrator if you need access.",
    }
    assert api.get("/api/v1/directory", editor_token).status_code == 200


def test_every_directory_read_is_audited_with_the_token(api, token_for):
    user, secret = token_for("viewer", name="CYBOX import")
    directory_factories.contact_point("FRA")
    db.session.commit()
    from tracker.directory.services import release_publish

    release_publish(released_on=date(2024, 3, 1), note=None, by=None)
    db.session.commit()
    for url in (
        "/api/v1/directory?country=FRA",
        "/api/v1/directory/releases",
        "/api/v1/directory/releases/1",
    ):
        assert api.get(url, secret).status_code == 200
    api.get("/api/v1/events", secret)  # no personal data: not an export
    reads = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "export").order_by(AuditEvent.id)
    ).all()
    assert [(e.entity_type, e.user_id) for e in reads] == [
        ("contact_point", user.id),
        ("directory_release", user.id),
        ("directory_release", user.id),
    ]
    assert reads[0].summary == "API /api/v1/directory?country=FRA: 1 of 1 entries (token “CYBOX import”)"
    assert "version 1" in reads[2].summary
    assert only_token().last_used_at is not None


def test_the_cli_prints_a_token_that_works(app, api):
    user = factories.user(role="viewer", email="bi@example.org")
    db.session.commit()
    result = app.test_cli_runner().invoke(
        args=["tokens", "create", "--email", "BI@example.org", "--name", "Power BI", "--days", "7"]
    )
    assert result.exit_code == 0, result.output
    secret = result.stdout.strip()
    assert TOKEN.fullmatch(secret) and "Shown once" in result.stderr
    assert only_token().user_id == user.id and only_token().expires_on == date.today() + timedelta(days=7)
    assert api.get("/api/v1/countries", secret).status_code == 200


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--email", "nobody@example.org", "--name", "x"], "email: no account"),
        (["--email", "bi@example.org", "--name", "x", "--days", "400"], "days: A token lasts from 1 to 365"),
    ],
)
def test_the_cli_refuses_with_the_field_named(app, arguments, message):
    factories.user(role="viewer", email="bi@example.org")
    db.session.commit()
    result = app.test_cli_runner().invoke(args=["tokens", "create", *arguments])
    assert result.exit_code == 1 and message in result.stderr
    assert db.session.scalars(select(ApiToken)).all() == []


def test_last_use_is_kept_to_the_hour_so_polling_does_not_empty_the_caches(api, token_for):
    from tracker.core.cache import current_version

    _user, secret = token_for("viewer")
    api.get("/api/v1/events", secret)
    first_use, version = only_token().last_used_at, current_version(db.session)
    for _ in range(3):
        api.get("/api/v1/events", secret)
    db.session.expire_all()
    assert only_token().last_used_at == first_use and current_version(db.session) == version
