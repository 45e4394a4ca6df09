"""Pages for the directory's entries: list, one entry, create, edit, end, verify; current exports."""

from datetime import date

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user

from tracker.core.access import Role, access
from tracker.core.errors import DomainError
from tracker.core.forms import apply_domain_error, choices
from tracker.core.locking import ConflictError, keep_input_after_conflict
from tracker.core.pagination import page_number
from tracker.core.spreadsheets import download
from tracker.countries.models import Status
from tracker.countries.queries import country_by_iso3, country_choices, regions
from tracker.directory import bp, exports, queries, services
from tracker.directory.forms import ActionForm, ContactPointForm, DirectoryFilterForm, EndForm
from tracker.directory.models import ContactPointType
from tracker.directory.records import form_values, group_by_country, history_entries
from tracker.extensions import db


def _filter(form: DirectoryFilterForm) -> queries.DirectoryFilter:
    """The filter from the fields that are valid (an invalid one is shown with its error and ignored)."""

    def value(field):
        return field.data if field.data and not field.errors else None

    return queries.DirectoryFilter(
        country=value(form.country),
        type=ContactPointType(value(form.type)) if value(form.type) else None,
        region=value(form.region),
        status=Status(value(form.status)) if value(form.status) else None,
        stale=bool(value(form.stale)),
        search=value(form.q),
        state=value(form.state) or "current",
    )


@bp.get("/")
@access(read=Role.VIEWER)
def contact_point_list():
    form = DirectoryFilterForm(request.args)
    form.country.choices += choices(queries.countries_with_entries())
    form.region.choices += choices((r, r) for r in regions())
    form.validate()
    today = date.today()
    directory_filter = _filter(form)
    pagination = queries.directory_page(
        directory_filter,
        today,
        page=page_number(),
        per_page=current_app.config["PAGE_SIZE"],
    )
    arguments = {key: value for key, value in request.args.items() if key != "page" and value}
    return render_template(
        "directory/list.html",
        form=form,
        pagination=pagination,
        counts=queries.counts_by_type(directory_filter, today),
        selected_type=directory_filter.type,
        arguments=arguments,
        today=today,
    )


def _show(form, error: DomainError) -> None:
    """Each refusal on its field; an EntryInvalid names every problem of the entry at once."""
    for problem in getattr(error, "problems", [error]):
        apply_domain_error(form, problem)


def _country_choices() -> list:
    return choices([(0, "— choose the country —"), *country_choices()])


@bp.route("/new", methods=["GET", "POST"])
@access(read=Role.EDITOR, write=Role.EDITOR)
def contact_point_create():
    country = country_by_iso3(request.args.get("country", "")) if request.args.get("country") else None
    form = ContactPointForm(data={"country_id": country.id if country else 0, "valid_from": date.today()})
    form.country_id.choices = _country_choices()
    if form.validate_on_submit():
        try:
            cp = services.contact_point_create(data=form.data, by=current_user)
        except DomainError as error:
            db.session.rollback()
            _show(form, error)
        else:
            db.session.commit()
            flash(f"Contact point {cp.name} ({cp.country.name}) created.", "success")
            return redirect(url_for("directory.contact_point_detail", cp_id=cp.id))
    return render_template("directory/form.html", form=form, cp=None)


@bp.route("/<int:cp_id>/edit", methods=["GET", "POST"])
@access(read=Role.EDITOR, write=Role.EDITOR)
def contact_point_edit(cp_id: int):
    cp = queries.contact_point(cp_id) or abort(404)
    form = ContactPointForm(data=form_values(cp))
    del form.country_id  # an entry stays with the country that designated it
    if form.validate_on_submit():
        try:
            services.contact_point_update(cp, data=form.data, version=form.version.data, by=current_user)
        except ConflictError as error:
            db.session.rollback()
            cp = queries.contact_point(cp_id)
            keep_input_after_conflict(
                form, error, differences=services.entry_differences(form.data, cp), version=cp.version
            )
        except DomainError as error:
            db.session.rollback()
            _show(form, error)
        else:
            db.session.commit()
            flash(f"Contact point {cp.name} saved.", "success")
            return redirect(url_for("directory.contact_point_detail", cp_id=cp.id))
    return render_template("directory/form.html", form=form, cp=cp)


@bp.get("/<int:cp_id>")
@access(read=Role.VIEWER)
def contact_point_detail(cp_id: int):
    cp = queries.contact_point(cp_id) or abort(404)
    return render_template(
        "directory/detail.html",
        cp=cp,
        history=history_entries(queries.history(cp_id)),
        today=date.today(),
        action_form=ActionForm(),
    )


@bp.route("/<int:cp_id>/end", methods=["GET", "POST"])
@access(read=Role.EDITOR, write=Role.EDITOR)
def contact_point_end(cp_id: int):
    cp = queries.contact_point(cp_id) or abort(404)
    form = EndForm(data={"version": cp.version})
    if form.validate_on_submit():
        try:
            services.contact_point_end(
                cp, valid_to=form.valid_to.data, version=form.version.data, by=current_user
            )
        except DomainError as error:
            db.session.rollback()
            cp = queries.contact_point(cp_id)
            form.version.data = cp.version
            apply_domain_error(form, error)
        else:
            db.session.commit()
            flash(f"The designation of {cp.name} ends on {cp.valid_to:%d %b %Y}.", "success")
            return redirect(url_for("directory.contact_point_detail", cp_id=cp.id))
    return render_template("directory/end.html", form=form, cp=cp)


@bp.post("/<int:cp_id>/verify")
@access(write=Role.EDITOR)
def contact_point_verify(cp_id: int):
    cp = queries.contact_point(cp_id) or abort(404)
    if ActionForm().validate_on_submit():
        services.contact_point_verify(cp, by=current_user)
        db.session.commit()
        flash(f"{cp.name} marked as verified today.", "success")
    return redirect(url_for("directory.contact_point_detail", cp_id=cp.id))


@bp.get("/export.<any(csv, xlsx):fmt>")
@access(read=Role.VIEWER)
def directory_export(fmt: str):
    today = date.today()
    latest = queries.latest_release_number()
    sheet = exports.directory_sheet(queries.records_on(today), exports.current_heading(today, latest))
    services.export_record(
        what=f"the current directory ({today.isoformat()})", fmt=fmt, release=None, by=current_user
    )
    db.session.commit()
    return download([sheet], fmt, f"directory-current-{today.isoformat()}")


@bp.get("/print")
@access(read=Role.VIEWER)
def directory_print():
    today = date.today()
    records = queries.records_on(today)
    services.export_record(
        what=f"the current directory ({today.isoformat()})",
        fmt="printable html",
        release=None,
        by=current_user,
    )
    db.session.commit()
    return render_template(
        "directory/print.html",
        heading=exports.current_heading(today, queries.latest_release_number()),
        groups=group_by_country(records),
        count=len(records),
    )
