"""Rows for the activities tests (flushed, not committed)."""

import itertools
from datetime import date

from tests import factories
from tracker.activities.models import Activity, ActivityKind, ActivityStatus, Topic
from tracker.extensions import db

_sequence = itertools.count(1)


def topic(name: str | None = None, *, retired: bool = False) -> Topic:
    row = Topic(name=name or f"Topic {next(_sequence)}", retired=retired)
    db.session.add(row)
    db.session.flush()
    return row


def activity(*, beneficiaries=("ECU",), contributors=(), topics=(), events=(), **kwargs) -> Activity:
    n = next(_sequence)
    row = Activity(
        kind=kwargs.pop("kind", ActivityKind.CP_ESTABLISHMENT_SUPPORT),
        title=kwargs.pop("title", f"Activity {n}"),
        status=kwargs.pop("status", ActivityStatus.COMPLETED),
        start_date=kwargs.pop("start_date", date(2024, 9, 24)),
        beneficiaries=[factories.country(iso3) for iso3 in beneficiaries],
        contributors=[factories.country(iso3) for iso3 in contributors],
        topics=list(topics),
        events=list(events),
        **kwargs,
    )
    db.session.add(row)
    db.session.flush()
    return row
