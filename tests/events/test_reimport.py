"""Indico imports as attendance really happens: the check-in rule, and updated exports of the same event."""

import io
from pathlib import Path

from sqlalchemy import func, select

from tests.events import factories as make
from tests.events.test_import import INDICO_HEADER, INDICO_SAMPLE, csv_bytes, importer, setup_event
from tracker.core.imports import read_table, run_import
from tracker.events.models import AttendanceMode, AttendanceStatus, Participant
from tracker.extensions import db
from tracker.imports.models import ImportBatch

SAMPLE = csv_bytes(INDICO_SAMPLE)


def by_name(event) -> dict[str, Participant]:
    return {
        p.name: p for p in db.session.scalars(select(Participant).where(Participant.event_id == event.id))
    }


def audit_count() -> int:
    from tracker.core.audit import AuditEvent

    return db.session.scalar(select(func.count(AuditEvent.id)))


def test_check_in_decides_for_in_person_only_unless_the_editor_switches_the_rule(app):
    event = setup_event()
    result = run_import(importer(event), read_table("r.csv", SAMPLE))
    assert result.valid and result.written == 6
    rows = by_name(event)
    online = [p for p in rows.values() if p.mode == AttendanceMode.ONLINE]
    assert {p.name for p in online} == {"Joao Silva", "Ion Rusu"} and all(p.attended for p in online)

    other = make.event(title="Other meeting")
    db.session.commit()
    result = run_import(importer(other, online_rule="checked_in"), read_table("r.csv", SAMPLE))
    assert result.valid
    rows = by_name(other)
    assert rows["Ion Rusu"].status == AttendanceStatus.ABSENT and rows["Anna Kovacs"].attended
    assert importer(other, online_rule="sometimes").check_options() is not None


def test_an_attended_column_says_otherwise_for_online_registrants(app):
    event = setup_event()
    text = f"""{INDICO_HEADER},Attended
1,Ana Costa,Ana,Costa,ana@example.org,Police,Portugal,,Remotely,,Completed,No,excused
2,Bo Lind,Bo,Lind,bo@example.org,Police,Sweden,,Remotely,,Completed,No,
"""
    result = run_import(importer(event), read_table("r.csv", csv_bytes(text)))
    assert result.valid, result.errors
    rows = by_name(event)
    assert rows["Ana Costa"].status == AttendanceStatus.EXCUSED and rows["Bo Lind"].attended


def test_the_preview_names_the_event_states_the_rule_lets_the_editor_switch_it_and_counts_written_rows(
    client, login_as
):
    login_as("editor")
    event = setup_event(title="Fifth Plenary")
    page = client.get(f"/imports/participants/new?event_id={event.id}").get_data(as_text=True)
    assert "Import participants into Fifth Plenary" in page
    upload = client.post(
        f"/imports/participants/new?event_id={event.id}",
        data={"file": (io.BytesIO(SAMPLE), "registrants.csv")},
        content_type="multipart/form-data",
    )
    body = client.get(upload.location).get_data(as_text=True)
    assert "Into Fifth Plenary" in body
    assert "“Checked in” decides for in-person registrants only" in body
    assert "Import 6 row(s)" in body and "Import 8 row(s)" not in body  # two registrations are skipped
    assert "6 to add, 0 to update, 0 already imported with no change, 2 skipped" in body
    batch = db.session.scalar(select(ImportBatch))
    client.post(
        f"/imports/{batch.id}/resolve",
        data={
            "resolve-1": "checked_in",
            "resolve-1-column": "Online attendance rule",
            "resolve-1-value": "online",
        },
    )
    body = client.get(upload.location).get_data(as_text=True)
    assert "“Checked in” decides for every registrant" in body
    assert client.post(f"/imports/{batch.id}/confirm").status_code == 302
    rows = by_name(event)
    assert not rows["Ion Rusu"].attended and not rows["Joao Silva"].attended and rows["Anna Kovacs"].attended


# the same event's export a week later: 3's e-mail changed and not checked in, 5 withdrawn, 2 gone,
# 8 completed, 9 new
UPDATED = (Path(__file__).parent / "data" / "indico_registrants_updated.csv").read_text(encoding="utf-8")


