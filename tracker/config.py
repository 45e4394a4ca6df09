"""Configuration read from the environment.

`DATABASE_URL` selects the database (SQLite in the instance folder when unset); `SECRET_KEY` must be
set outside debug and testing, because a known key lets anyone forge a session.
"""

import os
from datetime import timedelta

# The sentinel create_app refuses in production.
DEFAULT_SECRET_KEY = "dev-only-not-secret"  # noqa: S105  # nosec B105


def _env_int(name: str, default: int) -> int:
    return int(os.environ.get(name, default))


def _env_bool(name: str) -> bool:
    return os.environ.get(name, "").lower() in {"1", "true", "yes"}


class Config:
    SECRET_KEY = os.environ.get("SECRET_KEY", DEFAULT_SECRET_KEY)
    # None means "SQLite file in the instance folder"; create_app fills it in once it knows that folder.
    SQLALCHEMY_DATABASE_URI = os.environ.get("DATABASE_URL") or None
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}
    MAX_CONTENT_LENGTH = _env_int("MAX_UPLOAD_BYTES", 5 * 1024 * 1024)
    MAX_IMPORT_ROWS = _env_int("MAX_IMPORT_ROWS", 20_000)  # data rows per imported file
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = os.environ.get("HTTPS", "").lower() in {"1", "true", "yes"}
    REMEMBER_COOKIE_HTTPONLY = True
    # Absolute: a session ends this long after the log-in, however busy.
    PERMANENT_SESSION_LIFETIME = timedelta(minutes=_env_int("SESSION_LIFETIME_MINUTES", 8 * 60))
    # Idle: a session ends after this long without a request.
    SESSION_IDLE_MINUTES = _env_int("SESSION_IDLE_MINUTES", 60)
    # werkzeug's default (scrypt) in production; tests use a cheap method to stay fast.
    # A hash method name, not a password.
    PASSWORD_HASH_METHOD = "scrypt"  # noqa: S105  # nosec B105
    # Failed log-ins, counted in the database (every worker sees them); see tracker/accounts/login.py.
    # Per (account, address) pair: LOGIN_MAX_FAILURES within LOGIN_LOCKOUT lock that pair only.
    LOGIN_MAX_FAILURES = 5
    LOGIN_LOCKOUT = timedelta(minutes=15)
    # Per client address (any accounts) and per account (any addresses), in Flask-Limiter's syntax.
    LOGIN_FAILURES_PER_ADDRESS = os.environ.get("LOGIN_FAILURES_PER_ADDRESS", "20 per 15 minutes")
    LOGIN_FAILURES_PER_ACCOUNT = os.environ.get("LOGIN_FAILURES_PER_ACCOUNT", "100 per hour")
    # Flask-Limiter's own limits: memory:// is per worker; in production a redis:// URL all workers share.
    RATELIMIT_STORAGE_URI = os.environ.get("RATELIMIT_STORAGE_URI", "memory://")
    RATELIMIT_HEADERS_ENABLED = False
    PAGE_SIZE = 50
    # Outbound mail, with Flask-Mail's names. Without MAIL_SERVER, `tracker mail send` prints each message
    # to the console instead (demo and development).
    MAIL_SERVER = os.environ.get("MAIL_SERVER") or None
    MAIL_PORT = _env_int("MAIL_PORT", 25)
    MAIL_USE_TLS = _env_bool("MAIL_USE_TLS")
    MAIL_USE_SSL = _env_bool("MAIL_USE_SSL")
    MAIL_USERNAME = os.environ.get("MAIL_USERNAME") or None
    MAIL_PASSWORD = os.environ.get("MAIL_PASSWORD") or None
    MAIL_DEFAULT_SENDER = os.environ.get("MAIL_DEFAULT_SENDER", "24/7 Network Tracker <no-reply@localhost>")
    MAIL_TIMEOUT_SECONDS = _env_int("MAIL_TIMEOUT_SECONDS", 30)
    # A message that cannot be sent is tried again after 1, 2, 4, 8... times this delay, up to the maximum.
    MAIL_MAX_ATTEMPTS = _env_int("MAIL_MAX_ATTEMPTS", 8)
    MAIL_RETRY_SECONDS = _env_int("MAIL_RETRY_SECONDS", 60)
    # The address the links in mails start with (the tracker as contact points reach it).
    BASE_URL = os.environ.get("BASE_URL", "http://127.0.0.1:5000")
    # Self-service links: how long they stay valid, and how often one address may use the public pages.
    OUTREACH_LINK_DAYS = _env_int("OUTREACH_LINK_DAYS", 30)
    OUTREACH_PUBLIC_LIMIT = os.environ.get("OUTREACH_PUBLIC_LIMIT", "60 per hour")


class TestConfig(Config):
    TESTING = True
    # Tests only.
    SECRET_KEY = "testing-only-not-a-secret-32-chars-long"  # noqa: S105  # nosec B105
    WTF_CSRF_ENABLED = False
    # A hash method name.
    PASSWORD_HASH_METHOD = "pbkdf2:sha256:1000"  # noqa: S105  # nosec B105
    SQLALCHEMY_DATABASE_URI = os.environ.get("DATABASE_URL") or "sqlite://"
    MAIL_SERVER = None  # the console; mail tests point this at their own SMTP server on 127.0.0.1
    MAIL_TIMEOUT_SECONDS = 5
