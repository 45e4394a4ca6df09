"""Importing participants: the tracker's own layout and Indico's registrant export."""

import io
from datetime import date
from pathlib import Path

from openpyxl import Workbook
from sqlalchemy import func, select

from tests import factories
from tests.events import factories as make
from tracker.core.imports import read_table, run_import
from tracker.events.imports import ParticipantImporter
from tracker.events.models import AttendanceMode, EventFormat, Participant, ParticipantRole
from tracker.extensions import db
from tracker.imports.models import ImportBatch

# the shared sample of an Indico registrant export (fictitious people), kept beside the tests
INDICO_SAMPLE = (Path(__file__).parent / "data" / "indico_registrants_sample.csv").read_text(encoding="utf-8")
INDICO_HEADER = INDICO_SAMPLE.splitlines()[0]


def csv_bytes(text: str) -> bytes:
    return text.strip().encode("utf-8") + b"\n"


def participants() -> int:
    return db.session.scalar(select(func.count(Participant.id)))


def setup_event(**kwargs):
    factories.organisation(name="European Union Agency for Law Enforcement Cooperation", acronym="Europol")
    factories.organisation(name="International Criminal Police Organization", acronym="INTERPOL")
    event = make.event(**kwargs)
    db.session.commit()
    return event


def importer(event, **options):
    return ParticipantImporter(options={"event_id": str(event.id), **options})


def test_indico_export_counts_completed_registrations_and_maps_check_in_and_mode(app):
    event = setup_event()
    result = run_import(importer(event), read_table("registrants.csv", csv_bytes(INDICO_SAMPLE)))
    assert result.valid, result.errors
    assert result.written == 6 and participants() == 6
    assert "Position" in result.ignored_columns
    skipped = [item for item in result.items if not hasattr(item, "values")]
    assert [s.name for s in skipped] == ["Kofi Owusu", "Sara Lind"]
    assert "Withdrawn" in skipped[0].reason
    rows = {
        p.name: p for p in db.session.scalars(select(Participant).where(Participant.event_id == event.id))
    }
    assert rows["Elif Yilmaz"].country.iso3 == "TUR"  # Indico's CLDR name "Türkiye"
    assert rows["Ion Rusu"].country.iso3 == "MDA"
    # online registrants are never checked in at the venue: they count as attended under the default rule
    assert rows["Ion Rusu"].mode == AttendanceMode.ONLINE and rows["Ion Rusu"].attended is True
    assert rows["Ion Rusu"].registration_id == "4"
    assert rows["Anna Kovacs"].attended is True and rows["Anna Kovacs"].institution == (
        "National Bureau of Investigation"
    )
    europol = rows["Pierre Durand"]
    assert europol.country is None and europol.organisation.acronym == "Europol"
    assert europol.institution is None


def test_own_layout_with_roles_and_defaults_from_the_event_format(app):
    event = setup_event(format=EventFormat.IN_PERSON)
    data = csv_bytes(
        """
Name,E-mail,Country,Organisation,Institution,Role,Attendance,Attended
Ana Costa,ana@example.org,PRT,,Policia Judiciaria,speaker,,yes
Bo Lind,,,interpol,,Delegate,online,
Staff Member,staff@example.org,,,,secretariat,,no
"""
    )
    result = run_import(importer(event), read_table("p.csv", data))
    assert not result.valid
    assert [(e.row, e.column) for e in result.errors] == [(4, "Country")]  # staff: whom do they represent?
    data = data.replace(b"Staff Member,staff@example.org,,,", b"Staff Member,staff@example.org,,Europol,")
    result = run_import(importer(event), read_table("p.csv", data))
    assert result.valid, result.errors
    ana, bo, staff = db.session.scalars(select(Participant).order_by(Participant.id))
    assert (ana.role, ana.mode, ana.country.iso3) == (
        ParticipantRole.SPEAKER,
        AttendanceMode.IN_PERSON,
        "PRT",
    )
    assert (bo.organisation.acronym, bo.mode, bo.attended) == ("INTERPOL", AttendanceMode.ONLINE, True)
    assert (staff.role, staff.attended) == (ParticipantRole.SECRETARIAT, False)


def test_bad_rows_are_reported_by_row_and_column_and_nothing_is_written(app):
    event = setup_event()  # hybrid: the attendance mode must be said
    data = csv_bytes(
        """
Name,E-mail,Country,Organisation,Role,Attendance,Attended
A One,not-an-address,FRA,,delegate,in person,yes
B Two,b@example.org,Atlantis,,delegate,online,yes
C Three,c@example.org,FRA,Europol,delegate,online,yes
D Four,d@example.org,DEU,,chairperson,by carrier pigeon,maybe
E Five,e@example.org,ITA,,,,
"""
    )
    result = run_import(importer(event), read_table("p.csv", data))
    problems = [(e.row, e.column) for e in result.errors]
    assert problems == [
        (2, "E-mail"),
        (3, "Country"),
        (4, "Organisation"),
        (5, "Attendance"),
        (5, "Attended"),
        (5, "Role"),
        (6, "Attendance"),
    ]
    messages = " ".join(str(e) for e in result.errors)
    assert "Not a valid e-mail address" in messages and "“Atlantis” is not a known country" in messages
    assert "not both" in messages and "the event is hybrid" in messages
    assert participants() == 0


