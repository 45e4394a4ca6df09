"""The 24/7 Network Tracker: a Flask application."""

import os
from pathlib import Path

from flask import Flask

import tracker.core.collation  # noqa: F401 - registers the `uca` collation on every SQLite connection
from tracker.config import DEFAULT_SECRET_KEY, Config

ROOT = Path(__file__).resolve().parent.parent


def create_app(config: type | dict | None = None) -> Flask:
    """Build the app. No database work happens here: the CLI and migrations do that."""
    app = Flask(
        __name__,
        instance_relative_config=True,
        template_folder=str(ROOT / "templates"),
        static_folder=str(ROOT / "static"),
    )
    app.config.from_object(Config)
    if isinstance(config, dict):
        app.config.update(config)
    elif config is not None:
        app.config.from_object(config)
    if not app.config.get("SQLALCHEMY_DATABASE_URI"):
        os.makedirs(app.instance_path, exist_ok=True)
        app.config["SQLALCHEMY_DATABASE_URI"] = f"sqlite:///{Path(app.instance_path) / 'tracker.sqlite'}"
    if not (app.debug or app.testing):
        _check_secret_key(app.config.get("SECRET_KEY"))

    _init_extensions(app)
    _register_blueprints(app)
    _register_cli(app)
    return app


MIN_SECRET_KEY_LENGTH = 32
HOW_TO_MAKE_A_KEY = (
    "Set the SECRET_KEY environment variable to a long random value "
    "(for example: python -c 'import secrets; print(secrets.token_hex(32))'), "
    "or run with --debug for local development."
)


def _check_secret_key(key) -> None:
    """A missing, empty or short key lets anyone who guesses it forge a session (and an empty one makes
    every page fail): refuse to start rather than serve with it."""
    if not key or key == DEFAULT_SECRET_KEY:
        raise RuntimeError(f"SECRET_KEY is not set. {HOW_TO_MAKE_A_KEY}")
    if len(key) < MIN_SECRET_KEY_LENGTH:
        raise RuntimeError(
            f"SECRET_KEY is too short ({len(key)} characters; at least {MIN_SECRET_KEY_LENGTH} needed). "
            + HOW_TO_MAKE_A_KEY
        )


def _init_extensions(app: Flask) -> None:
    from tracker.core import requests, security
    from tracker.core.access import enforce_access
    from tracker.extensions import csrf, db, limiter, login_manager, mail, migrate

    db.init_app(app)
    migrate.init_app(app, db, directory=str(ROOT / "migrations"), render_as_batch=True, compare_type=True)
    csrf.init_app(app)
    limiter.init_app(app)
    mail.init_app(app)
    security.init_app(app)
    requests.init_app(app)  # before the blueprints: their routes use its "int" converter
    login_manager.init_app(app)
    login_manager.login_view = "accounts.login"
    login_manager.login_message = "Please log in to see this page."
    login_manager.login_message_category = "info"
    login_manager.session_protection = "strong"
    app.before_request(enforce_access)


def _register_blueprints(app: Flask) -> None:
    from tracker import (
        accounts,
        activities,
        api,
        authorities,
        countries,
        dashboards,
        directory,
        events,
        imports,
        main,
        outreach,
        people,
        reports,
    )
    from tracker.core import templating
    from tracker.main import errors

    for module in (
        main,
        accounts,
        countries,
        imports,
        directory,
        events,
        authorities,
        activities,
        outreach,
        people,
        reports,
        dashboards,
    ):
        app.register_blueprint(module.bp)
    errors.register(app)
    templating.register(app)
    api.init_app(app)


def _register_cli(app: Flask) -> None:
    from tracker import cli

    cli.register(app)
