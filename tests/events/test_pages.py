"""Events, participants, contributions and action items through the pages."""

import io
from datetime import date

from openpyxl import load_workbook
from sqlalchemy import func, select

from tests import factories
from tests.events import factories as make
from tracker.core.audit import AuditEvent
from tracker.events.models import (
    ActionItem,
    ActionStatus,
    AttendanceMode,
    Contribution,
    Event,
    EventCountry,
    Participant,
    ParticipantRole,
)
from tracker.extensions import db


def count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def country_id(iso3: str) -> str:
    return str(factories.country(iso3).id)


EVENT = {
    "kind": "annual_meeting",
    "title": "Annual meeting",
    "start_date": "2024-10-18",
    "end_date": "",
    "format": "hybrid",
    "place": "The Hague",
}


def test_editor_creates_and_edits_an_event_with_countries_in_roles(client, login_as):
    login_as("editor")
    data = EVENT | {"host_country_id": country_id("NLD"), "beneficiary_country_ids": [country_id("GHA")]}
    response = client.post("/events/new", data=data)
    assert response.status_code == 302
    event = db.session.scalar(select(Event))
    assert event.end_date == date(2024, 10, 18)
    assert {(ec.country.iso3, ec.role.value) for ec in event.countries} == {
        ("NLD", "host"),
        ("GHA", "beneficiary"),
    }
    response = client.post(
        f"/events/{event.id}/edit",
        data=EVENT
        | {"title": "Annual meeting 2024", "host_country_id": country_id("FRA"), "version": event.version},
    )
    assert response.status_code == 302
    db.session.expire_all()
    assert event.title == "Annual meeting 2024"
    assert {(ec.country.iso3, ec.role.value) for ec in event.countries} == {("FRA", "host")}
    page = client.get(f"/events/{event.id}/edit").get_data(as_text=True)
    assert "Annual meeting 2024" in page
    actions = set(db.session.scalars(select(AuditEvent.action).where(AuditEvent.entity_type == "event")))
    assert actions == {"create", "update"}


def test_event_bad_input_is_refused_on_its_field_and_nothing_is_written(client, login_as):
    login_as("editor")
    visit = EVENT | {"kind": "study_visit", "title": "Study visit"}
    cases = [
        (EVENT | {"end_date": "2024-10-17"}, "The event cannot end before it starts."),
        (visit | {"host_country_id": country_id("DOM")}, "A study visit needs the visiting country."),
        (visit | {"visiting_country_ids": [country_id("ECU")]}, "A study visit needs the host country."),
        (
            EVENT | {"host_country_id": country_id("DOM"), "visiting_country_ids": [country_id("DOM")]},
            "A country has one role in an event",
        ),
        (EVENT | {"start_date": "18/10/2024"}, "Not a valid date value"),
        (EVENT | {"title": ""}, "This field is required."),
    ]
    for data, message in cases:
        response = client.post("/events/new", data=data)
        body = response.get_data(as_text=True)
        assert response.status_code == 200 and message in body, message
        assert "invalid-feedback" in body
    assert count(Event) == 0 and count(EventCountry) == 0
    ok = visit | {"host_country_id": country_id("DOM"), "visiting_country_ids": [country_id("ECU")]}
    assert client.post("/events/new", data=ok).status_code == 302


def test_event_list_filters_by_kind_year_and_country(client, login_as):
    login_as("viewer")
    am = make.event(title="Annual 2024", start_date=date(2024, 10, 18))
    make.participant(am, "GHA")
    make.event(title="Workshop 2023", kind="workshop", start_date=date(2023, 5, 2))
    make.event(
        title="Visit",
        kind="study_visit",
        start_date=date(2024, 9, 24),
        host_country_id=int(country_id("DOM")),
    )
    db.session.commit()
    body = client.get("/events/").get_data(as_text=True)
    assert "3 events" in body and "1 delegate, 1 country" in body
    body = client.get("/events/?kind=workshop").get_data(as_text=True)
    assert "Workshop 2023" in body and "Annual 2024" not in body
    body = client.get("/events/?year=2024").get_data(as_text=True)
    assert "Annual 2024" in body and "Visit" in body and "Workshop 2023" not in body
    body = client.get("/events/?country=GHA").get_data(as_text=True)
    assert "Annual 2024" in body and "Visit</a>" not in body
    body = client.get("/events/?country=DOM").get_data(as_text=True)
    assert "Visit</a>" in body and "Annual 2024" not in body
    assert "Not a valid choice" in client.get("/events/?kind=party").get_data(as_text=True)


