"""Online attendance from Zoom and Microsoft Teams reports, in the layouts the tools download."""

import io
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from tests import factories
from tests.events import factories as make
from tests.events.test_import import INDICO_SAMPLE, csv_bytes, setup_event
from tracker.core.imports import ImportFileError, read_table, run_import
from tracker.events import attendance
from tracker.events.imports import ParticipantImporter
from tracker.events.models import AttendanceMode, Participant, ParticipantRole
from tracker.events.videoconference import AttendanceImporter
from tracker.extensions import db
from tracker.imports.models import ImportBatch

DATA = Path(__file__).parent / "data"
HOST = {"Videoconference participant": {"Meeting Host <host@secretariat.example.org>": "ignore"}}


def plenary():
    """The Indico sample imported into a hybrid event on 18 October 2024 (Joao Silva and Ion Rusu online)."""
    event = setup_event(start_date=date(2024, 10, 18), title="Fifth Plenary")
    table = read_table("r.csv", csv_bytes(INDICO_SAMPLE))
    assert run_import(ParticipantImporter(options={"event_id": str(event.id)}), table).written == 6
    db.session.commit()
    return event


def report(event, filename, **options):
    importer = AttendanceImporter(options={"event_id": str(event.id), **options})
    return importer, importer.read(filename, (DATA / filename).read_bytes())


def people(event) -> dict[str, Participant]:
    return {
        p.name: p for p in db.session.scalars(select(Participant).where(Participant.event_id == event.id))
    }


def test_a_zoom_report_sets_online_attendance_and_minutes_merging_joins(app):
    event = plenary()
    importer, table = report(event, "zoom_participants.csv")
    result = run_import(importer, table)
    assert [(e.row, e.column) for e in result.errors] == [(4, "Name")]
    assert "“Meeting Host” is not a participant of this event" in result.errors[0].message
    [(column, raw, options)] = importer.unresolved()
    assert raw == "Meeting Host <host@secretariat.example.org>" and options[-1][0] == "ignore"
    assert people(event)["Joao Silva"].minutes_online is None  # nothing written

    importer, table = report(event, "zoom_participants.csv", resolutions=HOST)
    result = run_import(importer, table)
    assert result.valid, result.errors
    assert result.written == 3 == importer.write_count(result.items)
    rows = people(event)
    assert (rows["Joao Silva"].minutes_online, rows["Joao Silva"].mode) == (204, AttendanceMode.ONLINE)
    assert rows["Ion Rusu"].minutes_online == 209 and rows["Ion Rusu"].attended  # by Zoom's original name
    # attended in person and joined the call too: stays in person, gains the minutes
    assert (rows["Anna Kovacs"].mode, rows["Anna Kovacs"].minutes_online) == (AttendanceMode.IN_PERSON, 30)

    importer, table = report(event, "zoom_participants.csv", resolutions=HOST)
    assert run_import(importer, table).written == 0  # the same report twice changes nothing


def test_a_zoom_report_with_the_meeting_block_and_a_report_of_another_day(app):
    event = plenary()
    importer, table = report(event, "zoom_participants_with_meeting.csv", resolutions=HOST)
    assert table.headers[:2] == ["Name (original name)", "User Email"] and len(table.rows) == 3
    result = run_import(importer, table)
    assert result.valid, result.errors and people(event)["Joao Silva"].minutes_online == 208

    other_day = make.event(start_date=date(2024, 10, 25), title="Workshop")
    db.session.commit()
    with pytest.raises(
        ImportFileError, match="a meeting on 18 Oct 2024, but Workshop took place on 25 Oct 2024"
    ):
        report(other_day, "zoom_participants_with_meeting.csv")


def test_a_teams_report_utf16_in_sections_through_the_command_line(app):
    event = plenary()
    secretariat = factories.organisation(name="Secretariat of the Convention")
    make.participant(
        event,
        None,
        organisation=secretariat,
        role=ParticipantRole.SECRETARIAT,
        name="Meeting Host",
        email="host@secretariat.example.org",
    )
    db.session.commit()
    path = DATA / "teams_attendance_report.csv"
    result = app.test_cli_runner().invoke(
        args=["import", "attendance", str(path), "--option", f"event_id={event.id}"]
    )
    assert result.exit_code == 0, result.output
    rows = people(event)
    assert rows["Joao Silva"].minutes_online == 204  # "3h 24m 26s", e-mail matched
    assert rows["Ion Rusu"].minutes_online == 208  # "Rusu, Ion": the same words
    assert rows["Meeting Host"].minutes_online == 216
    assert attendance.attendance(event.id).online == 2


def test_unknown_layouts_and_a_name_matching_two_people_are_refused(app):
    event = plenary()
    importer = AttendanceImporter(options={"event_id": str(event.id)})
    with pytest.raises(ImportFileError, match="not a videoconference report the tracker knows"):
        importer.read("report.csv", b"Full Name,User Action,Timestamp\nAna,Joined,10/18/2024 09:00\n")
    with pytest.raises(ImportFileError, match="not a videoconference report"):
        importer.read("r.csv", (DATA / "indico_registrants_sample.csv").read_bytes())
    make.participant(event, "DEU", name="Pierre Durand", email="p.durand@example.de")
    db.session.commit()
    text = b"Name (original name),User Email,Join time,Leave time,Duration (minutes)\n"
    text += b"Pierre Durand,,10/18/2024 09:00:00 AM,10/18/2024 10:00:00 AM,60\n"
    result = run_import(importer, importer.read("z.csv", text))
    assert [(e.row, e.column) for e in result.errors] == [(2, "Name")]
    assert (
        "matches two people" in result.errors[0].message
        and "Pierre Durand (Germany)" in result.errors[0].message
    )
    assert all(p.minutes_online is None for p in people(event).values())


def test_the_upload_page_preview_and_the_sentence_change(client, login_as):
    login_as("editor")
    event = plenary()
    joao = people(event)["Joao Silva"]
    joao.status = joao.status.ABSENT  # say the registrant import had marked him absent
    db.session.commit()
    before = attendance.attendance(event.id).sentence
    page = client.get(f"/events/{event.id}").get_data(as_text=True)
    assert f"/imports/attendance/new?event_id={event.id}" in page
    page = client.get(f"/imports/attendance/new?event_id={event.id}").get_data(as_text=True)
    assert "Import videoconference attendance into Fifth Plenary" in page
    upload = client.post(
        f"/imports/attendance/new?event_id={event.id}",
        data={"file": (io.BytesIO((DATA / "zoom_participants.csv").read_bytes()), "zoom.csv")},
        content_type="multipart/form-data",
    )
    assert upload.status_code == 302
    body = client.get(upload.location).get_data(as_text=True)
    assert "Values to resolve by hand" in body and "Meeting Host &lt;host@secretariat.example.org&gt;" in body
    batch = db.session.scalar(select(ImportBatch).where(ImportBatch.kind == "attendance"))
    client.post(
        f"/imports/{batch.id}/resolve",
        data={
            "resolve-1": "ignore",
            "resolve-1-column": "Videoconference participant",
            "resolve-1-value": "Meeting Host <host@secretariat.example.org>",
        },
    )
    body = client.get(upload.location).get_data(as_text=True)
    assert "Every row is valid" in body and "Import 3 row(s)" in body and "added to row 2" in body
    assert client.post(f"/imports/{batch.id}/confirm").status_code == 302
    after = attendance.attendance(event.id).sentence
    assert before.startswith("5 delegates") and after.startswith("6 delegates (4 in person and 2 online)")
