"""People: linked automatically by e-mail, likely duplicates suggested, merged or kept apart by an editor."""

from datetime import date
from pathlib import Path

from sqlalchemy import func, select

from tests import factories
from tests.directory import factories as directory_factories
from tests.events import factories as make
from tracker.core.audit import AuditEvent
from tracker.core.imports import read_table, run_import
from tracker.events.imports import ParticipantImporter
from tracker.events.models import AttendanceMode, AttendanceStatus, EventKind
from tracker.extensions import db
from tracker.people import duplicates, queries
from tracker.people.models import KeptApart, Person

INDICO_SAMPLE = Path(__file__).parent.parent / "events" / "data" / "indico_registrants_sample.csv"


def person_of(participant) -> Person:
    return db.session.get(Person, queries.person_of_participant(participant.id))


def test_the_same_email_in_any_case_is_the_same_person_across_events_and_designations(app):
    first, second = make.event(), make.event(start_date=date(2025, 10, 1))
    a = make.participant(first, name="Anna Kovács", email="anna.kovacs@police.example")
    b = make.participant(second, name="Anna Kovacs", email="Anna.Kovacs@Police.example")
    cp = directory_factories.contact_point(email="ANNA.KOVACS@police.example")
    loose = make.participant(second, name="No Address", email=None)
    db.session.commit()
    person = person_of(a)
    assert person_of(b) == person and person.name == "Anna Kovács"
    assert [link.contact_point for link in person.designations] == [cp]
    assert [e.email for e in person.emails] == ["anna.kovacs@police.example"]
    assert person_of(loose) not in (None, person) and person_of(loose).name == "No Address"


def test_a_changed_address_follows_its_owner_or_joins_the_record(app):
    event, other_event = make.event(), make.event()
    owner = make.participant(event, name="Ion Rusu", email="ion@gov.example")
    typo = make.participant(other_event, name="Ion Rusu", email="ion@gov.exmple")
    db.session.commit()
    assert person_of(typo) != person_of(owner)
    typo.email = "ion@gov.example"
    db.session.commit()
    assert person_of(typo) == person_of(owner)
    owner.email = "ion.rusu@gov.example"  # an address nobody has: a second address of the same person
    db.session.commit()
    assert {e.email for e in person_of(owner).emails} >= {"ion@gov.example", "ion.rusu@gov.example"}


def test_an_indico_import_links_its_registrants(app):
    factories.organisation(name="European Union Agency for Law Enforcement Cooperation", acronym="Europol")
    factories.organisation(name="International Criminal Police Organization", acronym="INTERPOL")
    event = make.event()
    db.session.commit()
    importer = ParticipantImporter(options={"event_id": str(event.id)})
    result = run_import(importer, read_table("r.csv", INDICO_SAMPLE.read_bytes()))
    assert result.valid, result.errors
    db.session.commit()
    assert db.session.scalar(select(func.count(Person.id))) == result.written


def test_name_variants():
    assert duplicates.names_are_variants("José Pérez", "jose PEREZ")
    assert duplicates.names_are_variants("Kovács Anna", "Anna Kovacs")
    assert duplicates.names_are_variants("J. Smith", "John Smith")
    assert duplicates.names_are_variants("Anna M. Kovács", "Anna Maria Kovacs")
    assert duplicates.names_are_variants("John Smith", "John Michael Smith")
    assert duplicates.names_are_variants("Łukasz Nowak", "Lukasz NOWAK")
    assert not duplicates.names_are_variants("John Smith", "Anna Smith")
    assert not duplicates.names_are_variants("Smith", "John Smith")
    assert not duplicates.names_are_variants("Nguyễn Văn An", "Nguyễn Thị Bình")


def _pair():
    first, second = make.event(), make.event(start_date=date(2025, 10, 1))
    a = make.participant(first, "FRA", name="José Pérez", email="jose@interieur.example")
    b = make.participant(second, "FRA", name="Perez J.", email="j.perez@private.example")
    make.participant(second, "ESP", name="José Pérez", email="jose@mir.example")  # another country
    db.session.commit()
    return person_of(a), person_of(b)


def test_likely_duplicates_need_a_name_variant_and_something_in_common(app, client, login_as):
    a, b = _pair()
    found = duplicates.suggestions(queries.candidates(), queries.kept_apart_pairs())
    assert [(s.first.id, s.second.id) for s in found] == [(a.id, b.id)]
    assert "same country: France" in found[0].reasons
    login_as("editor")
    page = client.get("/people/duplicates").get_data(as_text=True)
    assert "Merge into José Pérez" in page and "same country: France" in page


def test_kept_apart_is_remembered_and_audited(app, client, login_as):
    a, b = _pair()
    login_as("editor")
    response = client.post(f"/people/{a.id}/keep-apart", data={"other_id": b.id})
    assert response.status_code == 302
    assert db.session.scalar(select(func.count()).select_from(KeptApart)) == 1
    assert "No likely duplicates" in client.get("/people/duplicates").get_data(as_text=True)
    assert db.session.scalar(select(AuditEvent).where(AuditEvent.entity_type == "person")).summary.startswith(
        "Kept José Pérez"
    )


