"""The one clock every feature stamps rows with: timezone-aware UTC, so SQLite and PostgreSQL agree."""

from datetime import UTC, datetime


def utcnow() -> datetime:
    return datetime.now(UTC)
