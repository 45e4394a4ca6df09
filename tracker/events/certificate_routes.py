"""Certificates of attendance: personal data, for editors; every download goes to the audit trail."""

from flask import Response, flash, redirect, render_template, url_for
from flask_login import current_user

from tracker.core import audit
from tracker.core.access import Role, access
from tracker.core.errors import DomainError
from tracker.core.forms import apply_domain_error
from tracker.core.locking import ConflictError, keep_input_after_conflict
from tracker.core.time import utcnow
from tracker.events import bp, certificate_templates, certificates
from tracker.events.forms import CertificateTemplateForm
from tracker.events.models import Event, Participant, ParticipantRole
from tracker.extensions import db


def _file(content: bytes, mimetype: str, name: str) -> Response:
    return Response(
        content,
        mimetype=mimetype,
        headers={"Content-Disposition": f'attachment; filename="{name}"', "Cache-Control": "no-store"},
    )


@bp.get("/participants/<int:participant_id>/certificate.pdf")
@access(read=Role.EDITOR)
def certificate(participant_id: int):
    participant = db.get_or_404(Participant, participant_id)
    event = participant.event
    if not participant.attended or participant.role == ParticipantRole.SECRETARIAT:
        flash(
            f"No certificate for {participant.name or 'this participant'}: only participants who attended "
            "(secretariat staff aside) get one.",
            "warning",
        )
        return redirect(url_for("events.event_detail", event_id=event.id, _anchor="participants"))
    wording, _ = certificate_templates.wording_for(event)
    content = certificates.pdf(participant, event, wording, utcnow().date())
    audit.record_export(
        entity_type="participant",
        entity_id=participant.id,
        summary=f"Downloaded the certificate of attendance of {participant.name or participant.id} "
        f"for {event.title} (PDF)",
        by=current_user,
    )
    db.session.commit()
    return _file(content, "application/pdf", certificates.filename(participant, event))


@bp.get("/events/<int:event_id>/certificates.zip")
@access(read=Role.EDITOR)
def certificates_zip(event_id: int):
    event = db.get_or_404(Event, event_id)
    people = certificate_templates.certified_participants(event.id)
    if not people:
        flash("No certificates to make: no participant of this event is recorded as attended.", "warning")
        return redirect(url_for("events.event_detail", event_id=event.id))
    wording, _ = certificate_templates.wording_for(event)
    content = certificates.archive(people, event, wording, utcnow().date())
    audit.record_export(
        entity_type="event",
        entity_id=event.id,
        summary=f"Downloaded {len(people)} certificates of attendance for {event.title} (ZIP)",
        by=current_user,
    )
    db.session.commit()
    return _file(content, "application/zip", f"certificates-{event.start_date.isoformat()}-{event.id}.zip")


def _edit(event: Event | None):
    template = certificate_templates.stored(event.id if event else None)
    wording, source = certificate_templates.wording_for(event) if event else (None, None)
    if event is None:
        wording = certificates.wording_of(template)
    form = CertificateTemplateForm(
        data={
            "title": wording.title,
            "body": wording.body,
            "signature": wording.signature,
            "version": template.version if template else "",
        }
    )
    if form.validate_on_submit():
        try:
            certificate_templates.certificate_template_save(
                event=event, data=form.data, version=form.version.data, by=current_user
            )
        except ConflictError as error:
            db.session.rollback()
            saved = certificate_templates.stored(event.id if event else None)
            keep_input_after_conflict(
                form,
                error,
                version=saved.version,
                saved={f: getattr(saved, f) for f in certificate_templates.FIELDS},
            )
        except DomainError as error:
            db.session.rollback()
            apply_domain_error(form, error)
        else:
            db.session.commit()
            flash("Certificate wording saved.", "success")
            if event is not None:
                return redirect(url_for("events.event_detail", event_id=event.id))
            return redirect(url_for("events.default_certificate_template"))
    return render_template(
        "events/certificate_template.html",
        form=form,
        event=event,
        source=source,
        placeholders=certificates.PLACEHOLDERS,
    )


@bp.route("/events/<int:event_id>/certificate-template", methods=["GET", "POST"])
@access(read=Role.EDITOR, write=Role.EDITOR)
def certificate_template(event_id: int):
    return _edit(db.get_or_404(Event, event_id))


@bp.route("/events/certificate-template", methods=["GET", "POST"])
@access(read=Role.EDITOR, write=Role.EDITOR)
def default_certificate_template():
    return _edit(None)
