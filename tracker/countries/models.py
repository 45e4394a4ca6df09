"""Countries, their membership of the Convention and its protocols, and organisations."""

from datetime import date
from enum import StrEnum

from sqlalchemy import Date, ForeignKey, String, Text, UniqueConstraint, and_, case
from sqlalchemy.ext.hybrid import hybrid_method
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.core.locking import Versioned
from tracker.db import Base, str_enum


class Instrument(StrEnum):
    ETS185 = "ETS185"
    ETS189 = "ETS189"
    CETS224 = "CETS224"

    @property
    def label(self) -> str:
        return INSTRUMENT_LABELS[self]


INSTRUMENT_LABELS = {
    Instrument.ETS185: "Convention on Cybercrime (ETS 185)",
    Instrument.ETS189: "First Additional Protocol (ETS 189)",
    Instrument.CETS224: "Second Additional Protocol (CETS 224)",
}


class Status(StrEnum):
    """A country's standing towards an instrument on a given date."""

    PARTY = "party"
    SIGNATORY = "signatory"
    OBSERVER = "observer"  # invited to accede
    NONE = "none"

    @property
    def label(self) -> str:
        return {
            "party": "Party",
            "signatory": "Signatory",
            "observer": "Observer (invited to accede)",
            "none": "Not a member",
        }[self.value]

    @property
    def plural(self) -> str:
        return {
            "party": "Parties",
            "signatory": "Signatories",
            "observer": "Observers (invited to accede)",
            "none": "Not members",
        }[self.value]


class Country(Base):
    __tablename__ = "countries"

    id: Mapped[int] = mapped_column(primary_key=True)
    iso3: Mapped[str] = mapped_column(String(3), unique=True)
    iso2: Mapped[str] = mapped_column(String(2), unique=True)
    numeric: Mapped[str] = mapped_column(String(3))
    name: Mapped[str] = mapped_column(String(120), index=True)
    official_name: Mapped[str | None] = mapped_column(String(200))
    region: Mapped[str | None] = mapped_column(String(60), index=True)
    region_code: Mapped[str | None] = mapped_column(String(3))
    subregion: Mapped[str | None] = mapped_column(String(60))
    subregion_code: Mapped[str | None] = mapped_column(String(3))
    intermediate_region: Mapped[str | None] = mapped_column(String(60))

    memberships: Mapped[list["TreatyMembership"]] = relationship(
        back_populates="country", order_by="TreatyMembership.instrument", cascade="all, delete-orphan"
    )

    def membership(self, instrument: Instrument) -> "TreatyMembership | None":
        return next((m for m in self.memberships if m.instrument == instrument), None)

    def status_on(self, day: date, instrument: Instrument = Instrument.ETS185) -> Status:
        return status_on(self.membership(instrument), day)

    def __repr__(self) -> str:
        return f"<Country {self.iso3}>"


class TreatyMembership(Base):
    """One country's relation to one instrument, as the Treaty Office records it.

    `recorded_status` is what the source says the country is now; it decides the status only where the
    date that would decide it was not recorded (a Party whose deposit date is unknown is a Party on every
    date, and the pages say "date not recorded").
    """

    __tablename__ = "treaty_memberships"
    __table_args__ = (UniqueConstraint("country_id", "instrument"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    country_id: Mapped[int] = mapped_column(ForeignKey("countries.id", ondelete="CASCADE"), index=True)
    instrument: Mapped[Instrument] = mapped_column(str_enum(Instrument, "instrument"))
    recorded_status: Mapped[Status] = mapped_column(str_enum(Status, "recorded_status"))
    invited_on: Mapped[date | None] = mapped_column(Date)
    signed_on: Mapped[date | None] = mapped_column(Date)
    deposited_on: Mapped[date | None] = mapped_column(Date)  # ratification, acceptance or accession
    entry_into_force_on: Mapped[date | None] = mapped_column(Date)
    source_url: Mapped[str | None] = mapped_column(Text)
    note: Mapped[str | None] = mapped_column(Text)

    country: Mapped[Country] = relationship(back_populates="memberships")

    @hybrid_method
    def status_on(self, day: date) -> Status:
        return _status_from_dates(self, day)

    @status_on.expression
    def status_on(cls, day: date):
        return case(
            (and_(cls.deposited_on.is_not(None), cls.deposited_on <= day), Status.PARTY.value),
            (and_(cls.deposited_on.is_(None), cls.recorded_status == Status.PARTY), Status.PARTY.value),
            (and_(cls.signed_on.is_not(None), cls.signed_on <= day), Status.SIGNATORY.value),
            (and_(cls.signed_on.is_(None), cls.recorded_status == Status.SIGNATORY), Status.SIGNATORY.value),
            (and_(cls.invited_on.is_not(None), cls.invited_on <= day), Status.OBSERVER.value),
            (and_(cls.invited_on.is_(None), cls.recorded_status == Status.OBSERVER), Status.OBSERVER.value),
            else_=Status.NONE.value,
        )

    @property
    def deposit_date_missing(self) -> bool:
        return self.recorded_status == Status.PARTY and self.deposited_on is None


def _status_from_dates(m: TreatyMembership, day: date) -> Status:
    # Keep in step with the SQL expression above: the same rules, in the same order.
    for decided_on, status in (
        (m.deposited_on, Status.PARTY),
        (m.signed_on, Status.SIGNATORY),
        (m.invited_on, Status.OBSERVER),
    ):
        if decided_on is not None:
            if decided_on <= day:
                return status
        elif m.recorded_status == status:
            return status
    return Status.NONE


def status_on(membership: TreatyMembership | None, day: date) -> Status:
    """The status of a country towards an instrument on `day` (Status.NONE without a membership)."""
    return Status.NONE if membership is None else membership.status_on(day)


class OrganisationKind(StrEnum):
    INTERNATIONAL = "international_organisation"
    REGIONAL = "regional_organisation"
    NETWORK = "network"
    NGO = "ngo"
    PRIVATE_SECTOR = "private_sector"
    ACADEMIA = "academia"
    OTHER = "other"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize().replace("Ngo", "NGO")


class Organisation(Versioned, Base):
    __tablename__ = "organisations"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    acronym: Mapped[str | None] = mapped_column(String(30))
    kind: Mapped[OrganisationKind] = mapped_column(str_enum(OrganisationKind, "organisation_kind"))
    website: Mapped[str | None] = mapped_column(String(300))
    notes: Mapped[str | None] = mapped_column(Text)

    @property
    def display_name(self) -> str:
        return f"{self.name} ({self.acronym})" if self.acronym else self.name
