"""The activity form offers events of every year (its picker searches them), and the event page lists the
activities linked to it."""

from datetime import date

from tests.events import factories as event_factories
from tracker.activities.queries import event_options
from tracker.extensions import db


def test_events_of_every_year_are_offered_newest_first(app):
    old = event_factories.event(title="Old workshop", start_date=date(2010, 5, 1), end_date=date(2010, 5, 2))
    recent = event_factories.event(
        title="Recent workshop", start_date=date(2026, 3, 1), end_date=date(2026, 3, 2)
    )
    db.session.commit()
    offered = event_options()
    assert [id_ for id_, _ in offered] == [recent.id, old.id]
    assert dict(offered)[old.id] == "01 May 2010 · Old workshop"


def test_the_form_offers_an_old_event_and_the_event_page_lists_the_activity(client, login_as):
    login_as("editor")
    old = event_factories.event(title="Old workshop", start_date=date(2010, 5, 1), end_date=date(2010, 5, 2))
    db.session.commit()
    form = client.get("/activities/new").get_data(as_text=True)
    assert f'<option value="{old.id}">01 May 2010 · Old workshop</option>' in form
    assert 'data-picker="events"' in form
    from tracker.activities.models import Activity, ActivityKind, ActivityStatus
    from tracker.events.models import Event

    activity = Activity(
        kind=ActivityKind.TRAINING,
        title="Training on e-evidence",
        status=ActivityStatus.COMPLETED,
        start_date=date(2010, 5, 1),
    )
    activity.events = [db.session.get(Event, old.id)]
    db.session.add(activity)
    db.session.commit()
    page = client.get(f"/events/{old.id}").get_data(as_text=True)
    assert "Capacity-building activities" in page
    assert f'href="/activities/{activity.id}"' in page and "Training on e-evidence" in page
