from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user

from tracker.core import audit
from tracker.core.access import Role, access, has_role
from tracker.core.errors import DomainError
from tracker.core.forms import apply_domain_error, choices
from tracker.core.locking import ConflictError, keep_input_after_conflict, row_values
from tracker.core.pagination import page_number
from tracker.core.spreadsheets import download
from tracker.countries.queries import country_by_iso3, country_choices
from tracker.events import action_items, attendance, bp, exports, participants, queries, services
from tracker.events.forms import (
    ActionFilterForm,
    ActionItemForm,
    ActionNoteForm,
    ContributionForm,
    EventFilterForm,
    EventForm,
    ParticipantForm,
)
from tracker.events.models import (
    OUTSTANDING,
    ActionItem,
    ActionStatus,
    Contribution,
    CountryRole,
    Event,
    EventKind,
    Participant,
)
from tracker.events.sections import sections_for
from tracker.extensions import db

FORMATS = "any(csv, xlsx)"
# -- events ---------------------------------------------------------------------------------------------


@bp.get("/events/")
@access(read=Role.VIEWER)
def event_list():
    form = EventFilterForm(request.args)
    form.country.choices += choices((iso3, name) for iso3, name in queries.country_options())
    valid = form.validate()
    kind = EventKind(form.kind.data) if valid and form.kind.data else None
    year = form.year.data if valid else None
    country = country_by_iso3(form.country.data) if valid and form.country.data else None
    pagination = queries.events_page(
        kind=kind,
        year=year,
        country_id=country.id if country else None,
        page=page_number(),
        per_page=current_app.config["PAGE_SIZE"],
    )
    return render_template(
        "events/list.html",
        form=form,
        pagination=pagination,
        attendance=attendance.attendance_by_event(e.id for e in pagination.items),
        years=queries.event_years(),
        filters={"kind": kind.value if kind else "", "year": year or "", "country": form.country.data or ""},
    )


def _event_form(event: Event | None = None) -> EventForm:
    form = EventForm(data=services.event_form_data(event) if event is not None else None)
    form.set_country_choices(country_choices())
    return form


@bp.route("/events/new", methods=["GET", "POST"])
@access(read=Role.EDITOR, write=Role.EDITOR)
def event_create():
    form = _event_form()
    if form.validate_on_submit():
        try:
            event = services.event_create(data=form.data, by=current_user)
        except DomainError as error:
            db.session.rollback()
            apply_domain_error(form, error)
        else:
            db.session.commit()
            flash(f"Event “{event.title}” created.", "success")
            return redirect(url_for("events.event_detail", event_id=event.id))
    return render_template("events/form.html", form=form, event=None)


@bp.get("/events/<int:event_id>")
@access(read=Role.VIEWER)
def event_detail(event_id: int):
    event = queries.event_for_page(event_id) or abort(404)
    personal = has_role(current_user, Role.EDITOR)  # names and e-mails are for the secretariat
    return render_template(
        "events/detail.html",
        event=event,
        attendance=attendance.attendance(event.id),
        delegations=attendance.delegations(event),
        participants=queries.participants_of(event.id) if personal else None,
        contributions=queries.contributions_of(event.id),
        action_items=queries.action_items_of(event.id),
        roles=[role for role in CountryRole if event.countries_with(role)],
        sections=sections_for(event),
    )


@bp.route("/events/<int:event_id>/edit", methods=["GET", "POST"])
@access(read=Role.EDITOR, write=Role.EDITOR)
def event_edit(event_id: int):
    event = queries.event_for_page(event_id) or abort(404)
    form = _event_form(event)
    if form.validate_on_submit():
        try:
            services.event_update(event, data=form.data, version=form.version.data, by=current_user)
        except ConflictError as error:
            db.session.rollback()
            event = queries.event_for_page(event_id)
            keep_input_after_conflict(
                form, error, saved=services.event_form_data(event), version=event.version
            )
        except DomainError as error:
            db.session.rollback()
            apply_domain_error(form, error)
        else:
            db.session.commit()
            flash(f"Event “{event.title}” saved.", "success")
            return redirect(url_for("events.event_detail", event_id=event.id))
    return render_template("events/form.html", form=form, event=event)


@bp.post("/events/<int:event_id>/delete")
@access(write=Role.EDITOR)
def event_delete(event_id: int):
    event = db.get_or_404(Event, event_id)
    title = event.title
    services.event_delete(event, by=current_user)
    db.session.commit()
    flash(f"Event “{title}” deleted.", "info")
    return redirect(url_for("events.event_list"))


