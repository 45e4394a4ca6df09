"""The activity form offers recent events (and those already linked), not decades of them."""

from datetime import date

from tests.events import factories as event_factories
from tracker.activities.queries import event_options
from tracker.extensions import db


def test_recent_and_linked_events_are_offered_old_ones_are_not(app):
    old = event_factories.event(title="Old workshop", start_date=date(2010, 5, 1), end_date=date(2010, 5, 2))
    recent = event_factories.event(
        title="Recent workshop", start_date=date(2026, 3, 1), end_date=date(2026, 3, 2)
    )
    db.session.commit()
    offered = dict(event_options(today=date(2026, 11, 30)))
    assert recent.id in offered and old.id not in offered
    assert old.id in dict(event_options(keep_ids=[str(old.id)], today=date(2026, 11, 30)))


def test_ids_out_of_range_are_ignored(app):
    assert event_options(keep_ids=["99999999999999999999", "x", "-1"], today=date(2026, 11, 30)) == []
