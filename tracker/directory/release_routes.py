"""Pages for the directory's numbered releases: list, publish, one release, compare two; exports."""

from datetime import date

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy.exc import IntegrityError

from tracker.core.access import Role, access
from tracker.core.errors import DomainError
from tracker.core.forms import apply_domain_error, choices
from tracker.core.spreadsheets import download
from tracker.directory import bp, exports, queries, services
from tracker.directory.forms import CompareForm, ReleaseForm
from tracker.directory.records import diff_records, group_by_country
from tracker.extensions import db


@bp.get("/releases/")
@access(read=Role.VIEWER)
def release_list():
    return render_template("directory/releases.html", releases=queries.releases())


@bp.route("/releases/new", methods=["GET", "POST"])
@access(read=Role.EDITOR, write=Role.EDITOR)
def release_create():
    form = ReleaseForm()
    if form.validate_on_submit():
        try:
            release = services.release_publish(
                released_on=form.released_on.data, note=form.note.data, by=current_user
            )
            db.session.commit()
        except DomainError as error:
            db.session.rollback()
            apply_domain_error(form, error)
        except IntegrityError:
            db.session.rollback()
            form.form_errors.append(
                "Someone published a version at the same moment; check the list and try again."
            )
        else:
            flash(f"Directory version {release.number} published.", "success")
            return redirect(url_for("directory.release_detail", number=release.number))
    latest = queries.latest_release()
    day = form.released_on.data if form.released_on.data and not form.released_on.errors else date.today()
    return render_template(
        "directory/release_form.html",
        form=form,
        latest=latest,
        day=day,
        changes=diff_records(latest.snapshot if latest else [], queries.records_on(day)),
    )


def _release_or_404(number: int):
    return queries.release(number) or abort(404)


@bp.get("/releases/<int:number>")
@access(read=Role.VIEWER)
def release_detail(number: int):
    release = _release_or_404(number)
    previous_number = queries.previous_release_number(number)
    previous = queries.release(previous_number) if previous_number else None
    return render_template(
        "directory/release.html",
        release=release,
        previous=previous,
        changes=diff_records(previous.snapshot if previous else [], release.snapshot),
        groups=group_by_country(release.snapshot),
    )


@bp.get("/releases/compare")
@access(read=Role.VIEWER)
def release_compare():
    numbers = queries.release_numbers()
    form = CompareForm(request.args)
    form.old.choices = form.new.choices = choices((n, f"Version {n} ({day:%d %b %Y})") for n, day in numbers)
    if numbers and not request.args:  # by default, the latest version against the one before it
        form.new.data, form.old.data = numbers[0][0], numbers[min(1, len(numbers) - 1)][0]
        valid = True
    else:
        valid = bool(numbers) and form.validate()
    old, new = (queries.release(form.old.data), queries.release(form.new.data)) if valid else (None, None)
    return render_template(
        "directory/compare.html",
        form=form,
        old=old,
        new=new,
        changes=diff_records(old.snapshot, new.snapshot) if old and new else [],
    )


@bp.get("/releases/<int:number>/export.<any(csv, xlsx):fmt>")
@access(read=Role.VIEWER)
def release_export(number: int, fmt: str):
    release = _release_or_404(number)
    sheet = exports.directory_sheet(
        release.snapshot, exports.release_heading(release.number, release.released_on)
    )
    services.export_record(
        what=f"directory version {release.number}", fmt=fmt, release=release, by=current_user
    )
    db.session.commit()
    return download([sheet], fmt, f"directory-v{release.number}-{release.released_on.isoformat()}")


@bp.get("/releases/<int:number>/print")
@access(read=Role.VIEWER)
def release_print(number: int):
    release = _release_or_404(number)
    services.export_record(
        what=f"directory version {release.number}", fmt="printable html", release=release, by=current_user
    )
    db.session.commit()
    return render_template(
        "directory/print.html",
        heading=exports.release_heading(release.number, release.released_on),
        groups=group_by_country(release.snapshot),
        count=release.entry_count,
    )
