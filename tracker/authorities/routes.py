"""Pages for the directory of authorities: the directory and its export, the Parties, their authorities
(edit, fill from the declaration, review a difference) and their official declarations.

The input received, the status page and the follow-up list are in `input_routes`.
"""

from datetime import date

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from tracker.authorities import bp, declaration_services, exports, input_queries, queries, services
from tracker.authorities.forms import (
    SOURCE_HELP,
    ActionForm,
    AuthorityForm,
    DeclarationForm,
    DirectoryFilterForm,
    ReviewForm,
    declaration_choices,
)
from tracker.authorities.models import Article, Authority, OfficialDeclaration
from tracker.core import audit
from tracker.core.access import Role, access
from tracker.core.errors import DomainError
from tracker.core.forms import apply_domain_error
from tracker.core.locking import ConflictError, keep_input_after_conflict, row_values
from tracker.core.redirects import safe_next
from tracker.core.spreadsheets import FORMATS, download
from tracker.countries.models import Status
from tracker.countries.queries import country_by_iso3
from tracker.extensions import db


def back_to(default: str) -> str:
    """Where to go after a POST: the page it came from (a local path only), else `default`."""
    return safe_next(request.form.get("next"), default)


def export_format() -> str | None:
    """The `format` query argument: None for the page, a spreadsheet format, or 404 for anything else."""
    fmt = request.args.get("format")
    if fmt is not None and fmt not in FORMATS:
        abort(404)
    return fmt


def party_or_404(iso3: str):
    return country_by_iso3(iso3) or abort(404)


# -- the directory ------------------------------------------------------------------------------------


@bp.get("/")
@access(read=Role.VIEWER)
def directory():
    form = DirectoryFilterForm(request.args)
    article = Article(form.article.data) if form.validate() and form.article.data else None
    return render_template(
        "authorities/directory.html",
        form=form,
        article=article,
        views=queries.directory(article=article),
        headline=input_queries.input_headline(date.today()),
        today=date.today(),
    )


@bp.get("/export")
@access(read=Role.VIEWER)
def export():
    fmt = export_format() or "xlsx"
    today = date.today()
    views = queries.directory()
    response = download(exports.directory_sheets(views, day=today), fmt, f"authorities-{today.isoformat()}")
    audit.record_export(
        entity_type="authority",
        entity_id=None,
        by=current_user,
        summary=f"Exported the directory of authorities ({len(views)} authorities, {fmt.upper()})",
    )
    db.session.commit()
    return response


@bp.get("/parties/")
@access(read=Role.VIEWER)
def party_list():
    today = date.today()
    return render_template("authorities/parties.html", rows=queries.parties_overview(today), today=today)


@bp.get("/parties/<iso3>")
@access(read=Role.VIEWER)
def party(iso3: str):
    country = party_or_404(iso3)
    return render_template(
        "authorities/party.html",
        directory=queries.party_directory(country),
        today=date.today(),
        is_party=country.status_on(date.today()) == Status.PARTY,
    )


# -- authorities --------------------------------------------------------------------------------------


def _authority_form(country, authority=None) -> AuthorityForm:
    form = AuthorityForm(obj=authority)
    form.declaration_id.choices = declaration_choices(queries.declarations_of(country))
    if authority is not None and request.method == "GET":
        form.declaration_id.data = str(authority.declaration_id or 0)
    return form


@bp.route("/parties/<iso3>/new", methods=["GET", "POST"])
@access(read=Role.EDITOR, write=Role.EDITOR)
def authority_create(iso3: str):
    country = party_or_404(iso3)
    form = _authority_form(country)
    if request.method == "GET":
        form.article.data = request.args.get("article", Article.MUTUAL_ASSISTANCE.value)
    if form.validate_on_submit():
        try:
            authority = services.authority_create(country=country, data=form.service_data(), by=current_user)
        except DomainError as error:
            db.session.rollback()
            apply_domain_error(form, error)
        else:
            db.session.commit()
            flash(f"Authority {authority.name} added for {country.name}.", "success")
            return redirect(
                url_for("authorities.party", iso3=country.iso3, _anchor=f"authority-{authority.id}")
            )
    return render_template(
        "authorities/authority_form.html", form=form, country=country, authority=None, source_help=SOURCE_HELP
    )


@bp.route("/<int:authority_id>/edit", methods=["GET", "POST"])
@access(read=Role.EDITOR, write=Role.EDITOR)
def authority_edit(authority_id: int):
    authority = db.get_or_404(Authority, authority_id)
    country = authority.country
    form = _authority_form(country, authority)
    if form.validate_on_submit():
        try:
            services.authority_update(
                authority, data=form.service_data(), version=form.version.data, by=current_user
            )
        except ConflictError as error:
            db.session.rollback()
            authority = db.get_or_404(Authority, authority_id)
            saved = row_values(form, authority) | {"declaration_id": str(authority.declaration_id or 0)}
            keep_input_after_conflict(form, error, saved=saved, version=authority.version)
        except DomainError as error:
            db.session.rollback()
            apply_domain_error(form, error)
        else:
            db.session.commit()
            flash(f"Authority {authority.name} saved.", "success")
            return redirect(
                url_for("authorities.party", iso3=country.iso3, _anchor=f"authority-{authority.id}")
            )
    return render_template(
        "authorities/authority_form.html",
        form=form,
        country=country,
        authority=authority,
        source_help=SOURCE_HELP,
    )


