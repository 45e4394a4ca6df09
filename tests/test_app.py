"""The application factory, configuration, health check and error pages."""

import re

import pytest
from flask import Flask

from tracker import create_app
from tracker.config import DEFAULT_SECRET_KEY
from tracker.core import templating
from tracker.core.access import public


def test_refuses_the_default_secret_key_in_production(monkeypatch):
    monkeypatch.delenv("FLASK_DEBUG", raising=False)
    with pytest.raises(RuntimeError, match="SECRET_KEY is not set"):
        create_app({"SECRET_KEY": DEFAULT_SECRET_KEY, "SQLALCHEMY_DATABASE_URI": "sqlite://"})


def test_accepts_the_default_key_in_debug_and_testing():
    assert create_app(
        {"SECRET_KEY": DEFAULT_SECRET_KEY, "DEBUG": True, "SQLALCHEMY_DATABASE_URI": "sqlite://"}
    )
    assert create_app(
        {"SECRET_KEY": DEFAULT_SECRET_KEY, "TESTING": True, "SQLALCHEMY_DATABASE_URI": "sqlite://"}
    )


def test_database_defaults_to_sqlite_in_the_instance_folder(monkeypatch, tmp_path):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setattr("tracker.config.Config.SQLALCHEMY_DATABASE_URI", None)
    app = create_app({"SECRET_KEY": "x" * 32})
    assert app.config["SQLALCHEMY_DATABASE_URI"] == f"sqlite:///{app.instance_path}/tracker.sqlite"


def test_healthz_is_public(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok", "database": "ok"}


def test_static_files_are_public(client):
    assert client.get("/static/vendor/bootstrap/bootstrap.min.css").status_code == 200


def test_not_found_page(client, login_as):
    login_as("viewer")
    response = client.get("/no/such/page")
    assert response.status_code == 404
    assert "There is nothing at this address." in response.get_data(as_text=True)


def test_server_error_page_shows_no_stack_trace(database_url):
    from tests.conftest import _config

    app = create_app(_config(database_url) | {"TESTING": False, "PROPAGATE_EXCEPTIONS": False})

    @app.get("/boom")
    @public
    def boom():
        raise RuntimeError("secret internals")

    response = app.test_client().get("/boom")
    body = response.get_data(as_text=True)
    assert response.status_code == 500
    assert "Something went wrong" in body
    assert "secret internals" not in body and "Traceback" not in body


ASSET = re.compile(r"<(?:script|link|img|iframe|source)\b[^>]*?\b(?:src|href)=\"([^\"]+)\"", re.I)


def test_pages_load_assets_only_from_their_own_origin(client, login_as):
    login_as("admin")
    for url in [
        "/",
        "/countries/",
        "/countries/FRA",
        "/organisations/",
        "/admin/users/",
        "/account/password",
    ]:
        body = client.get(url).get_data(as_text=True)
        assets = ASSET.findall(body)
        assert assets, url
        assert all(asset.startswith("/") and not asset.startswith("//") for asset in assets), (url, assets)
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", body), f"inline script on {url}"


def test_format_phone_is_an_app_wide_filter_whichever_blueprints_are_loaded():
    """The filter belongs to the app, not to the authorities' blueprint: a bare app with the shared
    templating and no blueprint at all can use it."""
    bare = Flask(__name__)
    templating.register(bare)
    template = bare.jinja_env.from_string("{{ '+41223456789'|format_phone }}")
    assert template.render() == "+41 22 345 67 89"
