"""Rows for the events tests (flushed, not committed)."""

import itertools
from datetime import date

from tests import factories
from tracker.events.models import (
    ActionItem,
    ActionStatus,
    AttendanceMode,
    AttendanceStatus,
    Contribution,
    ContributionKind,
    Event,
    EventFormat,
    EventKind,
    Participant,
    ParticipantRole,
)
from tracker.extensions import db

_sequence = itertools.count(1)


def event(**kwargs) -> Event:
    n = next(_sequence)
    start = kwargs.pop("start_date", date(2024, 10, 18))
    row = Event(
        kind=kwargs.pop("kind", EventKind.ANNUAL_MEETING),
        title=kwargs.pop("title", f"Meeting {n}"),
        start_date=start,
        end_date=kwargs.pop("end_date", start),
        format=kwargs.pop("format", EventFormat.HYBRID),
        **kwargs,
    )
    db.session.add(row)
    db.session.flush()
    return row


def participant(event: Event, iso3: str | None = "FRA", organisation=None, **kwargs) -> Participant:
    n = next(_sequence)
    row = Participant(
        event=event,
        country_id=None if organisation is not None or iso3 is None else factories.country(iso3).id,
        organisation_id=organisation.id if organisation is not None else None,
        role=kwargs.pop("role", ParticipantRole.DELEGATE),
        mode=kwargs.pop("mode", AttendanceMode.IN_PERSON),
        status=kwargs.pop(
            "status", AttendanceStatus.ATTENDED if kwargs.pop("attended", True) else AttendanceStatus.ABSENT
        ),
        name=kwargs.pop("name", f"Person {n}"),
        email=kwargs.pop("email", f"person{n}@example.org"),
        **kwargs,
    )
    db.session.add(row)
    db.session.flush()
    return row


def contribution(event: Event, iso3: str = "TUN", **kwargs) -> Contribution:
    row = Contribution(
        event=event,
        country_id=factories.country(iso3).id,
        kind=kwargs.pop("kind", ContributionKind.NEW_MEMBER_UPDATE),
        title=kwargs.pop("title", "Setting up the contact point"),
    )
    db.session.add(row)
    db.session.flush()
    return row


def action_item(event: Event, **kwargs) -> ActionItem:
    row = ActionItem(
        event=event,
        title=kwargs.pop("title", "Keep the directory up to date"),
        owner=kwargs.pop("owner", "Secretariat"),
        status=kwargs.pop("status", ActionStatus.OPEN),
        **kwargs,
    )
    db.session.add(row)
    db.session.flush()
    return row
