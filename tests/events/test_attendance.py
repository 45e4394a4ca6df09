"""Attendance statistics, computed in SQL, with the plenary documents' counting rules."""

from datetime import date

from tests import factories
from tests.events import factories as make
from tracker.events import attendance, queries
from tracker.events.models import ActionStatus, AttendanceMode, EventKind, ParticipantRole
from tracker.extensions import db


def test_counts_only_attended_non_secretariat_and_splits_parties_and_observers_on_the_event_date(app):
    europol = factories.organisation(name="Europol")
    coe = factories.organisation(name="Council of Europe")
    unodc = factories.organisation(name="UNODC")
    # Benin deposited its accession on 2024-06-20: an Observer on 2024-06-19, a Party on 2024-10-18
    before, after = make.event(start_date=date(2024, 6, 19)), make.event(start_date=date(2024, 10, 18))
    for event in (before, after):
        make.participant(event, "BEN")
        make.participant(event, "FRA", mode=AttendanceMode.ONLINE)
        make.participant(event, "FRA")
        make.participant(event, "IRL")  # a signatory: an Observer
        make.participant(event, None, organisation=europol)
        make.participant(event, None, organisation=coe, role=ParticipantRole.SECRETARIAT)
        make.participant(event, "FRA", role=ParticipantRole.SECRETARIAT)
        make.participant(event, "ARG", attended=False)
        make.participant(event, None, organisation=unodc, attended=False)
    db.session.commit()

    stats = attendance.attendance_by_event([before.id, after.id])
    assert stats[after.id] == attendance.Attendance(
        delegates=5, in_person=4, online=1, countries=3, parties=2, observers=1, organisations=1
    )
    assert stats[before.id].parties == 1 and stats[before.id].observers == 2
    assert stats[after.id].sentence == (
        "5 delegates (4 in person and 1 online), representing 3 countries (2 Parties and 1 Observer) "
        "and 1 international organisation"
    )


def test_sentence_wording_for_small_and_empty_events(app):
    empty = make.event()
    online = make.event(start_date=date(2024, 10, 18))
    make.participant(online, "FRA", mode=AttendanceMode.ONLINE)
    db.session.commit()
    assert attendance.attendance(empty.id).sentence == "No attendance recorded"
    assert attendance.attendance(empty.id).delegates == 0
    assert attendance.attendance(online.id).sentence == (
        "1 delegate (all online), representing 1 country (1 Party)"
    )
    assert attendance.attendance(987654).delegates == 0


def test_attendance_of_many_events_is_one_query(app, count_queries):
    events = [make.event() for _ in range(5)]
    for event in events:
        make.participant(event, "FRA")
    ids = [e.id for e in events]
    db.session.commit()
    with count_queries() as statements:
        stats = attendance.attendance_by_event(ids)
    assert len(statements) == 1 and all(s.delegates == 1 for s in stats.values())


def test_meetings_between_and_the_annual_meeting_trend(app):
    old = make.event(title="AM 2023", start_date=date(2023, 10, 19))
    make.participant(old, "FRA", mode=AttendanceMode.ONLINE)
    new = make.event(title="AM 2024", start_date=date(2024, 10, 18))
    make.participant(new, "FRA")
    make.participant(new, "DEU")
    make.event(title="A workshop", kind=EventKind.WORKSHOP, start_date=date(2024, 9, 1))
    make.event(title="Plenary", kind=EventKind.PLENARY, start_date=date(2024, 12, 11))
    db.session.commit()

    meetings = attendance.meetings_between(date(2024, 6, 21), date(2024, 12, 10))
    assert [m.as_dict() for m in meetings] == [
        {
            "title": "AM 2024",
            "date": "2024-10-18",
            "kind": "annual_meeting",
            "delegates": 2,
            "in_person": 2,
            "online": 0,
            "countries": 2,
            "parties": 2,
            "observers": 0,
            "organisations": 0,
        }
    ]
    kinds = (EventKind.WORKSHOP,)
    assert [m.title for m in attendance.meetings_between(date(2024, 1, 1), date(2024, 12, 31), kinds)] == [
        "A workshop"
    ]
    assert attendance.annual_meeting_trend() == [(2023, "AM 2023", 0, 1), (2024, "AM 2024", 2, 0)]


def test_action_item_counts_and_open_items_across_events(app):
    first, second = make.event(start_date=date(2023, 10, 19)), make.event(start_date=date(2024, 10, 18))
    make.action_item(first, title="Old and done", status=ActionStatus.DONE)
    make.action_item(first, title="Old and open", due_date=date(2025, 1, 31))
    make.action_item(second, title="New, in progress", status=ActionStatus.IN_PROGRESS)
    make.action_item(second, title="New, undated")
    make.action_item(second, title="Dropped", status=ActionStatus.DROPPED)
    db.session.commit()
    assert queries.action_item_counts() == {"open": 2, "in_progress": 1, "done": 1, "dropped": 1}
    assert queries.action_item_counts(start=date(2024, 1, 1)) == {
        "open": 1,
        "in_progress": 1,
        "done": 0,
        "dropped": 1,
    }
    titles = [item.title for item in queries.open_action_items()]
    assert titles[0] == "Old and open" and set(titles) == {"Old and open", "New, in progress", "New, undated"}


def test_only_the_attended_status_counts_excused_and_absent_do_not(app):
    from tracker.events.models import AttendanceStatus

    event = make.event()
    make.participant(event, "FRA", mode=AttendanceMode.ONLINE, minutes_online=95)
    make.participant(event, "DEU", status=AttendanceStatus.EXCUSED)
    make.participant(event, "ITA", mode=AttendanceMode.ONLINE, status=AttendanceStatus.ABSENT)
    db.session.commit()
    assert attendance.attendance(event.id).sentence == (
        "1 delegate (all online), representing 1 country (1 Party)"
    )
    rows = {row.name: row for row in attendance.delegations(event)}
    assert (rows["Germany"].delegates, rows["Germany"].not_attended) == (0, 1)
    assert (rows["Italy"].delegates, rows["Italy"].not_attended) == (0, 1)
