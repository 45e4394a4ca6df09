from datetime import date

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from tracker.authorities import bp, exports, queries, services
from tracker.authorities.forms import (
    SOURCE_HELP,
    ActionForm,
    AuthorityForm,
    DeclarationForm,
    DirectoryFilterForm,
    PartyInputForm,
    ReviewForm,
    StatusFilterForm,
    declaration_choices,
)
from tracker.authorities.models import Article, Authority, OfficialDeclaration, PartyInput
from tracker.core import audit
from tracker.core.access import Role, access
from tracker.core.errors import DomainError
from tracker.core.forms import apply_domain_error, choices
from tracker.core.redirects import safe_next
from tracker.core.spreadsheets import FORMATS, download
from tracker.core.validation import format_phone
from tracker.countries.models import Country, Status
from tracker.countries.queries import country_by_iso3
from tracker.extensions import db

bp.add_app_template_filter(format_phone, "format_phone")


def _back(default: str) -> str:
    """Where to go after a POST: the page it came from (a local path only), else `default`."""
    return safe_next(request.form.get("next"), default)


def _format() -> str | None:
    fmt = request.args.get("format")
    if fmt is not None and fmt not in FORMATS:
        abort(404)
    return fmt


def _day(form: StatusFilterForm) -> date:
    return (form.on.data if form.validate() and form.on.data else None) or date.today()


def _party_or_404(iso3: str):
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
        headline=queries.input_headline(date.today()),
        today=date.today(),
    )


@bp.get("/export")
@access(read=Role.VIEWER)
def export():
    fmt = _format() or "xlsx"
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
    country = _party_or_404(iso3)
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
    country = _party_or_404(iso3)
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
            services.authority_update(authority, data=form.service_data(), by=current_user)
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
    back = _back(url_for("authorities.party", iso3=authority.country.iso3))
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
    return redirect(_back(url_for("authorities.status")))


@bp.post("/<int:authority_id>/review")
@access(write=Role.EDITOR)
def difference_review(authority_id: int):
    authority = db.get_or_404(Authority, authority_id)
    back = _back(url_for("authorities.party", iso3=authority.country.iso3))
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
    country = _party_or_404(request.args.get("iso3", ""))
    return redirect(url_for("authorities.declaration_create", iso3=country.iso3))


@bp.route("/parties/<iso3>/declarations/new", methods=["GET", "POST"])
@access(read=Role.EDITOR, write=Role.EDITOR)
def declaration_create(iso3: str):
    country = _party_or_404(iso3)
    form = DeclarationForm()
    if form.validate_on_submit():
        try:
            declaration = services.declaration_create(country=country, data=form.data, by=current_user)
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
            services.declaration_update(declaration, data=form.data, by=current_user)
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
        services.declaration_delete(declaration, by=current_user)
        db.session.commit()
        flash("The declaration is deleted; its authorities are no longer compared with it.", "success")
    return redirect(url_for("authorities.party", iso3=iso3))


# -- input received -----------------------------------------------------------------------------------


@bp.get("/inputs/")
@access(read=Role.VIEWER)
def input_list():
    return render_template("authorities/inputs.html", inputs=queries.party_inputs_list())


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
            services.party_input_record(
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
        services.party_input_delete(party_input, by=current_user)
        db.session.commit()
        flash("The input record is deleted.", "success")
    return redirect(_back(url_for("authorities.input_list")))


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
        status=queries.input_status(day),
    )


@bp.get("/follow-up")
@access(read=Role.VIEWER)
def follow_up():
    form = StatusFilterForm(request.args)
    day = _day(form)
    rows = queries.follow_up(day)
    fmt = _format()
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