@bp.post("/<int:authority_id>/delete")
@access(write=Role.EDITOR)
def authority_delete(authority_id: int):
    authority = db.get_or_404(Authority, authority_id)
    iso3, name = authority.country.iso3, authority.name
    if ActionForm().validate_on_submit():
        services.authority_delete(authority, by=current_user)
        db.session.commit()
        flash(f"Authority {name} deleted.", "success")
    return redirect(url_for("authorities.party", iso3=iso3))


@bp.post("/<int:authority_id>/fill")
@access(write=Role.EDITOR)
def authority_fill(authority_id: int):
    authority = db.get_or_404(Authority, authority_id)
    back = back_to(url_for("authorities.party", iso3=authority.country.iso3))
    if not ActionForm().validate_on_submit():
        return redirect(back)
    try:
        fields = services.authority_fill_from_declaration(authority, by=current_user)
    except DomainError as error:
        db.session.rollback()
        flash(str(error), "danger")
    else:
        db.session.commit()
        if fields:
            filled = ", ".join(f.label.lower() for f in fields)
            flash(f"Filled {filled} of {authority.name} from the official declaration.", "success")
        else:
            flash("The declaration holds none of the empty fields; nothing was filled.", "info")
    return redirect(back)


@bp.post("/fill-from-declarations")
@access(write=Role.EDITOR)
def fill_all():
    if ActionForm().validate_on_submit():
        count = services.authorities_fill_from_declarations(by=current_user)
        db.session.commit()
        flash(f"Filled empty fields of {count} authorities from their official declarations.", "success")
    return redirect(back_to(url_for("authorities.status")))


@bp.post("/<int:authority_id>/review")
@access(write=Role.EDITOR)
def difference_review(authority_id: int):
    authority = db.get_or_404(Authority, authority_id)
    back = back_to(url_for("authorities.party", iso3=authority.country.iso3))
    form = ReviewForm()
    if not form.validate_on_submit():
        errors = [e for field in (form.field, form.note) for e in field.errors]
        flash(f"Not marked as reviewed: {' '.join(errors) or 'the form was incomplete.'}", "danger")
        return redirect(back)
    try:
        services.difference_review(authority, field=form.field.data, note=form.note.data, by=current_user)
    except DomainError as error:
        db.session.rollback()
        flash(f"Not marked as reviewed: {error}", "danger")
    else:
        db.session.commit()
        flash(f"The difference in {form.field.data} of {authority.name} is marked as reviewed.", "success")
    return redirect(back)


# -- official declarations ----------------------------------------------------------------------------


@bp.get("/declarations/")
@access(read=Role.VIEWER)
def declaration_list():
    form = DirectoryFilterForm(request.args)
    article = Article(form.article.data) if form.validate() and form.article.data else None
    return render_template(
        "authorities/declarations.html",
        form=form,
        declarations=queries.declarations_list(article=article),
        parties=queries.party_codes_on(date.today()),
    )


@bp.get("/declarations/new")
@access(read=Role.EDITOR)
def declaration_pick():
    """The declarations page's "Add a declaration for [Party]" form lands here."""
    country = party_or_404(request.args.get("iso3", ""))
    return redirect(url_for("authorities.declaration_create", iso3=country.iso3))


@bp.route("/parties/<iso3>/declarations/new", methods=["GET", "POST"])
@access(read=Role.EDITOR, write=Role.EDITOR)
def declaration_create(iso3: str):
    country = party_or_404(iso3)
    form = DeclarationForm()
    if form.validate_on_submit():
        try:
            declaration = declaration_services.declaration_create(
                country=country, data=form.data, by=current_user
            )
        except DomainError as error:
            db.session.rollback()
            apply_domain_error(form, error)
        else:
            db.session.commit()
            flash(f"The {declaration.article.short} declaration of {country.name} is recorded.", "success")
            return redirect(url_for("authorities.party", iso3=country.iso3, _anchor="declarations"))
    return render_template("authorities/declaration_form.html", form=form, country=country, declaration=None)


@bp.route("/declarations/<int:declaration_id>/edit", methods=["GET", "POST"])
@access(read=Role.EDITOR, write=Role.EDITOR)
def declaration_edit(declaration_id: int):
    declaration = db.get_or_404(OfficialDeclaration, declaration_id)
    form = DeclarationForm(obj=declaration)
    if form.validate_on_submit():
        try:
            declaration_services.declaration_update(
                declaration, data=form.data, version=form.version.data, by=current_user
            )
        except ConflictError as error:
            db.session.rollback()
            declaration = db.get_or_404(OfficialDeclaration, declaration_id)
            keep_input_after_conflict(
                form, error, saved=row_values(form, declaration), version=declaration.version
            )
        except DomainError as error:
            db.session.rollback()
            apply_domain_error(form, error)
        else:
            db.session.commit()
            flash(
                f"The {declaration.article.short} declaration of {declaration.country.name} is saved.",
                "success",
            )
            return redirect(
                url_for("authorities.party", iso3=declaration.country.iso3, _anchor="declarations")
            )
    return render_template(
        "authorities/declaration_form.html",
        form=form,
        country=declaration.country,
        declaration=declaration,
    )


@bp.post("/declarations/<int:declaration_id>/delete")
@access(write=Role.EDITOR)
def declaration_delete(declaration_id: int):
    declaration = db.get_or_404(OfficialDeclaration, declaration_id)
    iso3 = declaration.country.iso3
    if ActionForm().validate_on_submit():
        declaration_services.declaration_delete(declaration, by=current_user)
        db.session.commit()
        flash("The declaration is deleted; its authorities are no longer compared with it.", "success")
    return redirect(url_for("authorities.party", iso3=iso3))
