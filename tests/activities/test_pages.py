"""Logging, editing and browsing activities through the pages."""

import io
from datetime import date, timedelta

from openpyxl import load_workbook
from sqlalchemy import func, select

from tests import factories
from tests.activities import factories as make
from tests.events import factories as make_event
from tracker.activities import queries
from tracker.activities.models import Activity, ActivityKind, ActivityStatus, activity_beneficiaries
from tracker.core.audit import AuditEvent
from tracker.events.models import CountryRole, EventCountry, EventKind
from tracker.extensions import db


def cid(iso3: str) -> str:
    return str(factories.country(iso3).id)


def count() -> int:
    return db.session.scalar(select(func.count(Activity.id)))


def form(**values) -> dict:
    return {
        "kind": "cp_establishment_support",
        "title": "Support to the 24/7 contact point",
        "status": "",
        "start_date": "2024-07-01",
        "end_date": "",
        "programme": "GLACY-e",
        "beneficiary_ids": [cid("ECU")],
    } | values


def test_editor_logs_an_activity_with_countries_topics_and_an_event(client, login_as):
    login_as("editor")
    templates = make.topic("Templates")
    event = make_event.event(title="Study visit", kind=EventKind.STUDY_VISIT)
    db.session.commit()
    data = form(
        end_date="2024-07-03",
        beneficiary_ids=[cid("ECU"), cid("KIR")],
        contributor_ids=[cid("DOM"), cid("CRI")],
        topic_ids=[str(templates.id)],
        event_ids=[str(event.id)],
        description="Advice on templates",
    )
    response = client.post("/activities/new", data=data)
    assert response.status_code == 302
    activity = db.session.scalar(select(Activity))
    assert response.location == f"/activities/{activity.id}"
    assert activity.status == ActivityStatus.COMPLETED  # left blank, and the dates are past
    assert activity.beneficiary_names == ["Ecuador", "Kiribati"]
    assert activity.contributor_names == ["Costa Rica", "Dominican Republic"]
    assert activity.topic_names == ["Templates"] and activity.events == [event]
    body = client.get(f"/activities/{activity.id}").get_data(as_text=True)
    assert "Support to establishing a 24/7 contact point" in body and "01–03 Jul 2024" in body
    assert "Costa Rica" in body and "Study visit" in body and "Advice on templates" in body

    response = client.post(
        f"/activities/{activity.id}/edit",
        data=data | {"status": "cancelled", "contributor_ids": [], "version": activity.version},
    )
    assert response.status_code == 302
    db.session.expire_all()
    assert activity.status == ActivityStatus.CANCELLED and activity.contributors == []
    page = client.get(f"/activities/{activity.id}/edit").get_data(as_text=True)
    assert 'value="cancelled" selected' in page or 'selected value="cancelled"' in page
    assert client.post(f"/activities/{activity.id}/delete").status_code == 302
    assert count() == 0
    actions = set(db.session.scalars(select(AuditEvent.action).where(AuditEvent.entity_type == "activity")))
    assert actions == {"create", "update", "delete"}


def test_defaults_make_logging_fast(client, login_as):
    login_as("editor")
    page = client.get("/activities/new").get_data(as_text=True)
    assert f'value="{date.today().isoformat()}"' in page  # the start date defaults to today
    assert "From the dates</option>" in page and 'data-picker="countries"' in page
    assert "js/country-picker.js" in page and "<script>" not in page
    future = (date.today() + timedelta(days=30)).isoformat()
    client.post("/activities/new", data=form(title="Next month", start_date=future))
    client.post("/activities/new", data=form(title="Today", start_date=date.today().isoformat()))
    statuses = dict(db.session.execute(select(Activity.title, Activity.status)).all())
    assert statuses == {"Next month": ActivityStatus.PLANNED, "Today": ActivityStatus.ONGOING}
    response = client.post("/activities/new", data=form(title="Another", another="1"))
    assert response.location == "/activities/new"


def test_bad_input_is_refused_on_its_field_and_nothing_is_written(client, login_as):
    login_as("editor")
    retired = make.topic("Old topic", retired=True)
    db.session.commit()
    cases = [
        (form(beneficiary_ids=[]), "Choose at least one beneficiary country."),
        (form(end_date="2024-06-30"), "The activity cannot end before it starts."),
        (form(title=""), "This field is required."),
        (form(start_date="01/07/2024"), "Not a valid date value"),
        (form(beneficiary_ids=["999999"]), "is not a valid choice"),
        (form(topic_ids=[str(retired.id)]), "is not a valid choice"),  # retired topics are not offered
    ]
    for data, message in cases:
        response = client.post("/activities/new", data=data)
        body = response.get_data(as_text=True)
        assert response.status_code == 200 and message in body, message
        assert "invalid-feedback" in body
    assert count() == 0


