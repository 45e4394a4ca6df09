from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from tracker.core.access import Role, access
from tracker.core.errors import DomainError
from tracker.core.forms import apply_domain_error
from tracker.core.imports import IMPORTERS, ImportFileError
from tracker.extensions import db
from tracker.imports import bp, services
from tracker.imports.forms import ConfirmForm, UploadForm
from tracker.imports.models import BatchStatus, ImportBatch


@bp.route("/<kind>/new", methods=["GET", "POST"])
@access(read=Role.EDITOR, write=Role.EDITOR)
def upload(kind: str):
    importer_class = IMPORTERS.get(kind) or abort(404)
    options = {name: request.args[name] for name in importer_class.option_names if name in request.args}
    form = UploadForm()
    if form.validate_on_submit():
        file = form.file.data
        try:
            batch = services.batch_upload(
                kind=kind, filename=file.filename or "", content=file.read(), options=options, by=current_user
            )
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            db.session.commit()
            return redirect(url_for("imports.preview", batch_id=batch.id))
    importer = importer_class(options=options, by=current_user)
    if request.method == "GET" and (problem := importer.check_options()):
        form.form_errors.append(problem)  # a bad option from the link: say so before a file is chosen
    return render_template("imports/upload.html", form=form, importer=importer, options=options)


@bp.get("/<int:batch_id>")
@access(read=Role.EDITOR)
def preview(batch_id: int):
    batch = db.get_or_404(ImportBatch, batch_id)
    importer, result, file_error = None, None, None
    try:
        importer, result = services.batch_preview(batch, by=current_user)
    except (ImportFileError, DomainError) as error:
        file_error = str(error)
    return render_template(
        "imports/preview.html",
        batch=batch,
        importer=importer,
        result=result,
        file_error=file_error,
        form=ConfirmForm(),
        pending=batch.status == BatchStatus.PENDING,
    )


@bp.post("/<int:batch_id>/resolve")
@access(write=Role.EDITOR)
def resolve(batch_id: int):
    batch = db.get_or_404(ImportBatch, batch_id)
    resolutions: dict[str, dict[str, str]] = {}
    # fields are named resolve-<index> with hidden resolve-<index>-column and resolve-<index>-value
    for name, choice in request.form.items():
        if name.startswith("resolve-") and name.count("-") == 1:
            column = request.form.get(f"{name}-column", "")
            raw = request.form.get(f"{name}-value", "")
            if column and raw:
                resolutions.setdefault(column, {})[raw] = choice
    try:
        services.batch_resolve(batch, resolutions=resolutions)
    except DomainError as error:
        flash(str(error), "danger")
    else:
        db.session.commit()
        flash("Your choices are recorded; check the preview again.", "info")
    return redirect(url_for("imports.preview", batch_id=batch.id))


@bp.post("/<int:batch_id>/confirm")
@access(write=Role.EDITOR)
def confirm(batch_id: int):
    batch = db.get_or_404(ImportBatch, batch_id)
    try:
        result = services.batch_confirm(batch, by=current_user)
    except (DomainError, ImportFileError) as error:
        db.session.rollback()
        flash(str(error), "danger")
        return redirect(url_for("imports.preview", batch_id=batch.id))
    if not result.valid:
        db.session.rollback()
        flash(f"Nothing was imported: {len(result.errors)} problem(s) remain.", "danger")
        return redirect(url_for("imports.preview", batch_id=batch.id))
    db.session.commit()
    flash(f"Imported {result.written} row(s) from {batch.filename}.", "success")
    importer = services.importer_for(batch)
    return redirect(importer.done_url() or url_for("imports.preview", batch_id=batch.id))


@bp.post("/<int:batch_id>/discard")
@access(write=Role.EDITOR)
def discard(batch_id: int):
    batch = db.get_or_404(ImportBatch, batch_id)
    try:
        services.batch_discard(batch)
    except DomainError as error:
        flash(str(error), "danger")
    else:
        db.session.commit()
        flash(f"The upload of {batch.filename} was discarded; nothing was imported.", "info")
    return redirect(services.importer_for(batch).done_url() or url_for("dashboards.home"))