def test_duplicates_in_the_file_and_against_the_event_are_reported_not_merged(app):
    event = setup_event()
    make.participant(event, "FRA", name="Ana Costa", email="ana@example.org")
    make.participant(event, "DEU", name="Eve Ray", email="eve@example.org")
    db.session.commit()
    data = csv_bytes(
        """
Name,E-mail,Country,Attendance
Ana Costa,other@example.org,France,in person
Someone,EVE@example.org,DEU,in person
Bo Lind,bo@example.org,SWE,online
Bo  Lind,bo2@example.org,Sweden,online
Cy Dee,bo@example.org,NOR,online
Bo Lind,bo3@example.org,NOR,online
"""
    )
    result = run_import(importer(event), read_table("p.csv", data))
    assert [(e.row, e.column, e.message) for e in result.errors] == [
        (2, "Name", "Ana Costa (France) is already a participant of this event"),
        (5, "Name", "the same name and delegation as row 4"),
        (6, "E-mail", "the same e-mail as row 4"),
    ]
    # the same e-mail as a participant already there is that participant, updated (see test_reimport.py)
    eve = next(item for item in result.items if item.values["email"] == "eve@example.org")
    assert eve.action == "update" and set(eve.changes) == {"name"}
    assert participants() == 2


def test_unknown_values_are_resolved_by_hand_in_the_web_preview(client, login_as):
    login_as("editor")
    event = setup_event()
    factories.organisation(name="European Commission", acronym="EC")
    db.session.commit()
    text = f"""{INDICO_HEADER}
1,Ana Costa,Ana,Costa,ana@example.org,Ministry of the Interior,Republic of Atlantis,,In person,,Completed,Yes
2,Bo Lind,Bo,Lind,bo@example.org,"European Commission, DG HOME",,,Remotely,,Completed,Yes
3,Cy Dee,Cy,Dee,cy@example.org,Police,Republic of Atlantis,,In person,,Completed,Yes
"""
    upload = client.post(
        f"/imports/participants/new?event_id={event.id}",
        data={"file": (io.BytesIO(csv_bytes(text)), "registrants.csv")},
        content_type="multipart/form-data",
    )
    assert upload.status_code == 302
    batch = db.session.scalar(select(ImportBatch))
    assert batch.options["event_id"] == str(event.id)
    body = client.get(upload.location).get_data(as_text=True)
    assert "Values to resolve by hand" in body and "Import 3 row(s)" not in body
    assert body.count("<code>Republic of Atlantis</code>") == 1 and "European Commission, DG HOME" in body
    assert 'value="country:PRT">Country: Portugal' in body

    ec = db.session.scalar(select(factories.Organisation.id).where(factories.Organisation.acronym == "EC"))
    client.post(
        f"/imports/{batch.id}/resolve",
        data={
            "resolve-1": "country:PRT",
            "resolve-1-column": "Country",
            "resolve-1-value": "Republic of Atlantis",
            "resolve-2": f"organisation:{ec}",
            "resolve-2-column": "Affiliation",
            "resolve-2-value": "European Commission, DG HOME",
        },
    )
    body = client.get(upload.location).get_data(as_text=True)
    assert "Every row is valid" in body and "Values to resolve by hand" not in body
    response = client.post(f"/imports/{batch.id}/confirm")
    assert response.status_code == 302 and f"/events/{event.id}" in response.location
    rows = {p.name: p for p in db.session.scalars(select(Participant))}
    assert rows["Ana Costa"].country.iso3 == "PRT" and rows["Cy Dee"].country.iso3 == "PRT"
    assert rows["Bo Lind"].organisation_id == ec and rows["Bo Lind"].mode == AttendanceMode.ONLINE


def test_upload_without_an_event_is_refused(client, login_as):
    login_as("editor")
    response = client.post(
        "/imports/participants/new",
        data={"file": (io.BytesIO(csv_bytes(INDICO_SAMPLE)), "registrants.csv")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 200 and "Say which event" in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count(ImportBatch.id))) == 0


def test_xlsx_and_the_command_line(app, tmp_path):
    event = setup_event(start_date=date(2024, 10, 18))
    workbook = Workbook()
    for line in INDICO_SAMPLE.strip().splitlines():
        workbook.active.append(line.split(","))
    path = tmp_path / "registrants.xlsx"
    workbook.save(path)
    runner = app.test_cli_runner()
    result = runner.invoke(args=["import", "participants", str(path)])
    assert result.exit_code != 0 and "event_id" in result.output
    result = runner.invoke(args=["import", "participants", str(path), "--option", "event_id=999"])
    assert result.exit_code != 0 and "no event with id 999" in result.output
    result = runner.invoke(args=["import", "participants", str(path), "--option", f"event_id={event.id}"])
    assert result.exit_code == 0, result.output
    assert "Imported 6 row(s)" in result.output and participants() == 6
    again = runner.invoke(args=["import", "participants", str(path), "--option", f"event_id={event.id}"])
    assert again.exit_code == 0 and "Imported 0 row(s)" in again.output  # the same file twice: no change
    assert participants() == 6


def test_odd_values_are_row_errors_not_crashes(app):
    event = setup_event()
    data = csv_bytes(
        """
Name,E-mail,Country,Attendance,Attended,Role
A,a@example.org,FRA,«»,yes,delegate
B,b@example.org,"""
        + "x" * 300
        + """,online,yes,
"""
    )
    result = run_import(importer(event), read_table("p.csv", data))
    assert [(e.row, e.column) for e in result.errors] == [(2, "Attendance"), (3, "Country")]
    assert "longer than 200 characters" in result.errors[1].message
    for options in ({}, {"event_id": "²"}, {"event_id": "99999999999999999999"}):
        assert ParticipantImporter(options=options).check_options() is not None
