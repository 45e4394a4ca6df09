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


class TestConfig(Config):
    TESTING = True
    # Tests only.
    SECRET_KEY = "testing-only-not-a-secret-32-chars-long"  # noqa: S105  # nosec B105
    WTF_CSRF_ENABLED = False
    # A hash method name.
    PASSWORD_HASH_METHOD = "pbkdf2:sha256:1000"  # noqa: S105  # nosec B105
    SQLALCHEMY_DATABASE_URI = os.environ.get("DATABASE_URL") or "sqlite://"