# -- participants ---------------------------------------------------------------------------------------


def _participant_form(participant: Participant | None = None) -> ParticipantForm:
    form = ParticipantForm(obj=participant)
    form.set_choices(country_choices(), queries.organisation_options())
    return form


@bp.route("/events/<int:event_id>/participants/new", methods=["GET", "POST"])
@access(read=Role.EDITOR, write=Role.EDITOR)
def participant_create(event_id: int):
    event = db.get_or_404(Event, event_id)
    form = _participant_form()
    if form.validate_on_submit():
        try:
            participants.participant_add(event, data=form.data, by=current_user)
        except DomainError as error:
            db.session.rollback()
            apply_domain_error(form, error)
        else:
            db.session.commit()
            flash("Participant added.", "success")
            if request.form.get("another"):
                return redirect(url_for("events.participant_create", event_id=event.id))
            return redirect(url_for("events.event_detail", event_id=event.id, _anchor="participants"))
    return render_template("events/participant_form.html", form=form, event=event, participant=None)


@bp.route("/participants/<int:participant_id>/edit", methods=["GET", "POST"])
@access(read=Role.EDITOR, write=Role.EDITOR)
def participant_edit(participant_id: int):
    participant = db.get_or_404(Participant, participant_id)
    form = _participant_form(participant)
    if form.validate_on_submit():
        try:
            participants.participant_update(
                participant, data=form.data, version=form.version.data, by=current_user
            )
        except ConflictError as error:
            db.session.rollback()
            participant = db.get_or_404(Participant, participant_id)
            keep_input_after_conflict(
                form, error, saved=row_values(form, participant), version=participant.version
            )
        except DomainError as error:
            db.session.rollback()
            apply_domain_error(form, error)
        else:
            db.session.commit()
            flash("Participant saved.", "success")
            return redirect(
                url_for("events.event_detail", event_id=participant.event_id, _anchor="participants")
            )
    return render_template(
        "events/participant_form.html", form=form, event=participant.event, participant=participant
    )


@bp.post("/participants/<int:participant_id>/delete")
@access(write=Role.EDITOR)
def participant_delete(participant_id: int):
    participant = db.get_or_404(Participant, participant_id)
    event_id = participant.event_id
    participants.participant_delete(participant, by=current_user)
    db.session.commit()
    flash("Participant removed.", "info")
    return redirect(url_for("events.event_detail", event_id=event_id, _anchor="participants"))


@bp.get(f"/events/<int:event_id>/participants.<{FORMATS}:fmt>")
@access(read=Role.EDITOR)
def participants_export(event_id: int, fmt: str):
    """The participant list with names and e-mails: personal data, for the secretariat."""
    event = db.get_or_404(Event, event_id)
    sheets = exports.personal_sheets(event, queries.participants_of(event.id))
    audit.record_export(
        entity_type="event",
        entity_id=event.id,
        summary=f"Exported the participant list of {event.title} with names and e-mails ({fmt})",
        by=current_user,
    )
    db.session.commit()
    return download(sheets, fmt, f"participants-{event.start_date.isoformat()}-{event.id}")


@bp.get(f"/events/<int:event_id>/attendance.<{FORMATS}:fmt>")
@access(read=Role.VIEWER)
def attendance_export(event_id: int, fmt: str):
    """Delegations and totals only, without personal data: the version to share."""
    event = db.get_or_404(Event, event_id)
    sheets = exports.aggregate_sheets(event)
    audit.record_export(
        entity_type="event",
        entity_id=event.id,
        summary=f"Exported the attendance of {event.title}, aggregates only ({fmt})",
        by=current_user,
    )
    db.session.commit()
    return download(sheets, fmt, f"attendance-{event.start_date.isoformat()}-{event.id}")


# -- contributions --------------------------------------------------------------------------------------


@bp.route("/events/<int:event_id>/contributions/new", methods=["GET", "POST"])
@access(read=Role.EDITOR, write=Role.EDITOR)
def contribution_create(event_id: int):
    event = db.get_or_404(Event, event_id)
    form = ContributionForm()
    form.country_id.choices = choices([("", "— choose —"), *country_choices()])
    if form.validate_on_submit():
        try:
            services.contribution_add(event, data=form.data, by=current_user)
        except DomainError as error:
            db.session.rollback()
            apply_domain_error(form, error)
        else:
            db.session.commit()
            flash("Contribution added.", "success")
            return redirect(url_for("events.event_detail", event_id=event.id, _anchor="contributions"))
    return render_template("events/contribution_form.html", form=form, event=event)


