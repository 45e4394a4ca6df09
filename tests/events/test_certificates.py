"""Certificates of attendance: real PDFs read back with pypdf, the ZIP of an event, the wording an editor
adjusts (placeholders checked), and every download in the audit trail."""

import io
import zipfile
from datetime import date

from pypdf import PdfReader
from sqlalchemy import select

from tests.events import factories as make
from tracker.core.audit import AuditEvent
from tracker.events.models import AttendanceMode, AttendanceStatus, CertificateTemplate, ParticipantRole
from tracker.extensions import db


def text_of(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return " ".join(page.extract_text() for page in reader.pages)


def _event():
    event = make.event(
        title="Annual meeting of the 24/7 Network",
        start_date=date(2024, 10, 17),
        end_date=date(2024, 10, 18),
        organiser="Cybercrime Programme Office (C-PROC)",
    )
    online = make.participant(
        event, "VNM", name="Nguyễn Văn An", email="an@gov.example", mode=AttendanceMode.ONLINE
    )
    in_person = make.participant(event, "CIV", name="Łukasz Kowalski", email="l@gov.example")
    absent = make.participant(event, "FRA", name="Absent One", status=AttendanceStatus.ABSENT)
    staff = make.participant(event, "FRA", name="Staff Member", role=ParticipantRole.SECRETARIAT)
    db.session.commit()
    return event, online, in_person, absent, staff


def test_a_certificate_names_the_person_event_dates_mode_and_organiser_in_unicode(app, client, login_as):
    event, online, in_person, *_ = _event()
    login_as("editor")
    response = client.get(f"/participants/{online.id}/certificate.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert response.headers["Cache-Control"] == "no-store"
    text = text_of(response.data)
    for expected in ("Certificate of attendance", "Nguyễn Văn An", "Vietnam", event.title, "17–18 Oct 2024"):
        assert expected in text, expected
    assert "online" in text and "Cybercrime Programme Office (C-PROC)" in text
    text = text_of(client.get(f"/participants/{in_person.id}/certificate.pdf").data)
    assert "Łukasz Kowalski" in text and "Côte d'Ivoire" in text.replace("’", "'") and "in person" in text
    exports = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "export")).all()
    assert len(exports) == 2 and "Nguyễn Văn An" in exports[0].summary


def test_no_certificate_for_who_did_not_attend_or_ran_the_event(app, client, login_as):
    _, _, _, absent, staff = _event()
    login_as("editor")
    for participant in (absent, staff):
        response = client.get(f"/participants/{participant.id}/certificate.pdf")
        assert response.status_code == 302
        assert "only participants who attended" in client.get(response.location).get_data(as_text=True)
    assert db.session.scalar(select(AuditEvent).where(AuditEvent.action == "export")) is None


def test_the_zip_holds_one_certificate_per_attended_participant(app, client, login_as):
    event, online, in_person, *_ = _event()
    login_as("editor")
    response = client.get(f"/events/{event.id}/certificates.zip")
    assert response.status_code == 200 and response.mimetype == "application/zip"
    with zipfile.ZipFile(io.BytesIO(response.data)) as bundle:
        names = sorted(bundle.namelist())
        assert names == [
            f"certificate-2024-10-17-lukasz-kowalski-{in_person.id}.pdf",
            f"certificate-2024-10-17-nguyen-van-an-{online.id}.pdf",
        ]
        assert "Nguyễn Văn An" in text_of(bundle.read(names[1]))
    summary = db.session.scalar(select(AuditEvent.summary).where(AuditEvent.action == "export"))
    assert summary == f"Downloaded 2 certificates of attendance for {event.title} (ZIP)"


def test_an_event_with_no_attendance_makes_no_zip(app, client, login_as):
    event = make.event()
    db.session.commit()
    login_as("editor")
    response = client.get(f"/events/{event.id}/certificates.zip")
    assert "No certificates to make" in client.get(response.location).get_data(as_text=True)


def test_the_wording_is_adjusted_per_event_and_by_default_with_checked_placeholders(app, client, login_as):
    event, online, *_ = _event()
    other = make.event(title="Workshop on e-evidence")
    db.session.commit()
    login_as("editor")
    response = client.post(
        "/events/certificate-template",
        data={"title": "Attestation", "body": "{name} took part in {event} ({mode}).", "version": ""},
    )
    assert response.status_code == 302
    response = client.post(
        f"/events/{event.id}/certificate-template",
        data={
            "title": "Certificate",
            "body": "{name} attended {event} in {place}.",
            "signature": "Head of C-PROC",
        },
    )
    assert response.status_code == 302
    assert "Head of C-PROC" in text_of(client.get(f"/participants/{online.id}/certificate.pdf").data)
    visitor = make.participant(other, "FRA", name="Jeanne Martin")
    db.session.commit()
    text = text_of(client.get(f"/participants/{visitor.id}/certificate.pdf").data)
    assert "Attestation" in text and "Jeanne Martin took part in Workshop on e-evidence (in person)." in text
    templates = db.session.scalars(select(CertificateTemplate)).all()
    assert len(templates) == 2
    audited = db.session.scalars(
        select(AuditEvent.action).where(AuditEvent.entity_type == "certificate_template")
    )
    assert sorted(audited) == ["create", "create"]


def test_bad_placeholders_are_named_and_nothing_is_saved(app, client, login_as):
    event, *_ = _event()
    login_as("editor")
    for body, message in (
        ("Dear {nom}", "unknown placeholder {nom}"),
        ("{name.__class__}", "unknown placeholder {name.__class__}"),
        ("{name!r}", "without a format or conversion"),
        ("Hello {name", "expected &#39;}&#39; before end of string"),
    ):
        page = client.post(
            f"/events/{event.id}/certificate-template", data={"title": "T", "body": body}
        ).get_data(as_text=True)
        assert message in page, body
        assert "Text:" in page
    assert db.session.scalar(select(CertificateTemplate)) is None


def test_a_stale_save_of_the_wording_is_a_conflict(app, client, login_as):
    login_as("editor")
    client.post("/events/certificate-template", data={"title": "One", "body": "{name}", "version": ""})
    loaded = db.session.scalar(select(CertificateTemplate.version))
    client.post("/events/certificate-template", data={"title": "Two", "body": "{name}", "version": loaded})
    page = client.post(
        "/events/certificate-template", data={"title": "Three", "body": "{name}", "version": loaded}
    ).get_data(as_text=True)
    assert "Someone else saved this certificate wording" in page
    db.session.expire_all()
    assert db.session.scalar(select(CertificateTemplate.title)) == "Two"
