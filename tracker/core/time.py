"""The one clock every feature stamps rows with: timezone-aware UTC, so SQLite and PostgreSQL agree."""

from datetime import UTC, datetime


def utcnow() -> datetime:
    return datetime.now(UTC)


def as_utc(moment: datetime | None) -> datetime | None:
    """A stored moment as aware UTC: SQLite gives back naive datetimes for what was written in UTC."""
    if moment is not None and moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment
