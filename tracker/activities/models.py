"""Capacity-building activities: what the secretariat did, for which countries, with whose expertise.

An activity has beneficiary countries (at least one: a service rule), contributing countries (whose
contact points lent expertise), topics from a controlled list that administrators keep, and the events it
is linked to. The programme is free text: projects come and go and are named on the activity, the list
filter offers the names already in use, and the form suggests them as you type.
"""

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import CheckConstraint, Column, Date, DateTime, ForeignKey, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.core.collation import name_order
from tracker.core.locking import Versioned
from tracker.core.time import utcnow
from tracker.countries.models import Country
from tracker.db import Base, str_enum
from tracker.events.models import Event


class ActivityKind(StrEnum):
    CP_ESTABLISHMENT_SUPPORT = "cp_establishment_support"
    LEGISLATION_WORKSHOP = "legislation_workshop"
    ACCESSION_WORKSHOP = "accession_workshop"
    STUDY_VISIT = "study_visit"
    REGIONAL_MEETING = "regional_meeting"
    TRAINING = "training"
    PLATFORM = "platform"
    OTHER = "other"

    @property
    def label(self) -> str:
        return KIND_LABELS[self]


KIND_LABELS = {
    ActivityKind.CP_ESTABLISHMENT_SUPPORT: "Support to establishing a 24/7 contact point",
    ActivityKind.LEGISLATION_WORKSHOP: "Workshop on legislation",
    ActivityKind.ACCESSION_WORKSHOP: "Workshop on acceding to the Convention",
    ActivityKind.STUDY_VISIT: "Study visit",
    ActivityKind.REGIONAL_MEETING: "Regional meeting",
    ActivityKind.TRAINING: "Training",
    ActivityKind.PLATFORM: "Platform",
    ActivityKind.OTHER: "Other",
}


class ActivityStatus(StrEnum):
    PLANNED = "planned"
    ONGOING = "ongoing"
    COMPLETED = "completed"
    CANCELLED = "cancelled"

    @property
    def label(self) -> str:
        return self.value.capitalize()


# Support that has been (or is being) given; planned and cancelled work has given none yet.
DELIVERED = (ActivityStatus.ONGOING, ActivityStatus.COMPLETED)


def _link_table(name: str, other: str, other_column: str, *, cascade_other: bool) -> Table:
    """activity_id + one other id, both the primary key; indexed on the other id for its look-ups."""
    return Table(
        name,
        Base.metadata,
        Column("activity_id", ForeignKey("activities.id", ondelete="CASCADE"), primary_key=True),
        Column(
            other_column,
            ForeignKey(other, ondelete="CASCADE" if cascade_other else None),
            primary_key=True,
            index=True,
        ),
    )


activity_topics = _link_table("activity_topics", "topics.id", "topic_id", cascade_other=False)
activity_beneficiaries = _link_table(
    "activity_beneficiaries", "countries.id", "country_id", cascade_other=False
)
activity_contributors = _link_table(
    "activity_contributors", "countries.id", "country_id", cascade_other=False
)
# deleting an event unlinks it from its activities; the activities stay
activity_events = _link_table("activity_events", "events.id", "event_id", cascade_other=True)


class Topic(Versioned, Base):
    """A topic of the controlled list. Retired topics stay on past activities but are no longer offered."""

    __tablename__ = "topics"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    retired: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    def __repr__(self) -> str:
        return f"<Topic {self.name!r}>"


class Activity(Versioned, Base):
    __tablename__ = "activities"
    __table_args__ = (CheckConstraint("end_date IS NULL OR end_date >= start_date", name="dates_in_order"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[ActivityKind] = mapped_column(str_enum(ActivityKind, "activity_kind"), index=True)
    title: Mapped[str] = mapped_column(String(300))
    status: Mapped[ActivityStatus] = mapped_column(str_enum(ActivityStatus, "activity_status"), index=True)
    start_date: Mapped[date] = mapped_column(Date, index=True)
    end_date: Mapped[date | None] = mapped_column(Date)
    programme: Mapped[str | None] = mapped_column(String(200), index=True)
    description: Mapped[str | None] = mapped_column(Text)
    outputs: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    topics: Mapped[list[Topic]] = relationship(secondary=activity_topics, order_by=name_order(Topic.name))
    beneficiaries: Mapped[list[Country]] = relationship(
        secondary=activity_beneficiaries, order_by=name_order(Country.name)
    )
    contributors: Mapped[list[Country]] = relationship(
        secondary=activity_contributors, order_by=name_order(Country.name)
    )
    events: Mapped[list[Event]] = relationship(secondary=activity_events, order_by=Event.start_date)

    @property
    def dates(self) -> str:
        start, end = self.start_date, self.end_date
        if end is None or end == start:
            return start.strftime("%d %b %Y")
        if (start.year, start.month) == (end.year, end.month):
            return f"{start.day:02d}–{end.strftime('%d %b %Y')}"
        return f"{start.strftime('%d %b %Y')} – {end.strftime('%d %b %Y')}"

    @property
    def beneficiary_names(self) -> list[str]:
        return [c.name for c in self.beneficiaries]

    @property
    def contributor_names(self) -> list[str]:
        return [c.name for c in self.contributors]

    @property
    def topic_names(self) -> list[str]:
        return [t.name for t in self.topics]

    def __repr__(self) -> str:
        return f"<Activity {self.id} {self.kind} {self.start_date}>"