def test_a_retired_topic_stays_on_the_activities_that_have_it(client, login_as):
    login_as("editor")
    topic = make.topic("Regulations")
    activity = make.activity(topics=[topic])
    topic.retired = True
    db.session.commit()
    page = client.get(f"/activities/{activity.id}/edit").get_data(as_text=True)
    assert "Regulations (retired)" in page
    data = form(topic_ids=[str(topic.id)], version=activity.version)
    assert client.post(f"/activities/{activity.id}/edit", data=data).status_code == 302
    db.session.expire_all()
    assert activity.topic_names == ["Regulations"]


def test_log_an_activity_from_an_event_fills_in_its_countries(client, login_as):
    visit = make_event.event(
        title="Study visit of Ecuador to the Dominican Republic",
        kind=EventKind.STUDY_VISIT,
        start_date=date(2024, 9, 24),
        end_date=date(2024, 9, 26),
        host_country_id=int(cid("DOM")),
        organiser="GLACY-e",
    )
    visit.countries += [
        EventCountry(country_id=int(cid("DOM")), role=CountryRole.HOST),
        EventCountry(country_id=int(cid("ECU")), role=CountryRole.VISITING),
    ]
    plenary = make_event.event(kind=EventKind.PLENARY, host_country_id=int(cid("FRA")))
    plenary.countries.append(EventCountry(country_id=int(cid("FRA")), role=CountryRole.HOST))
    workshop = make_event.event(kind=EventKind.WORKSHOP, title="Workshop in Tunis")
    workshop.countries += [
        EventCountry(country_id=int(cid("TUN")), role=CountryRole.HOST),
        EventCountry(country_id=int(cid("MAR")), role=CountryRole.PARTICIPANT),
    ]
    db.session.commit()

    login_as("viewer")
    assert "Log an activity" not in client.get(f"/events/{visit.id}").get_data(as_text=True)
    client.post("/logout")
    login_as("editor")
    assert f"/activities/new?event_id={visit.id}" in client.get(f"/events/{visit.id}").get_data(as_text=True)

    page = client.get(f"/activities/new?event_id={visit.id}").get_data(as_text=True)
    assert 'id="from-event"' in page and 'value="GLACY-e"' in page
    assert 'value="study_visit" selected' in page or 'selected value="study_visit"' in page

    def chosen(field: str, body: str) -> set[str]:
        start = body.index(f'name="{field}"')
        section = body[start : body.index("</select>", start)]
        return {part.split('"')[0] for part in section.split('selected value="')[1:]}

    assert chosen("beneficiary_ids", page) == {cid("ECU")}
    assert chosen("contributor_ids", page) == {cid("DOM")}
    assert chosen("event_ids", page) == {str(visit.id)}
    page = client.get(f"/activities/new?event_id={workshop.id}").get_data(as_text=True)
    assert chosen("beneficiary_ids", page) == {cid("TUN"), cid("MAR")}
    page = client.get(f"/activities/new?event_id={plenary.id}").get_data(as_text=True)
    assert chosen("beneficiary_ids", page) == set()  # the host of a plenary is only the venue

    data = form(
        kind="study_visit",
        beneficiary_ids=[cid("ECU")],
        contributor_ids=[cid("DOM")],
        event_ids=[str(visit.id)],
    )
    assert client.post(f"/activities/new?event_id={visit.id}", data=data).status_code == 302
    assert db.session.scalar(select(Activity)).events == [visit]
    assert client.get("/activities/new?event_id=999999").status_code == 404
    assert client.get("/activities/new?event_id=abc").status_code == 404


def _seed_list():
    a = make.topic("Legislation")
    make.activity(
        title="Workshop for Tunisia",
        kind=ActivityKind.LEGISLATION_WORKSHOP,
        beneficiaries=["TUN"],
        contributors=["FRA"],
        topics=[a],
        programme="CyberSouth",
        start_date=date(2024, 11, 5),
    )
    make.activity(
        title="Pacific training",
        kind=ActivityKind.TRAINING,
        beneficiaries=["FJI", "VUT"],
        status=ActivityStatus.PLANNED,
        programme="GLACY-e",
        start_date=date(2023, 3, 14),
    )
    make.activity(
        title="Support to Ecuador", beneficiaries=["ECU"], contributors=["DOM"], programme="GLACY-e"
    )
    db.session.commit()
    return a


TITLES = ("Workshop for Tunisia", "Pacific training", "Support to Ecuador")


def titles(client, query: str) -> set[str]:
    body = client.get(f"/activities/?{query}").get_data(as_text=True)
    return {t for t in TITLES if f">{t}</a>" in body}


