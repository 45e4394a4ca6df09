from tests import factories
from tests.conftest import _config
from tracker import create_app
from tracker.extensions import db

GENERIC = "Invalid e-mail or password."


def test_security_headers_on_every_response(client, login_as):
    for response in (client.get("/login"), client.get("/healthz")):
        csp = response.headers["Content-Security-Policy"]
        assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp
        script_src = next(part for part in csp.split(";") if part.strip().startswith("script-src"))
        assert "unsafe-inline" not in script_src
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers["Referrer-Policy"] == "same-origin"
        assert response.headers["X-Frame-Options"] == "DENY"
    assert "Strict-Transport-Security" not in client.get("/login").headers


def test_session_cookie_flags(client, app):
    user = factories.user()
    db.session.commit()
    response = client.post("/login", data={"email": user.email, "password": factories.PASSWORD})
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Secure" not in cookie


def test_https_configuration_marks_cookies_secure_and_sends_hsts(database_url):
    app = create_app(_config(database_url) | {"SESSION_COOKIE_SECURE": True})
    response = app.test_client().get("/login")
    assert "Strict-Transport-Security" in response.headers


def test_failed_logins_are_throttled_per_client_address(database_url):
    app = create_app(_config(database_url) | {"LOGIN_FAILURES_PER_ADDRESS": "3 per hour"})
    client = app.test_client()
    statuses = [
        client.post(
            "/login", data={"email": f"nobody{i}@example.org", "password": "wrong password"}
        ).status_code
        for i in range(5)
    ]
    assert statuses == [200, 200, 200, 429, 429]
    body = client.post("/login", data={"email": "x@example.org", "password": "y"}).get_data(as_text=True)
    assert GENERIC in body  # the same generic message, no hint


def test_failed_logins_are_throttled_per_account_across_addresses(app, database_url):
    user = factories.user()
    db.session.commit()
    throttled = create_app(_config(database_url) | {"LOGIN_FAILURES_PER_ACCOUNT": "2 per hour"})
    client = throttled.test_client()
    for address in ("10.0.0.1", "10.0.0.2"):
        client.post(
            "/login",
            data={"email": user.email, "password": "wrong password"},
            environ_base={"REMOTE_ADDR": address},
        )
    response = client.post(
        "/login",
        data={"email": user.email, "password": factories.PASSWORD},
        environ_base={"REMOTE_ADDR": "10.0.0.3"},
    )
    assert response.status_code == 429 and GENERIC in response.get_data(as_text=True)


def test_successful_logins_are_not_counted(app, client):
    user = factories.user()
    db.session.commit()
    for _ in range(25):
        assert (
            client.post("/login", data={"email": user.email, "password": factories.PASSWORD}).status_code
            == 302
        )
        client.post("/logout")
