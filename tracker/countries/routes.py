from datetime import date

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user

from tracker.core.access import Role, access
from tracker.core.errors import DomainError
from tracker.core.forms import apply_domain_error, choices
from tracker.core.locking import ConflictError, keep_input_after_conflict, row_values
from tracker.core.pagination import page_number
from tracker.countries import bp, queries, services
from tracker.countries.forms import CountryFilterForm, OrganisationForm
from tracker.countries.models import Instrument, Organisation, Status
from tracker.countries.profile import sections_for
from tracker.extensions import db


@bp.get("/countries/")
@access(read=Role.VIEWER)
def country_list():
    form = CountryFilterForm(request.args)
    form.region.choices += choices((r, r) for r in queries.regions())
    valid = form.validate()
    day = (form.on.data if valid and form.on.data else None) or date.today()
    status = Status(form.status.data) if valid and form.status.data else None
    region = form.region.data if valid and form.region.data else None
    rows = queries.countries_with_status(day, status=status, region=region)
    counts = queries.count_by_status(day, region=region)
    return render_template(
        "countries/list.html",
        form=form,
        rows=rows,
        counts=counts,
        day=day,
        status=status,
        region=region,
        convention=Instrument.ETS185,
    )


@bp.get("/countries/<iso3>")
@access(read=Role.VIEWER)
def country_detail(iso3: str):
    country = queries.country_by_iso3(iso3) or abort(404)
    today = date.today()
    return render_template(
        "countries/detail.html",
        country=country,
        today=today,
        instruments=list(Instrument),
        status_today=country.status_on(today),
        sections=sections_for(country, today, request.args.to_dict()),
    )


@bp.get("/organisations/")
@access(read=Role.VIEWER)
def organisation_list():
    page = page_number()
    pagination = queries.organisations_page(page, current_app.config["PAGE_SIZE"])
    return render_template("countries/organisations.html", pagination=pagination)


@bp.route("/organisations/new", methods=["GET", "POST"])
@access(read=Role.EDITOR, write=Role.EDITOR)
def organisation_create():
    form = OrganisationForm()
    if form.validate_on_submit():
        try:
            organisation = services.organisation_create(data=form.data, by=current_user)
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            db.session.commit()
            flash(f"Organisation {organisation.display_name} created.", "success")
            return redirect(url_for("countries.organisation_list"))
    return render_template("countries/organisation_form.html", form=form, organisation=None)


@bp.route("/organisations/<int:organisation_id>/edit", methods=["GET", "POST"])
@access(read=Role.EDITOR, write=Role.EDITOR)
def organisation_edit(organisation_id: int):
    organisation = db.get_or_404(Organisation, organisation_id)
    form = OrganisationForm(obj=organisation)
    if form.validate_on_submit():
        try:
            services.organisation_update(
                organisation, data=form.data, version=form.version.data, by=current_user
            )
        except ConflictError as error:
            db.session.rollback()
            organisation = db.get_or_404(Organisation, organisation_id)
            keep_input_after_conflict(
                form, error, saved=row_values(form, organisation), version=organisation.version
            )
        except DomainError as error:
            db.session.rollback()
            apply_domain_error(form, error)
        else:
            db.session.commit()
            flash(f"Organisation {organisation.display_name} saved.", "success")
            return redirect(url_for("countries.organisation_list"))
    return render_template("countries/organisation_form.html", form=form, organisation=organisation)
