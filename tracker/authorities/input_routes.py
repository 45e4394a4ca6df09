"""Pages for the input received from the Parties: the list and its records, the status page and the
follow-up list (and its export)."""

from datetime import date

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user

from tracker.authorities import bp, exports, input_queries, input_services, queries
from tracker.authorities.forms import ActionForm, PartyInputForm, StatusFilterForm
from tracker.authorities.models import PartyInput
from tracker.authorities.routes import back_to, export_format
from tracker.core import audit
from tracker.core.access import Role, access
from tracker.core.errors import DomainError
from tracker.core.forms import apply_domain_error, choices
from tracker.core.spreadsheets import download
from tracker.countries.models import Country
from tracker.countries.queries import country_by_iso3
from tracker.extensions import db


def _day(form: StatusFilterForm) -> date:
    return (form.on.data if form.validate() and form.on.data else None) or date.today()


# -- input received -----------------------------------------------------------------------------------


@bp.get("/inputs/")
@access(read=Role.VIEWER)
def input_list():
    return render_template("authorities/inputs.html", inputs=input_queries.party_inputs_list())


@bp.route("/inputs/new", methods=["GET", "POST"])
@access(read=Role.EDITOR, write=Role.EDITOR)
def input_create():
    form = PartyInputForm()
    form.country_id.choices = choices([("", "— choose a Party —")] + queries.parties_on(date.today()))
    if request.method == "GET" and (country := country_by_iso3(request.args.get("country", ""))):
        form.country_id.data = country.id
    if form.validate_on_submit():
        country = db.get_or_404(Country, form.country_id.data)
        try:
            input_services.party_input_record(
                country=country, received_on=form.received_on.data, note=form.note.data, by=current_user
            )
        except DomainError as error:
            db.session.rollback()
            apply_domain_error(form, error)
        else:
            db.session.commit()
            flash(
                f"Input from {country.name} received on {form.received_on.data:%d %b %Y} is recorded.",
                "success",
            )
            return redirect(url_for("authorities.party", iso3=country.iso3, _anchor="inputs"))
    return render_template("authorities/input_form.html", form=form)


@bp.post("/inputs/<int:input_id>/delete")
@access(write=Role.EDITOR)
def input_delete(input_id: int):
    party_input = db.get_or_404(PartyInput, input_id)
    if ActionForm().validate_on_submit():
        input_services.party_input_delete(party_input, by=current_user)
        db.session.commit()
        flash("The input record is deleted.", "success")
    return redirect(back_to(url_for("authorities.input_list")))


# -- status and follow-up -----------------------------------------------------------------------------


@bp.get("/status")
@access(read=Role.VIEWER)
def status():
    form = StatusFilterForm(request.args)
    day = _day(form)
    return render_template(
        "authorities/status.html",
        form=form,
        day=day,
        status=input_queries.input_status(day),
    )


@bp.get("/follow-up")
@access(read=Role.VIEWER)
def follow_up():
    form = StatusFilterForm(request.args)
    day = _day(form)
    rows = input_queries.follow_up(day)
    fmt = export_format()
    if fmt is None:
        return render_template(
            "authorities/follow_up.html",
            form=form,
            day=day,
            rows=rows,
            procedure=exports.TREATY_OFFICE_PROCEDURE,
            declarations_url=exports.DECLARATIONS_URL,
        )
    response = download(
        exports.follow_up_sheets(rows, day=day), fmt, f"authorities-follow-up-{day.isoformat()}"
    )
    audit.record_export(
        entity_type="authority",
        entity_id=None,
        by=current_user,
        summary=f"Exported the follow-up list of the directory of authorities as of {day:%d %b %Y} "
        f"({len(rows)} Parties, {fmt.upper()})",
    )
    db.session.commit()
    return response