def test_participant_add_edit_remove_and_the_one_delegation_rule(client, login_as):
    login_as("editor")
    event = make.event()
    europol = factories.organisation(name="Europol")
    db.session.commit()
    url = f"/events/{event.id}/participants/new"
    base = {"role": "delegate", "mode": "in_person", "status": "attended"}
    both = base | {"country_id": country_id("FRA"), "organisation_id": str(europol.id)}
    cases = [
        (both, "one country or one organisation, not both"),
        (base, "Choose the country or the organisation the participant represents."),
        (base | {"country_id": country_id("FRA"), "email": "not-an-address"}, "Not a valid e-mail address"),
        (base | {"country_id": country_id("FRA"), "mode": "carrier pigeon"}, "Not a valid choice"),
    ]
    for data, message in cases:
        response = client.post(url, data=data)
        assert response.status_code == 200 and message in response.get_data(as_text=True), message
    assert count(Participant) == 0

    data = base | {"country_id": country_id("FRA"), "name": "Ana Costa", "email": "Ana.Costa@Example.org"}
    assert client.post(url, data=data).status_code == 302
    participant = db.session.scalar(select(Participant))
    assert participant.email == "ana.costa@example.org" and participant.attended

    # the same e-mail, or the same name in the same delegation: reported, not merged
    again = client.post(url, data=data | {"name": "Someone Else"})
    assert "already a participant of this event" in again.get_data(as_text=True)
    again = client.post(url, data=data | {"name": "ANA  COSTA", "email": ""})
    assert "for the same delegation" in again.get_data(as_text=True)
    other = base | {"organisation_id": str(europol.id), "name": "Ana Costa"}
    assert client.post(url, data=other).status_code == 302  # same name, another delegation
    assert count(Participant) == 2

    edit = {
        "role": "delegate",
        "country_id": country_id("FRA"),
        "name": "Ana Costa",
        "mode": "online",
        "status": "absent",
        "email": "",
        "version": participant.version,
    }
    assert client.post(f"/participants/{participant.id}/edit", data=edit).status_code == 302
    db.session.refresh(participant)
    assert (
        participant.mode == AttendanceMode.ONLINE and not participant.attended and participant.email is None
    )
    assert client.post(f"/participants/{participant.id}/delete").status_code == 302
    assert count(Participant) == 1


def test_the_database_refuses_a_participant_with_both_or_neither_delegation(app):
    import pytest
    from sqlalchemy.exc import IntegrityError

    event = make.event()
    organisation = factories.organisation()
    for country, org in [(factories.country("FRA").id, organisation.id), (None, None)]:
        db.session.add(
            Participant(
                event_id=event.id,
                country_id=country,
                organisation_id=org,
                role=ParticipantRole.DELEGATE,
                mode=AttendanceMode.IN_PERSON,
            )
        )
        with pytest.raises(IntegrityError):
            db.session.flush()
        db.session.rollback()
        event = make.event()
        organisation = factories.organisation()


def test_event_page_shows_attendance_and_hides_personal_data_from_viewers(client, login_as):
    event = make.event(start_date=date(2024, 10, 18))
    make.participant(event, "FRA", name="Ana Costa", email="ana.costa@example.org")
    make.participant(event, "IRL", mode=AttendanceMode.ONLINE)
    make.contribution(event, "TUN", title="Our new contact point")
    item = make.action_item(event, title="Keep the directory up to date")
    db.session.commit()
    login_as("viewer")
    body = client.get(f"/events/{event.id}").get_data(as_text=True)
    assert "2 delegates (1 in person and 1 online), representing 2 countries (1 Party and 1 Observer)" in body
    assert "Our new contact point" in body and "Keep the directory up to date" in body
    assert "ana.costa@example.org" not in body and "Ana Costa" not in body
    assert f"/action-items/{item.id}/edit" not in body and "Add a participant" not in body
    client.post("/logout")
    login_as("editor")
    body = client.get(f"/events/{event.id}").get_data(as_text=True)
    assert "ana.costa@example.org" in body and "Add a participant" in body


