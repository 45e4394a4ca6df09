"""People pages: personal data (names, addresses, attendance of a named person), for editors only."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from tracker.core.access import Role, access
from tracker.core.errors import DomainError
from tracker.extensions import db
from tracker.people import bp, duplicates, queries, services
from tracker.people.forms import KeepApartForm, MergeForm, PersonSearchForm
from tracker.people.models import Person


@bp.get("/people/")
@access(read=Role.EDITOR)
def person_list():
    form = PersonSearchForm(request.args)
    rows = queries.person_list(form.q.data)
    return render_template("people/list.html", form=form, rows=rows)


@bp.get("/people/<int:person_id>")
@access(read=Role.EDITOR)
def person_detail(person_id: int):
    person = queries.person_for_page(person_id) or abort(404)
    return render_template(
        "people/detail.html",
        person=person,
        meetings=queries.meetings_of(person),
        designations=queries.designations_of(person),
    )


@bp.get("/people/duplicates")
@access(read=Role.EDITOR)
def duplicate_list():
    found = duplicates.suggestions(queries.candidates(), queries.kept_apart_pairs())
    return render_template(
        "people/duplicates.html", suggestions=found, merge_form=MergeForm(), apart_form=KeepApartForm()
    )


def _back():
    return redirect(url_for("people.duplicate_list"))


@bp.post("/people/<int:person_id>/merge")
@access(write=Role.EDITOR)
def person_merge(person_id: int):
    """Keep this record; the other one's meetings, designations and addresses move to it."""
    keep = db.get_or_404(Person, person_id)
    form = MergeForm()
    absorb = db.session.get(Person, form.other_id.data) if form.validate_on_submit() else None
    if absorb is None:
        flash("Nothing merged: the other record no longer exists (or the form was incomplete).", "danger")
        return _back()
    try:
        services.person_merge(
            keep=keep,
            absorb=absorb,
            keep_version=form.version.data,
            absorb_version=form.other_version.data,
            by=current_user,
        )
    except DomainError as error:
        db.session.rollback()
        flash(f"Nothing merged: {error}", "danger")
        return _back()
    db.session.commit()
    flash(f"Merged into {keep.display_name}.", "success")
    return redirect(url_for("people.person_detail", person_id=keep.id))


@bp.post("/people/<int:person_id>/keep-apart")
@access(write=Role.EDITOR)
def person_keep_apart(person_id: int):
    first = db.get_or_404(Person, person_id)
    form = KeepApartForm()
    second = db.session.get(Person, form.other_id.data) if form.validate_on_submit() else None
    if second is None:
        flash("Nothing recorded: the other record no longer exists (or the form was incomplete).", "danger")
        return _back()
    try:
        services.persons_keep_apart(first=first, second=second, by=current_user)
    except DomainError as error:
        db.session.rollback()
        flash(f"Nothing recorded: {error}", "danger")
        return _back()
    db.session.commit()
    flash(
        f"{first.display_name} and {second.display_name} are kept apart: they will not be suggested again.",
        "success",
    )
    return _back()
