"""The contact-point directory: entries with their designation periods, and the numbered releases."""

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import (
    JSON,
    CheckConstraint,
    Column,
    Date,
    DateTime,
    ForeignKey,
    String,
    Table,
    Text,
    and_,
    event,
    or_,
)
from sqlalchemy.ext.hybrid import hybrid_method
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.accounts.models import User
from tracker.core.collation import name_order
from tracker.core.time import utcnow
from tracker.countries.models import Country
from tracker.db import Base, str_enum


class ContactPointType(StrEnum):
    POLICE = "police"
    PROSECUTION = "prosecution"
    MINISTRY_OF_JUSTICE = "ministry_of_justice"
    SECURITY_SERVICES = "security_services"
    CYBERSECURITY = "cybersecurity"
    OTHER = "other"

    @property
    def label(self) -> str:
        return {
            "police": "Police",
            "prosecution": "Prosecution",
            "ministry_of_justice": "Ministry of Justice",
            "security_services": "Security services",
            "cybersecurity": "Cybersecurity",
            "other": "Other",
        }[self.value]


def twelve_months_before(day: date) -> date:
    """The same calendar day a year earlier (28 February for 29 February)."""
    try:
        return day.replace(year=day.year - 1)
    except ValueError:
        return day.replace(year=day.year - 1, day=28)


class ContactPoint(Base):
    """One designation of a 24/7 contact point by a country, valid from one date to (maybe) another.

    Never deleted: ending a designation sets `valid_to`, so "who was the contact point on date D" keeps
    its answer. `version` is SQLAlchemy's optimistic lock: an UPDATE whose version no longer matches
    changes nothing and fails, so two editors cannot silently overwrite each other.
    """

    __tablename__ = "contact_points"
    __table_args__ = (CheckConstraint("valid_to IS NULL OR valid_to >= valid_from", name="valid_dates"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    country_id: Mapped[int] = mapped_column(ForeignKey("countries.id"), index=True)
    institution: Mapped[str] = mapped_column(String(200), index=True)
    unit: Mapped[str | None] = mapped_column(String(200))
    type: Mapped[ContactPointType] = mapped_column(
        str_enum(ContactPointType, "contact_point_type"), index=True
    )
    phone: Mapped[str | None] = mapped_column(String(16))  # E.164
    mobile: Mapped[str | None] = mapped_column(String(16))
    fax: Mapped[str | None] = mapped_column(String(16))
    email: Mapped[str | None] = mapped_column(String(254))
    secure_platform: Mapped[str | None] = mapped_column(String(200))
    available_24_7: Mapped[bool] = mapped_column(default=True)
    hours: Mapped[str | None] = mapped_column(String(200))
    timezone: Mapped[str | None] = mapped_column(String(64))  # IANA
    languages: Mapped[list[str]] = mapped_column(JSON, default=list)  # ISO 639 alpha-3 codes
    instructions: Mapped[str | None] = mapped_column(Text)
    address: Mapped[str | None] = mapped_column(Text)
    valid_from: Mapped[date] = mapped_column(Date, index=True)
    valid_to: Mapped[date | None] = mapped_column(Date, index=True)
    last_verified_on: Mapped[date | None] = mapped_column(Date)
    verified_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    # Set when a mail server refused the address for good (outreach marks it; not part of the entry's
    # content, so it is written without raising `version`).
    email_bounced_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    email_bounce_reason: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow)
    version: Mapped[int] = mapped_column()

    country: Mapped[Country] = relationship()
    verified_by: Mapped[User | None] = relationship()

    __mapper_args__ = {"version_id_col": version}

    @hybrid_method
    def designated_on(self, day: date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or self.valid_to >= day)

    @designated_on.expression
    def designated_on(cls, day: date):
        return and_(cls.valid_from <= day, or_(cls.valid_to.is_(None), cls.valid_to >= day))

    @property
    def verified_by_designation(self) -> bool:
        """The last verification is the designation itself (entered on its date): shown as its source."""
        return self.last_verified_on is not None and self.last_verified_on == self.valid_from

    @hybrid_method
    def stale_on(self, day: date) -> bool:
        """Not verified in the twelve months up to `day`."""
        return self.last_verified_on is None or self.last_verified_on < twelve_months_before(day)

    @stale_on.expression
    def stale_on(cls, day: date):
        return or_(cls.last_verified_on.is_(None), cls.last_verified_on < twelve_months_before(day))

    def state_on(self, day: date) -> str:
        if self.valid_from > day:
            return "upcoming"
        if self.valid_to is not None and self.valid_to < day:
            return "ended"
        return "current"

    @property
    def name(self) -> str:
        return f"{self.institution} – {self.unit}" if self.unit else self.institution

    def __repr__(self) -> str:
        return f"<ContactPoint {self.id} {self.institution!r}>"


release_countries = Table(
    "directory_release_countries",
    Base.metadata,
    Column("release_id", ForeignKey("directory_releases.id", ondelete="CASCADE"), primary_key=True),
    Column("country_id", ForeignKey("countries.id"), primary_key=True),
)


class DirectoryRelease(Base):
    """A numbered version of the directory shared with the network: immutable once published.

    `snapshot` freezes every entry designated on `released_on` (see records.entry_record); the
    countries whose entries changed since the previous release are kept as rows, so the plenary's
    "countries in the updated versions" is one SQL query.
    """

    __tablename__ = "directory_releases"

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[int] = mapped_column(unique=True)
    released_on: Mapped[date] = mapped_column(Date, index=True)
    note: Mapped[str | None] = mapped_column(Text)
    # Kept beside the snapshot so that lists need not load every snapshot to count its entries.
    entry_count: Mapped[int]
    snapshot: Mapped[list[dict]] = mapped_column(JSON, deferred=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    created_by: Mapped[User | None] = relationship()
    changed_countries: Mapped[list[Country]] = relationship(
        secondary=release_countries, order_by=name_order(Country.name)
    )

    @property
    def title(self) -> str:
        return f"Version {self.number}"

    def __repr__(self) -> str:
        return f"<DirectoryRelease {self.number} {self.released_on}>"


@event.listens_for(DirectoryRelease, "before_update")
@event.listens_for(DirectoryRelease, "before_delete")
def _releases_are_immutable(mapper, connection, release):
    raise ValueError(f"Directory version {release.number} is published and cannot be changed.")
