"""Reads only the API needs: what the pages show differently (ids where a page shows links)."""

from collections import defaultdict

from sqlalchemy import select

from tracker.activities.models import activity_events
from tracker.events.models import Event
from tracker.extensions import db


def event_ids_by_activity(activity_ids) -> dict[int, list[int]]:
    """{activity id: [event ids by date]} for a page of activities, in one query."""
    ids = list(activity_ids)
    found = defaultdict(list)
    if ids:
        rows = db.session.execute(
            select(activity_events.c.activity_id, activity_events.c.event_id)
            .join(Event, Event.id == activity_events.c.event_id)
            .where(activity_events.c.activity_id.in_(ids))
            .order_by(Event.start_date, Event.id)
        )
        for activity_id, event_id in rows:
            found[activity_id].append(event_id)
    return found
