"""The complementary directory of authorities for extradition (Article 24) and mutual assistance (Article 27).

Each value of an authority (name, address, phone, e-mail) records where it came from — the Party's own
input, the Party's official declaration to the Treaty Office, or the secretariat — and the date it was
received, so the directory can say which Parties answered, what they left empty, and where their input
differs from what they declared.
"""

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import CheckConstraint, Date, DateTime, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.accounts.models import User
from tracker.core.locking import Versioned
from tracker.core.time import utcnow
from tracker.countries.models import Country
from tracker.db import Base, str_enum


class Article(StrEnum):
    EXTRADITION = "24"
    MUTUAL_ASSISTANCE = "27"

    @property
    def label(self) -> str:
        return {"24": "Article 24 – extradition", "27": "Article 27 – mutual assistance"}[self.value]

    @property
    def short(self) -> str:
        return f"Art. {self.value}"


class Source(StrEnum):
    PARTY_INPUT = "party_input"
    OFFICIAL_DECLARATION = "official_declaration"
    SECRETARIAT = "secretariat"

    @property
    def label(self) -> str:
        return {
            "party_input": "Party input",
            "official_declaration": "Official declaration",
            "secretariat": "Secretariat",
        }[self.value]


class Field(StrEnum):
    """The values of an authority that carry a source and that are compared with the declaration."""

    NAME = "name"
    ADDRESS = "address"
    PHONE = "phone"
    EMAIL = "email"

    @property
    def label(self) -> str:
        return {"name": "Name", "address": "Address", "phone": "Phone", "email": "E-mail"}[self.value]

    @property
    def declaration_attr(self) -> str:
        return "authority_name" if self is Field.NAME else self.value


FIELDS = tuple(Field)


def _value_has_source(field: str) -> CheckConstraint:
    # A value without a source (or a source without a value) is exactly what the directory must not hold.
    return CheckConstraint(
        f"({field} IS NULL) = ({field}_source IS NULL) AND ({field} IS NULL) = ({field}_received_on IS NULL)",
        name=f"{field}_has_source",
    )


class Authority(Versioned, Base):
    """One authority a Party names for one article; a Party may name several per article."""

    __tablename__ = "authorities"
    __table_args__ = tuple(_value_has_source(f.value) for f in FIELDS if f is not Field.NAME)

    id: Mapped[int] = mapped_column(primary_key=True)
    country_id: Mapped[int] = mapped_column(ForeignKey("countries.id", ondelete="CASCADE"), index=True)
    article: Mapped[Article] = mapped_column(str_enum(Article, "article"))
    declaration_id: Mapped[int | None] = mapped_column(
        ForeignKey("official_declarations.id", ondelete="SET NULL"), index=True
    )
    name: Mapped[str] = mapped_column(String(300))
    name_source: Mapped[Source] = mapped_column(str_enum(Source, "name_source"))
    name_received_on: Mapped[date] = mapped_column(Date)
    address: Mapped[str | None] = mapped_column(Text)
    address_source: Mapped[Source | None] = mapped_column(str_enum(Source, "address_source"))
    address_received_on: Mapped[date | None] = mapped_column(Date)
    phone: Mapped[str | None] = mapped_column(String(20))  # E.164
    phone_source: Mapped[Source | None] = mapped_column(str_enum(Source, "phone_source"))
    phone_received_on: Mapped[date | None] = mapped_column(Date)
    email: Mapped[str | None] = mapped_column(String(254))
    email_source: Mapped[Source | None] = mapped_column(str_enum(Source, "email_source"))
    email_received_on: Mapped[date | None] = mapped_column(Date)
    notes: Mapped[str | None] = mapped_column(Text)

    country: Mapped[Country] = relationship()
    declaration: Mapped["OfficialDeclaration | None"] = relationship(back_populates="authorities")
    reviews: Mapped[list["DifferenceReview"]] = relationship(
        back_populates="authority", cascade="all, delete-orphan", order_by="DifferenceReview.field"
    )

    def value(self, field: Field):
        return getattr(self, field.value)

    def source(self, field: Field) -> Source | None:
        return getattr(self, f"{field.value}_source")

    def received_on(self, field: Field) -> date | None:
        return getattr(self, f"{field.value}_received_on")

    @property
    def empty_fields(self) -> list[Field]:
        return [f for f in FIELDS if not self.value(f)]

    def __repr__(self) -> str:
        return f"<Authority {self.article} {self.name!r}>"


class OfficialDeclaration(Versioned, Base):
    """An authority as the Party declared it to the Treaty Office for one article."""

    __tablename__ = "official_declarations"

    id: Mapped[int] = mapped_column(primary_key=True)
    country_id: Mapped[int] = mapped_column(ForeignKey("countries.id", ondelete="CASCADE"), index=True)
    article: Mapped[Article] = mapped_column(str_enum(Article, "article"))
    authority_name: Mapped[str] = mapped_column(String(300))
    address: Mapped[str | None] = mapped_column(Text)
    phone: Mapped[str | None] = mapped_column(String(20))  # E.164
    email: Mapped[str | None] = mapped_column(String(254))
    declared_on: Mapped[date | None] = mapped_column(Date)
    notes: Mapped[str | None] = mapped_column(Text)

    country: Mapped[Country] = relationship()
    authorities: Mapped[list[Authority]] = relationship(back_populates="declaration")

    def value(self, field: Field):
        return getattr(self, field.declaration_attr)

    def __repr__(self) -> str:
        return f"<OfficialDeclaration {self.article} {self.authority_name!r}>"


class PartyInput(Base):
    """A Party's return for the directory, as received by the secretariat."""

    __tablename__ = "party_inputs"

    id: Mapped[int] = mapped_column(primary_key=True)
    country_id: Mapped[int] = mapped_column(ForeignKey("countries.id", ondelete="CASCADE"), index=True)
    received_on: Mapped[date] = mapped_column(Date, index=True)
    note: Mapped[str | None] = mapped_column(Text)

    country: Mapped[Country] = relationship()


class DifferenceReview(Base):
    """An editor's note that a difference between Party input and the declaration was looked at.

    It keeps the two values it was made for: once either changes, the difference is new and unreviewed.
    """

    __tablename__ = "difference_reviews"
    __table_args__ = (UniqueConstraint("authority_id", "field"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    authority_id: Mapped[int] = mapped_column(ForeignKey("authorities.id", ondelete="CASCADE"), index=True)
    field: Mapped[Field] = mapped_column(str_enum(Field, "authority_field"))
    party_value: Mapped[str] = mapped_column(Text)
    declared_value: Mapped[str] = mapped_column(Text)
    note: Mapped[str] = mapped_column(Text)
    reviewed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    reviewed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    authority: Mapped[Authority] = relationship(back_populates="reviews")
    reviewed_by: Mapped[User | None] = relationship()
