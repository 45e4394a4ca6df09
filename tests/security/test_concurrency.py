"""Eight concurrent clients against a real server on SQLite: no server error, no lost row, no lost edit.

Every client also edits the same contact point, activity and event as all the others, through the real
forms: each save either goes through (and moves the row's version on by exactly one) or is refused as a
conflict; none silently overwrites another (tracker/core/locking.py).
"""

import threading
import time
from collections import Counter

from sqlalchemy import func, select

from tests.activities import factories as make_activity
from tests.events import factories as make_event
from tests.live import Browserless, form_values, live_app, migrate_and_load_demo, serving
from tracker.activities.models import Activity
from tracker.countries.models import Country
from tracker.directory.models import ContactPoint
from tracker.events.models import Event, Participant
from tracker.extensions import db

CLIENTS = 8
SECONDS = 6.0


def test_concurrent_writers_lose_nothing(tmp_path):
    app = live_app(tmp_path / "concurrency.sqlite", LOGIN_FAILURES_PER_ADDRESS="1000 per minute")
    migrate_and_load_demo(app)
    with app.app_context():
        event = db.session.scalar(select(Event).order_by(Event.id.desc()).limit(1))
        points = list(db.session.scalars(select(ContactPoint).order_by(ContactPoint.id).limit(CLIENTS + 1)))
        france = db.session.scalar(select(Country.id).where(Country.iso3 == "FRA"))
        event_id, own_ids, shared_id = event.id, [p.id for p in points[:CLIENTS]], points[CLIENTS].id
        shared_version = points[CLIENTS].version
        participants_before = db.session.scalar(select(func.count(Participant.id)))
        activity = make_activity.activity(title="Shared activity", beneficiaries=("ECU",))
        shared_event = make_event.event(title="Shared event", place="Strasbourg")
        db.session.commit()
        activity_id, activity_version = activity.id, activity.version
        shared_event_id, shared_event_version = shared_event.id, shared_event.version

    statuses: Counter = Counter()
    added: list[str] = []
    own_last: dict[int, str] = {}
    shared_saved: list[str] = []
    activity_saved: list[str] = []
    event_saved: list[str] = []
    lock = threading.Lock()

    def edit(client: Browserless, path: str, field: str, value: str) -> int:
        """Open the edit form, change one field, save: as an editor does, with the version loaded."""
        _, page = client.get(path)
        status, _ = client.post_form(path, form_values(page) | {field: value}, form_path=path)
        return status

    def work(index: int, base: str) -> None:
        client = Browserless(base)
        client.login("editor@example.org", "demo-editor-pass")
        deadline, k = time.monotonic() + SECONDS, 0
        while time.monotonic() < deadline:
            k += 1
            email = f"client{index}-{k}@example.org"
            status, _ = client.post_form(
                f"/events/{event_id}/participants/new",
                {
                    "country_id": str(france),
                    "role": "delegate",
                    "mode": "in_person",
                    "status": "attended",
                    "name": f"Client {index} number {k}",
                    "email": email,
                },
            )
            own_status = edit(client, f"/directory/{own_ids[index]}/edit", "unit", f"Unit {index}-{k}")
            shared_status = edit(client, f"/directory/{shared_id}/edit", "unit", f"Shared by {index}-{k}")
            activity_status = edit(client, f"/activities/{activity_id}/edit", "title", f"Title {index}-{k}")
            event_status = edit(client, f"/events/{shared_event_id}/edit", "place", f"Place {index}-{k}")
            with lock:
                statuses.update([status, own_status, shared_status, activity_status, event_status])
                if event_status == 302:
                    event_saved.append(f"Place {index}-{k}")
                if activity_status == 302:
                    activity_saved.append(f"Title {index}-{k}")
                if status == 302:
                    added.append(email)
                if own_status == 302:
                    own_last[own_ids[index]] = f"Unit {index}-{k}"
                if shared_status == 302:
                    shared_saved.append(f"Shared by {index}-{k}")

    with serving(app) as base:
        threads = [threading.Thread(target=work, args=(i, base)) for i in range(CLIENTS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

    assert not [s for s in statuses if s >= 500], statuses
    assert added and own_last and shared_saved
    with app.app_context():
        emails = set(db.session.scalars(select(Participant.email).where(Participant.event_id == event_id)))
        assert set(added) <= emails, "an acknowledged participant is missing"
        assert db.session.scalar(select(func.count(Participant.id))) == participants_before + len(added)
        for cp_id, unit in own_last.items():
            assert db.session.get(ContactPoint, cp_id).unit == unit, "an acknowledged edit was lost"
        shared = db.session.get(ContactPoint, shared_id)
        assert shared.unit in shared_saved
        # optimistic locking: every acknowledged edit of the shared entry moved its version on by one
        assert shared.version == shared_version + len(shared_saved)
        activity = db.session.get(Activity, activity_id)
        assert activity_saved and activity.title in activity_saved
        assert activity.version == activity_version + len(activity_saved), "an acknowledged save was lost"
        shared_event = db.session.get(Event, shared_event_id)
        assert event_saved and shared_event.place in event_saved
        assert shared_event.version == shared_event_version + len(event_saved), (
            "an acknowledged save was lost"
        )
    print(
        f"\n{sum(statuses.values())} writes by {CLIENTS} clients in {SECONDS:.0f} s: {dict(statuses)}; "
        f"{len(added)} participants added, {len(shared_saved)} edits of the shared entry and "
        f"{len(activity_saved)} of the shared activity and {len(event_saved)} of the shared event saved, "
        "the others refused as conflicts; 0 lost"
    )