def test_an_updated_export_updates_adds_and_lists_withdrawn_and_vanished_registrations(app):
    event = setup_event()
    assert run_import(importer(event), read_table("r.csv", SAMPLE)).written == 6
    ion = by_name(event)["Ion Rusu"]
    ion.status = AttendanceStatus.EXCUSED  # an editor's own correction: the assumed rule never overwrites it
    db.session.commit()
    before = audit_count()

    check = importer(event)
    result = run_import(check, read_table("r.csv", csv_bytes(UPDATED)), dry_run=True)
    assert result.valid, result.errors
    actions = {item.name if hasattr(item, "reason") else item.values["name"]: item for item in result.items}
    assert actions["Anna Kovacs"].action == "unchanged" and actions["Ion Rusu"].action == "unchanged"
    assert actions["Mele Tupou"].changes == {
        "email": "mele.tupou@police.to",
        "status": AttendanceStatus.ABSENT,
    }
    assert actions["Sara Lind"].action == "add" and actions["Li Wei"].action == "add"
    assert {(g.participant.name, g.why) for g in check.gone} == {
        ("Elif Yilmaz", "withdrawn in the file"),
        ("Joao Silva", "not in the file"),
    }
    assert check.write_count(result.items) == 3

    result = run_import(importer(event), read_table("r.csv", csv_bytes(UPDATED)))
    assert result.written == 3
    rows = by_name(event)
    assert len(rows) == 8 and rows["Mele Tupou"].email == "mele.tupou@police.to"
    assert rows["Ion Rusu"].status == AttendanceStatus.EXCUSED
    assert rows["Elif Yilmaz"].attended  # listed, not changed until the editor marks it
    assert audit_count() > before

    # the same file twice changes nothing
    before = audit_count()
    again = run_import(importer(event), read_table("r.csv", csv_bytes(UPDATED)))
    assert again.valid and again.written == 0 and len(by_name(event)) == 8
    assert audit_count() == before  # (the page and the command line add the import's own record)


def test_participants_imported_before_registration_ids_are_found_by_e_mail(app):
    event = setup_event()
    make.participant(event, "HUN", name="Anna Kovacs", email="anna.kovacs@example.org")
    db.session.commit()
    result = run_import(importer(event), read_table("r.csv", SAMPLE))
    assert result.valid, result.errors and result.written == 6
    anna = by_name(event)["Anna Kovacs"]
    assert anna.registration_id == "1" and len(by_name(event)) == 6


def test_a_registrant_matched_to_two_people_is_refused(app):
    event = setup_event()
    run_import(importer(event), read_table("r.csv", SAMPLE))
    # registration 1 (Anna) now carries Mele's e-mail
    text = f"""{INDICO_HEADER}
1,Anna Kovacs,Anna,Kovacs,mele.tupou@example.org,NBI,Hungary,,In person,,Completed,Yes
"""
    result = run_import(importer(event), read_table("r.csv", csv_bytes(text)))
    assert [(e.row, e.column) for e in result.errors] == [(2, "E-mail")]
    assert "matched to two people: Anna Kovacs (registration ID 1) and Mele Tupou" in result.errors[0].message
    assert by_name(event)["Anna Kovacs"].email == "anna.kovacs@example.org"


def test_the_editor_marks_withdrawn_and_vanished_registrations_in_the_preview(client, login_as):
    login_as("editor")
    event = setup_event()
    run_import(importer(event), read_table("r.csv", SAMPLE))
    db.session.commit()
    upload = client.post(
        f"/imports/participants/new?event_id={event.id}",
        data={"file": (io.BytesIO(csv_bytes(UPDATED)), "updated.csv")},
        content_type="multipart/form-data",
    )
    body = client.get(upload.location).get_data(as_text=True)
    assert "Withdrawn or no longer registered" in body and "Import 3 row(s)" in body
    elif_id, joao_id = (by_name(event)[name].id for name in ("Elif Yilmaz", "Joao Silva"))
    batch = db.session.scalar(select(ImportBatch).where(ImportBatch.filename == "updated.csv"))
    client.post(
        f"/imports/{batch.id}/resolve",
        data={
            "resolve-1": "excused",
            "resolve-1-column": "Withdrawn or vanished",
            "resolve-1-value": str(elif_id),
            "resolve-2": "keep",
            "resolve-2-column": "Withdrawn or vanished",
            "resolve-2-value": str(joao_id),
        },
    )
    assert "Import 4 row(s)" in client.get(upload.location).get_data(as_text=True)
    assert client.post(f"/imports/{batch.id}/confirm").status_code == 302
    rows = by_name(event)
    assert rows["Elif Yilmaz"].status == AttendanceStatus.EXCUSED and rows["Joao Silva"].attended