def test_event_page_queries_do_not_grow_with_participants(client, login_as, count_queries):
    login_as("editor")
    small, large = make.event(), make.event()
    organisation = factories.organisation()
    countries = ["FRA", "DEU", "GHA", "IRL", "ECU", "TUN", "CHL", "PHL", "FJI", "KIR"]
    make.participant(small, "FRA")
    make.contribution(small)
    make.action_item(small)
    ids = {iso3: factories.country(iso3).id for iso3 in countries}
    db.session.add_all(
        Participant(
            event=large,
            country_id=None if n % 25 == 0 else ids[countries[n % len(countries)]],
            organisation_id=organisation.id if n % 25 == 0 else None,
            role=ParticipantRole.DELEGATE,
            mode=AttendanceMode.ONLINE if n % 7 == 0 else AttendanceMode.IN_PERSON,
            name=f"Person {n}",
            email=f"p{n}@example.org",
        )
        for n in range(500)
    )
    for _ in range(20):
        make.contribution(large)
        make.action_item(large)
    db.session.commit()
    sizes = []
    for event in (small, large):
        with count_queries() as statements:
            response = client.get(f"/events/{event.id}")
        assert response.status_code == 200
        sizes.append(len(statements))
    assert sizes[0] == sizes[1] and sizes[1] <= 12, sizes
    body = response.get_data(as_text=True)
    assert body.count('<a href="/participants/') == 500


def test_event_list_queries_do_not_grow_with_events(client, login_as, count_queries):
    login_as("viewer")
    make.participant(make.event(host_country_id=factories.country("NLD").id), "FRA")
    db.session.commit()
    with count_queries() as few:
        client.get("/events/")
    for _ in range(30):
        make.participant(make.event(host_country_id=factories.country("NLD").id), "FRA")
    db.session.commit()
    with count_queries() as many:
        assert client.get("/events/").status_code == 200
    assert len(few) == len(many), (len(few), len(many))


def test_contributions_are_shown_on_the_event_and_the_country_page(client, login_as):
    login_as("editor")
    event = make.event(title="Annual meeting 2024", start_date=date(2024, 10, 18))
    make.participant(event, "TUN", mode=AttendanceMode.ONLINE)
    make.participant(event, "TUN")
    db.session.commit()
    url = f"/events/{event.id}/contributions/new"
    response = client.post(url, data={"country_id": "", "kind": "good_practice", "title": "X"})
    assert "Choose the country." in response.get_data(as_text=True)
    data = {"country_id": country_id("TUN"), "kind": "new_member_update", "title": "Our contact point"}
    assert client.post(url, data=data).status_code == 302
    body = client.get("/countries/TUN").get_data(as_text=True)
    assert "Contributions and action items" in body and "Annual meeting 2024" in body
    assert "Update by a new member: Our contact point" in body
    assert "1 in person, 1 online" in body  # on the timeline, the one place the event is listed
    contribution = db.session.scalar(select(Contribution))
    assert client.post(f"/contributions/{contribution.id}/delete").status_code == 302
    assert count(Contribution) == 0
    assert "No capacity-building activity or event recorded" in client.get("/countries/ZWE").get_data(
        as_text=True
    )


def test_country_page_section_runs_a_fixed_number_of_queries(client, login_as, count_queries):
    login_as("viewer")
    with count_queries() as before:
        client.get("/countries/GHA")
    for n in range(10):
        event = make.event(start_date=date(2020 + n % 5, 1, 1))
        make.participant(event, "GHA")
        make.contribution(event, "GHA")
    db.session.commit()
    with count_queries() as after:
        client.get("/countries/GHA")
    assert len(after) - len(before) <= 2  # the events and the contributions now have rows to load


