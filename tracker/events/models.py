"""Events of the network (meetings, plenaries, workshops, study visits...) and who took part.

A participant represents exactly one country or one organisation; the rule is a CHECK constraint here and
a field error in `participants.py`. Attendance statistics are computed from these rows in `attendance.py`.
"""

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import CheckConstraint, Date, DateTime, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.ext.hybrid import hybrid_property
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.accounts.models import User
from tracker.core.locking import Versioned
from tracker.core.time import utcnow
from tracker.countries.models import Country, Organisation
from tracker.db import Base, str_enum


class LabelledEnum(StrEnum):
    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize()


class EventKind(LabelledEnum):
    ANNUAL_MEETING = "annual_meeting"
    PLENARY = "plenary"
    WORKSHOP = "workshop"
    STUDY_VISIT = "study_visit"
    REGIONAL_MEETING = "regional_meeting"
    TRAINING = "training"
    EXERCISE = "exercise"
    CONFERENCE = "conference"
    OTHER = "other"


class EventFormat(LabelledEnum):
    IN_PERSON = "in_person"
    ONLINE = "online"
    HYBRID = "hybrid"


class CountryRole(LabelledEnum):
    HOST = "host"
    VISITING = "visiting"
    BENEFICIARY = "beneficiary"
    PARTICIPANT = "participant"


class ParticipantRole(LabelledEnum):
    DELEGATE = "delegate"
    SPEAKER = "speaker"
    TRAINER = "trainer"
    OBSERVER = "observer"
    SECRETARIAT = "secretariat"  # staff running the event: neither a delegate nor a represented party


class AttendanceMode(LabelledEnum):
    IN_PERSON = "in_person"
    ONLINE = "online"


class AttendanceStatus(LabelledEnum):
    """Whether a participant took part: only ATTENDED counts in the sentence and the statistics; EXCUSED
    is an absence the participant announced (the plenary documents list excused delegations apart)."""

    ATTENDED = "attended"
    ABSENT = "absent"
    EXCUSED = "excused"


class ContributionKind(LabelledEnum):
    NEW_MEMBER_UPDATE = "new_member_update"
    GOOD_PRACTICE = "good_practice"
    PRESENTATION = "presentation"

    @property
    def label(self) -> str:
        return {
            "new_member_update": "Update by a new member",
            "good_practice": "Good practice",
            "presentation": "Presentation",
        }[self.value]


class ActionStatus(LabelledEnum):
    OPEN = "open"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    DROPPED = "dropped"


OUTSTANDING = (ActionStatus.OPEN, ActionStatus.IN_PROGRESS)


