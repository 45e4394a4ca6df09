"""People: one record per human being, linking their participations across events and their contact-point
designations.

A participant row and a contact-point designation belong to an event or a country; the person is what
they share. The links live here, in tables of their own (`person_participants`, `person_contact_points`),
so that `events` and `directory` know nothing of people and never import this package. Every address a
person used is kept in `person_emails` (lower-cased, unique): the same e-mail is the same person, also after
a merge brought a second address to the record.
"""

from datetime import datetime

from sqlalchemy import CheckConstraint, DateTime, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.core.locking import Versioned
from tracker.core.time import utcnow
from tracker.db import Base
from tracker.directory.models import ContactPoint
from tracker.events.models import Participant


class Person(Versioned, Base):
    __tablename__ = "persons"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    emails: Mapped[list["PersonEmail"]] = relationship(
        back_populates="person",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="PersonEmail.email",
    )
    participations: Mapped[list["PersonParticipant"]] = relationship(
        back_populates="person", cascade="all, delete-orphan", passive_deletes=True
    )
    designations: Mapped[list["PersonContactPoint"]] = relationship(
        back_populates="person", cascade="all, delete-orphan", passive_deletes=True
    )

    @property
    def display_name(self) -> str:
        if self.name:
            return self.name
        return self.emails[0].email if self.emails else f"Person {self.id}"

    def __repr__(self) -> str:
        return f"<Person {self.id} {self.name!r}>"


class PersonEmail(Base):
    """An address of a person, stored lower-cased: the key that links new rows automatically."""

    __tablename__ = "person_emails"

    email: Mapped[str] = mapped_column(String(254), primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id", ondelete="CASCADE"), index=True)

    person: Mapped[Person] = relationship(back_populates="emails")


class PersonParticipant(Base):
    """A participant row belongs to at most one person (the primary key is the participant)."""

    __tablename__ = "person_participants"

    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE"), primary_key=True
    )
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id", ondelete="CASCADE"), index=True)

    person: Mapped[Person] = relationship(back_populates="participations")
    participant: Mapped[Participant] = relationship()


class PersonContactPoint(Base):
    """A contact-point designation held by a person (linked by the designation's e-mail address)."""

    __tablename__ = "person_contact_points"

    contact_point_id: Mapped[int] = mapped_column(
        ForeignKey("contact_points.id", ondelete="CASCADE"), primary_key=True
    )
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id", ondelete="CASCADE"), index=True)

    person: Mapped[Person] = relationship(back_populates="designations")
    contact_point: Mapped[ContactPoint] = relationship()


class KeptApart(Base):
    """Two records an editor judged to be different people: never suggested as duplicates again."""

    __tablename__ = "persons_kept_apart"
    __table_args__ = (CheckConstraint("first_id < second_id", name="ordered_pair"),)

    first_id: Mapped[int] = mapped_column(ForeignKey("persons.id", ondelete="CASCADE"), primary_key=True)
    second_id: Mapped[int] = mapped_column(
        ForeignKey("persons.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    decided_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