def test_action_items_with_dated_follow_up_and_the_list_across_events(client, login_as):
    login_as("editor")
    event = make.event(title="Annual meeting", start_date=date(2024, 10, 18))
    db.session.commit()
    url = f"/events/{event.id}/action-items/new"
    assert "This field is required." in client.post(url, data={"title": "", "status": "open"}).get_data(
        as_text=True
    )
    data = {"title": "Migrate to CYBOX", "owner": "Secretariat", "status": "open", "due_date": "2025-06-30"}
    assert client.post(url, data=data).status_code == 302
    item = db.session.scalar(select(ActionItem))
    note_url = f"/action-items/{item.id}/notes"
    early = client.post(note_url, data={"noted_on": "2024-01-01", "text": "Too early"})
    assert "cannot predate the event" in early.get_data(as_text=True)
    response = client.post(
        note_url, data={"noted_on": "2024-12-10", "text": "Platform chosen", "status": "in_progress"}
    )
    assert response.status_code == 302
    db.session.refresh(item)
    assert item.status == ActionStatus.IN_PROGRESS and [n.text for n in item.notes] == ["Platform chosen"]
    edit = client.get(f"/action-items/{item.id}/edit").get_data(as_text=True)
    assert "10 Dec 2024" in edit and "Platform chosen" in edit

    body = client.get("/action-items/").get_data(as_text=True)
    assert "Migrate to CYBOX" in body and "Platform chosen" in body and "In progress: 1" in body
    client.post(f"/action-items/{item.id}/edit", data=data | {"status": "done", "version": item.version})
    assert "Migrate to CYBOX" not in client.get("/action-items/").get_data(as_text=True)
    assert "Migrate to CYBOX" in client.get("/action-items/?status=done").get_data(as_text=True)
    assert client.post(f"/action-items/{item.id}/delete").status_code == 302
    assert count(ActionItem) == 0


def test_exports_with_and_without_personal_data(client, login_as):
    event = make.event(start_date=date(2024, 10, 18))
    make.participant(event, "FRA", name='=HYPERLINK("http://x")', email="ana@example.org")
    make.participant(event, "IRL", mode=AttendanceMode.ONLINE, name="Bo Lind")
    make.participant(event, "ARG", attended=False)
    db.session.commit()
    login_as("viewer")
    assert client.get(f"/events/{event.id}/participants.csv").status_code == 403
    response = client.get(f"/events/{event.id}/attendance.csv")
    text = response.get_data(as_text=True)
    assert response.status_code == 200 and "attachment" in response.headers["Content-Disposition"]
    assert "France,FRA,Party,1,0,1" in text and "Ireland,IRL,Observer,0,1,1" in text
    assert "Argentina" not in text and "Bo Lind" not in text and "@" not in text
    client.post("/logout")

    login_as("editor")
    response = client.get(f"/events/{event.id}/participants.xlsx")
    workbook = load_workbook(io.BytesIO(response.data))
    assert workbook.sheetnames == ["Participants", "Delegations", "Summary"]
    rows = list(workbook["Participants"].iter_rows(min_row=3, values_only=True))
    assert ('\'=HYPERLINK("http://x")', "ana@example.org") in [row[:2] for row in rows]
    assert len(rows) == 3
    summary = dict(workbook["Summary"].iter_rows(min_row=2, values_only=True))
    assert summary["Delegates"] == 2 and summary["of which Observers"] == 1
    exports = db.session.scalar(select(func.count(AuditEvent.id)).where(AuditEvent.action == "export"))
    assert exports == 2


def test_deleting_an_event_removes_its_rows(client, login_as):
    login_as("editor")
    event = make.event()
    make.participant(event)
    make.contribution(event)
    make.action_item(event)
    db.session.commit()
    assert client.post(f"/events/{event.id}/delete").status_code == 302
    assert (count(Event), count(Participant), count(Contribution), count(ActionItem)) == (0, 0, 0, 0)


def test_forged_select_values_are_field_errors(client, login_as):
    login_as("editor")
    event = make.event()
    db.session.commit()
    for value in (" ", "abc", "99999999999999999999"):
        data = {"role": "delegate", "mode": "in_person", "country_id": value, "organisation_id": ""}
        response = client.post(f"/events/{event.id}/participants/new", data=data)
        assert response.status_code == 200
        forged = EVENT | {"host_country_id": value, "visiting_country_ids": [" ", value]}
        assert client.post("/events/new", data=forged).status_code == (302 if value == " " else 200)
        assert client.get("/events/", query_string={"kind": value, "page": value}).status_code == 200
        assert client.get("/action-items/", query_string={"status": value}).status_code == 200
    assert count(Participant) == 0 and count(Event) == 2  # a blank choice is no choice
