"""The demo world reproduces the plenary presentation's figures."""

from datetime import date

from sqlalchemy import func, select

from tracker.demo import load_demo
from tracker.events import attendance
from tracker.events.models import ActionItem, Contribution, Event, EventKind, Participant
from tracker.extensions import db

SEED_SENTENCE = (
    "94 delegates (81 in person and 13 online), representing 59 countries (48 Parties and 11 Observers) "
    "and 4 international organisations"
)


def _counts():
    return tuple(
        db.session.scalar(select(func.count()).select_from(model))
        for model in (Event, Participant, Contribution, ActionItem)
    )


def test_demo_annual_meeting_shows_the_seed_sentence_and_is_idempotent(app):
    load_demo()
    db.session.commit()
    meeting = db.session.scalar(
        select(Event).where(Event.kind == EventKind.ANNUAL_MEETING, Event.start_date == date(2024, 10, 18))
    )
    totals = attendance.attendance(meeting.id)
    assert totals.sentence == SEED_SENTENCE
    assert meeting.host_country.iso3 == "NLD" and "Europol" in meeting.place
    # secretariat staff and people who did not attend are recorded, and not counted
    assert len(meeting.participants) > totals.delegates

    contributions = {(c.kind.value, c.country.iso3) for c in meeting.contributions}
    assert contributions == {
        ("new_member_update", "TUN"),
        ("new_member_update", "FJI"),
        ("new_member_update", "KIR"),
        ("new_member_update", "GRD"),
        ("good_practice", "CHL"),
        ("good_practice", "CRI"),
        ("good_practice", "GHA"),
        ("good_practice", "PHL"),
    }
    assert len(meeting.action_items) == 5
    assert all(p.email is None or p.email.endswith("@example.org") for p in meeting.participants)

    # the report's period holds that one meeting; the plenary and the study visit are there too
    meetings = attendance.meetings_between(date(2024, 6, 21), date(2024, 12, 10))
    assert [(m.date, m.attendance.delegates) for m in meetings] == [(date(2024, 10, 18), 94)]
    plenary = db.session.scalar(select(Event).where(Event.kind == EventKind.PLENARY))
    assert (plenary.start_date, plenary.end_date) == (date(2024, 6, 18), date(2024, 6, 20))
    assert any("complementary directory" in item.title for item in plenary.action_items)
    visit = db.session.scalar(select(Event).where(Event.kind == EventKind.STUDY_VISIT))
    assert visit.host_country.iso3 == "DOM"
    assert [c.iso3 for c in visit.countries_with("visiting")] == ["ECU"]
    assert date(2024, 6, 21) <= visit.start_date <= visit.end_date <= date(2024, 12, 10)

    # three earlier annual meetings, smaller, give the trend its history
    trend = attendance.annual_meeting_trend()
    assert [point.year for point in trend] == [2021, 2022, 2023, 2024]
    assert [p.in_person + p.online for p in trend] == [52, 64, 79, 94]

    counts = _counts()
    load_demo()
    db.session.commit()
    assert _counts() == counts