def test_merge_moves_meetings_and_addresses_and_is_audited(app, client, login_as):
    a, b = _pair()
    ids, versions = (a.id, b.id), (a.version, b.version)
    login_as("editor")
    response = client.post(
        f"/people/{ids[0]}/merge",
        data={"other_id": ids[1], "version": versions[0], "other_version": versions[1]},
    )
    assert response.status_code == 302 and response.location.endswith(f"/people/{ids[0]}")
    db.session.expire_all()
    kept = db.session.get(Person, ids[0])
    assert db.session.get(Person, ids[1]) is None
    assert len(kept.participations) == 2
    assert {e.email for e in kept.emails} == {"jose@interieur.example", "j.perez@private.example"}
    actions = set(db.session.scalars(select(AuditEvent.action).where(AuditEvent.entity_type == "person")))
    assert actions == {"update", "delete"}
    page = client.get(f"/people/{ids[0]}").get_data(as_text=True)
    assert "j.perez@private.example" in page and "Meetings (2)" in page
    # a later import under the second address lands on the merged record
    third = make.event(start_date=date(2026, 3, 1))
    p = make.participant(third, name="J. Pérez", email="J.Perez@private.example")
    db.session.commit()
    assert person_of(p).id == ids[0]


def test_merge_with_a_stale_version_or_a_shared_meeting_is_refused(app, client, login_as):
    a, b = _pair()
    login_as("editor")
    response = client.post(
        f"/people/{a.id}/merge", data={"other_id": b.id, "version": a.version + 1, "other_version": b.version}
    )
    assert "Someone else saved this person" in client.get(response.location).get_data(as_text=True)
    event = make.event(start_date=date(2026, 1, 1))
    make.participant(event, name="x", email="jose@interieur.example")
    make.participant(event, name="y", email="j.perez@private.example")
    db.session.commit()
    response = client.post(
        f"/people/{a.id}/merge", data={"other_id": b.id, "version": a.version, "other_version": b.version}
    )
    assert "as separate participants" in client.get(response.location).get_data(as_text=True)
    assert db.session.get(Person, b.id) is not None


def test_person_page_lists_meetings_and_roles(app, client, login_as):
    event = make.event(title="Annual meeting 2024")
    p = make.participant(
        event, mode=AttendanceMode.ONLINE, name="Łukasz Nowak", email="l.nowak@policja.example"
    )
    directory_factories.contact_point("POL", email="l.nowak@policja.example", institution="Policja")
    db.session.commit()
    login_as("editor")
    page = client.get(f"/people/{person_of(p).id}").get_data(as_text=True)
    assert "Łukasz Nowak" in page and "Annual meeting 2024" in page and "Online" in page
    assert "Policja" in page and "24/7 contact point" in page
    listing = client.get("/people/?q=lukasz").get_data(as_text=True)  # accents and case aside
    assert "Łukasz Nowak" in listing
    assert "No one matches" in client.get("/people/?q=zzz").get_data(as_text=True)
    assert "Łukasz Nowak" in client.get("/people/?q=L.NOWAK@").get_data(as_text=True)


def test_country_page_shows_whether_its_contact_points_attended_the_annual_meetings(app, client, login_as):
    directory_factories.contact_point("FRA", email="cp@interieur.example", institution="OFAC", unit=None)
    directory_factories.contact_point("FRA", email=None, institution="Parquet", unit=None)
    attended = make.event(kind=EventKind.ANNUAL_MEETING, title="Annual 2024", start_date=date(2024, 10, 18))
    make.event(kind=EventKind.ANNUAL_MEETING, title="Annual 2023", start_date=date(2023, 10, 18))
    excused = make.event(kind=EventKind.ANNUAL_MEETING, title="Annual 2022", start_date=date(2022, 10, 18))
    make.participant(attended, name="Marie Curie", email="CP@interieur.example", mode=AttendanceMode.ONLINE)
    make.participant(
        excused, name="Marie Curie", email="cp@interieur.example", status=AttendanceStatus.EXCUSED
    )
    db.session.commit()
    login_as("viewer")
    page = client.get("/countries/FRA").get_data(as_text=True)
    section = page[page.index("Contact points at the annual meetings") :]
    assert "Attended online" in section and "Not registered" in section and "Excused" in section
    assert "Cannot tell: the designation has no e-mail address" in section
    assert "Marie Curie" not in page and "/people/" not in section  # no names, no person link for viewers
    client.post("/logout")
    login_as("editor")
    assert "/people/" in client.get("/countries/FRA").get_data(as_text=True)


def test_people_pages_run_the_same_queries_whatever_the_numbers(app, client, login_as, count_queries):
    directory_factories.contact_point("FRA", email="cp@interieur.example")
    first = make.event(kind=EventKind.ANNUAL_MEETING)
    anchor = make.participant(first, name="Marie Curie", email="cp@interieur.example")
    db.session.commit()
    login_as("editor")
    pages = ["/people/", f"/people/{person_of(anchor).id}", "/people/duplicates", "/countries/FRA"]

    def measure() -> list[int]:
        measured = []
        for url in pages:
            with count_queries() as statements:
                assert client.get(url).status_code == 200, url
            measured.append(len(statements))
        return measured

    small = measure()
    for n in range(6):
        event = make.event(kind=EventKind.ANNUAL_MEETING, start_date=date(2015 + n, 10, 1))
        make.participant(event, name="Marie Curie", email="cp@interieur.example")
        make.participant(event, "ESP", name=f"Ana García {n}", email=f"ana{n}@mir.example")
        directory_factories.contact_point("FRA", email=f"cp{n}@interieur.example")
    db.session.commit()
    assert measure() == small