def test_list_filters_and_counts_per_kind(client, login_as):
    login_as("viewer")
    topic = _seed_list()
    assert titles(client, "") == {"Workshop for Tunisia", "Pacific training", "Support to Ecuador"}
    assert titles(client, "kind=training") == {"Pacific training"}
    assert titles(client, "status=planned") == {"Pacific training"}
    assert titles(client, "country=DOM") == {"Support to Ecuador"}
    assert titles(client, "country=DOM&role=beneficiary") == set()
    assert titles(client, "country=TUN&role=beneficiary") == {"Workshop for Tunisia"}
    assert titles(client, "country=FRA&role=contributor") == {"Workshop for Tunisia"}
    assert titles(client, "region=Oceania") == {"Pacific training"}
    assert titles(client, "programme=GLACY-e") == {"Pacific training", "Support to Ecuador"}
    assert titles(client, f"topic={topic.id}") == {"Workshop for Tunisia"}
    assert titles(client, "year=2024") == {"Workshop for Tunisia", "Support to Ecuador"}
    body = client.get("/activities/?kind=party").get_data(as_text=True)
    assert "Not a valid choice" in body and "3 activities" in body
    body = client.get("/activities/?year=2024&kind=training").get_data(as_text=True)
    start = body.index('id="counts-by-kind"')
    counts = body[start : body.index("</table>", start)]
    # counts per kind under the other filters (2024): the kind filter itself is not applied to them
    assert 'Workshop on legislation</a></th>\n      <td class="text-end">1</td>' in counts
    assert 'Training</a></th>\n      <td class="text-end">0</td>' in counts


def test_export_csv_and_xlsx_follow_the_filters(client, login_as):
    login_as("viewer")
    _seed_list()
    response = client.get("/activities/export.csv?programme=GLACY-e")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    text = response.get_data(as_text=True)
    assert (
        text.splitlines()[0]
        .lstrip("\ufeff")
        .startswith("Title,Kind,Status,Start,End,Programme,Topics,Beneficiaries,Contributors,Description")
    )
    assert "Pacific training" in text and "Fiji; Vanuatu" in text and "Workshop for Tunisia" not in text
    response = client.get("/activities/export.xlsx")
    sheet = load_workbook(io.BytesIO(response.data)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Title" and len(rows) == 4
    assert db.session.scalar(select(func.count(AuditEvent.id)).where(AuditEvent.action == "export")) == 2


def test_list_runs_the_same_number_of_queries_for_few_and_many_activities(client, login_as, count_queries):
    login_as("viewer")
    topics = [make.topic() for _ in range(3)]
    make.activity(topics=topics[:1], contributors=["DOM"])
    db.session.commit()
    url = "/activities/?country=ECU&region=Americas"
    with count_queries() as few:
        assert client.get(url).status_code == 200
    for n in range(40):
        make.activity(
            beneficiaries=["ECU", "KIR", "CMR"][: 1 + n % 3],
            contributors=["ARM", "EST"],
            topics=topics,
            start_date=date(2020 + n % 5, 1, 1 + n % 28),
        )
    db.session.commit()
    with count_queries() as many:
        response = client.get(url)
    assert response.status_code == 200 and "41 activities" in response.get_data(as_text=True)
    assert len(few) == len(many), (len(few), len(many))
    with count_queries() as export:
        client.get("/activities/export.csv")
    assert len(export) <= len(many)


def test_country_page_shows_activities_and_events_on_one_timeline(client, login_as, count_queries):
    login_as("viewer")
    with count_queries() as before:
        client.get("/countries/DOM")
    event = make_event.event(title="Annual meeting", start_date=date(2024, 10, 18))
    make_event.participant(event, "DOM")
    make.activity(title="Support to Ecuador", beneficiaries=["ECU"], contributors=["DOM"])
    make.activity(title="Support to the Dominican", beneficiaries=["DOM"], start_date=date(2023, 1, 5))
    for n in range(10):
        make.activity(beneficiaries=["DOM"], topics=[make.topic()], start_date=date(2015 + n, 1, 1))
    db.session.commit()
    with count_queries() as after:
        body = client.get("/countries/DOM").get_data(as_text=True)
    section = body[body.index('id="section-activities"') :]
    assert "Capacity building and events" in body
    order = [section.index(t) for t in ("Annual meeting", "Support to Ecuador", "Support to the Dominican")]
    assert order == sorted(order)  # newest first: 18 Oct 2024, 24 Sep 2024, 5 Jan 2023
    assert "Contributed expertise" in section and "Received support" in section
    # the activities' three queries do not vary; the events (listed once, on this timeline) are loaded
    # once there are some
    assert len(after) - len(before) == 1
    nothing = factories.country("ZWE").id
    with count_queries() as statements:
        queries.country_activities(nothing)
    assert len(statements) == 3


def test_links_are_removed_with_the_activity_and_countries_keep_their_rows(app):
    activity = make.activity(beneficiaries=["ECU", "KIR"])
    db.session.commit()
    db.session.delete(activity)
    db.session.commit()
    assert db.session.scalar(select(func.count()).select_from(activity_beneficiaries)) == 0
    assert factories.country("ECU") is not None