class Event(Versioned, Base):
    __tablename__ = "events"
    __table_args__ = (CheckConstraint("end_date >= start_date", name="dates_in_order"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[EventKind] = mapped_column(str_enum(EventKind, "event_kind"), index=True)
    title: Mapped[str] = mapped_column(String(300))
    start_date: Mapped[date] = mapped_column(Date, index=True)
    end_date: Mapped[date] = mapped_column(Date)
    place: Mapped[str | None] = mapped_column(String(200))
    host_country_id: Mapped[int | None] = mapped_column(ForeignKey("countries.id"), index=True)
    format: Mapped[EventFormat] = mapped_column(str_enum(EventFormat, "event_format"))
    organiser: Mapped[str | None] = mapped_column(String(300))  # organiser or programme
    notes: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    host_country: Mapped[Country | None] = relationship()
    countries: Mapped[list["EventCountry"]] = relationship(
        back_populates="event", cascade="all, delete-orphan", passive_deletes=True
    )
    participants: Mapped[list["Participant"]] = relationship(
        back_populates="event", cascade="all, delete-orphan", passive_deletes=True
    )
    contributions: Mapped[list["Contribution"]] = relationship(
        back_populates="event", cascade="all, delete-orphan", passive_deletes=True
    )
    action_items: Mapped[list["ActionItem"]] = relationship(
        back_populates="event", cascade="all, delete-orphan", passive_deletes=True
    )

    @property
    def dates(self) -> str:
        if self.end_date == self.start_date:
            return self.start_date.strftime("%d %b %Y")
        if (self.start_date.year, self.start_date.month) == (self.end_date.year, self.end_date.month):
            return f"{self.start_date.day:02d}–{self.end_date.strftime('%d %b %Y')}"
        return f"{self.start_date.strftime('%d %b %Y')} – {self.end_date.strftime('%d %b %Y')}"

    def countries_with(self, role: CountryRole) -> list[Country]:
        return [ec.country for ec in self.countries if ec.role == role]

    def __repr__(self) -> str:
        return f"<Event {self.id} {self.kind} {self.start_date}>"


class EventCountry(Base):
    """A country involved in an event, in one role (the host row mirrors Event.host_country)."""

    __tablename__ = "event_countries"
    __table_args__ = (UniqueConstraint("event_id", "country_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"))
    country_id: Mapped[int] = mapped_column(ForeignKey("countries.id"), index=True)
    role: Mapped[CountryRole] = mapped_column(str_enum(CountryRole, "event_country_role"))

    event: Mapped[Event] = relationship(back_populates="countries")
    country: Mapped[Country] = relationship()


class Participant(Versioned, Base):
    __tablename__ = "participants"
    __table_args__ = (
        CheckConstraint(
            "(country_id IS NOT NULL AND organisation_id IS NULL)"
            " OR (country_id IS NULL AND organisation_id IS NOT NULL)",
            name="one_delegation",
        ),
        UniqueConstraint("event_id", "email"),
        UniqueConstraint("event_id", "registration_id"),
        CheckConstraint("minutes_online >= 0", name="minutes_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    country_id: Mapped[int | None] = mapped_column(ForeignKey("countries.id"), index=True)
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id"), index=True)
    role: Mapped[ParticipantRole] = mapped_column(str_enum(ParticipantRole, "participant_role"))
    mode: Mapped[AttendanceMode] = mapped_column(str_enum(AttendanceMode, "attendance_mode"))
    status: Mapped[AttendanceStatus] = mapped_column(
        str_enum(AttendanceStatus, "attendance_status"), default=AttendanceStatus.ATTENDED
    )
    minutes_online: Mapped[int | None]  # from a videoconference report (joins of one person added up)
    registration_id: Mapped[str | None] = mapped_column(String(40))  # the Indico registration ID
    name: Mapped[str | None] = mapped_column(String(200))
    email: Mapped[str | None] = mapped_column(String(254))  # stored normalised, lower-cased
    institution: Mapped[str | None] = mapped_column(String(200))

    event: Mapped[Event] = relationship(back_populates="participants")
    country: Mapped[Country | None] = relationship()
    organisation: Mapped[Organisation | None] = relationship()

    @hybrid_property
    def attended(self) -> bool:
        return self.status == AttendanceStatus.ATTENDED

    @attended.inplace.expression
    @classmethod
    def _attended_expression(cls):
        return cls.status == AttendanceStatus.ATTENDED

    @property
    def delegation(self) -> str:
        if self.country is not None:
            return self.country.name
        return self.organisation.display_name if self.organisation is not None else "—"


class Contribution(Base):
    """A country's item on an event's agenda."""

    __tablename__ = "contributions"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    country_id: Mapped[int] = mapped_column(ForeignKey("countries.id"), index=True)
    kind: Mapped[ContributionKind] = mapped_column(str_enum(ContributionKind, "contribution_kind"))
    title: Mapped[str] = mapped_column(String(300))

    event: Mapped[Event] = relationship(back_populates="contributions")
    country: Mapped[Country] = relationship()


class ActionItem(Versioned, Base):
    """A conclusion or decision of an event, followed up until it is done or dropped."""

    __tablename__ = "action_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(Text)
    owner: Mapped[str | None] = mapped_column(String(200))
    status: Mapped[ActionStatus] = mapped_column(str_enum(ActionStatus, "action_status"), index=True)
    due_date: Mapped[date | None] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    event: Mapped[Event] = relationship(back_populates="action_items")
    notes: Mapped[list["ActionItemNote"]] = relationship(
        back_populates="action_item",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="(ActionItemNote.noted_on, ActionItemNote.id)",
    )


class ActionItemNote(Base):
    """A dated follow-up note on an action item."""

    __tablename__ = "action_item_notes"

    id: Mapped[int] = mapped_column(primary_key=True)
    action_item_id: Mapped[int] = mapped_column(ForeignKey("action_items.id", ondelete="CASCADE"), index=True)
    noted_on: Mapped[date] = mapped_column(Date)
    text: Mapped[str] = mapped_column(Text)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    action_item: Mapped[ActionItem] = relationship(back_populates="notes")
    created_by: Mapped[User | None] = relationship()


class CertificateTemplate(Versioned, Base):
    """The wording of the certificates of attendance: one global default (`event_id` NULL) and, where an
    editor adjusted it, one per event. `body` holds placeholders such as {name} (see certificates.py)."""

    __tablename__ = "certificate_templates"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int | None] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), unique=True)
    title: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)
    signature: Mapped[str | None] = mapped_column(String(300))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow)

    event: Mapped[Event | None] = relationship()