@bp.post("/contributions/<int:contribution_id>/delete")
@access(write=Role.EDITOR)
def contribution_delete(contribution_id: int):
    contribution = db.get_or_404(Contribution, contribution_id)
    event_id = contribution.event_id
    services.contribution_delete(contribution, by=current_user)
    db.session.commit()
    flash("Contribution removed.", "info")
    return redirect(url_for("events.event_detail", event_id=event_id, _anchor="contributions"))


# -- action items ---------------------------------------------------------------------------------------


@bp.get("/action-items/")
@access(read=Role.VIEWER)
def action_item_list():
    form = ActionFilterForm(request.args)
    valid = form.validate()
    choice = form.status.data if valid else ""
    if choice == "all":
        statuses = tuple(ActionStatus)
    elif choice:
        statuses = (ActionStatus(choice),)
    else:
        statuses = OUTSTANDING
    return render_template(
        "events/action_items.html",
        form=form,
        items=queries.open_action_items(statuses),
        counts=queries.action_item_counts(),
    )


@bp.route("/events/<int:event_id>/action-items/new", methods=["GET", "POST"])
@access(read=Role.EDITOR, write=Role.EDITOR)
def action_item_create(event_id: int):
    event = db.get_or_404(Event, event_id)
    form = ActionItemForm()
    if form.validate_on_submit():
        try:
            action_items.action_item_add(event, data=form.data, by=current_user)
        except DomainError as error:
            db.session.rollback()
            apply_domain_error(form, error)
        else:
            db.session.commit()
            flash("Action item added.", "success")
            return redirect(url_for("events.event_detail", event_id=event.id, _anchor="action-items"))
    return render_template("events/action_item_form.html", form=form, event=event, item=None, note_form=None)


def _render_action_item(item: ActionItem, form: ActionItemForm, note_form: ActionNoteForm):
    return render_template(
        "events/action_item_form.html", form=form, event=item.event, item=item, note_form=note_form
    )


@bp.route("/action-items/<int:action_item_id>/edit", methods=["GET", "POST"])
@access(read=Role.EDITOR, write=Role.EDITOR)
def action_item_edit(action_item_id: int):
    item = db.get_or_404(ActionItem, action_item_id)
    form = ActionItemForm(obj=item)
    if form.validate_on_submit():
        try:
            action_items.action_item_update(item, data=form.data, version=form.version.data, by=current_user)
        except ConflictError as error:
            db.session.rollback()
            item = db.get_or_404(ActionItem, action_item_id)
            keep_input_after_conflict(form, error, saved=row_values(form, item), version=item.version)
        except DomainError as error:
            db.session.rollback()
            apply_domain_error(form, error)
        else:
            db.session.commit()
            flash("Action item saved.", "success")
            return redirect(url_for("events.event_detail", event_id=item.event_id, _anchor="action-items"))
    return _render_action_item(item, form, ActionNoteForm(formdata=None))


@bp.post("/action-items/<int:action_item_id>/notes")
@access(write=Role.EDITOR)
def action_item_note(action_item_id: int):
    item = db.get_or_404(ActionItem, action_item_id)
    note_form = ActionNoteForm()
    if note_form.validate_on_submit():
        try:
            action_items.action_item_note_add(item, data=note_form.data, by=current_user)
        except DomainError as error:
            db.session.rollback()
            apply_domain_error(note_form, error)
        else:
            db.session.commit()
            flash("Follow-up noted.", "success")
            return redirect(url_for("events.action_item_edit", action_item_id=item.id))
    return _render_action_item(item, ActionItemForm(obj=item, formdata=None), note_form)


@bp.post("/action-items/<int:action_item_id>/delete")
@access(write=Role.EDITOR)
def action_item_delete(action_item_id: int):
    item = db.get_or_404(ActionItem, action_item_id)
    event_id = item.event_id
    action_items.action_item_delete(item, by=current_user)
    db.session.commit()
    flash("Action item removed.", "info")
    return redirect(url_for("events.event_detail", event_id=event_id, _anchor="action-items"))
