"""Pages: a user's own personal access tokens (create, shown once; revoke), and the API's documentation.

The new token is rendered in the answer to the POST, not flashed: a flash travels in the session cookie,
which is signed but readable, and the token must not be written anywhere but on the user's screen.
"""

from datetime import date

from flask import abort, flash, redirect, render_template, url_for
from flask_login import current_user

from tracker.api import pages, tokens
from tracker.api.forms import RevokeForm, TokenForm
from tracker.core.access import Role, access, public
from tracker.core.errors import DomainError
from tracker.core.forms import apply_domain_error
from tracker.extensions import db


def _page(form: TokenForm, created: tokens.Created | None = None):
    return render_template(
        "api/tokens.html",
        form=form,
        revoke_form=RevokeForm(),
        tokens=tokens.tokens_of(current_user.id),
        created=created,
        today=date.today(),
    )


@pages.route("/account/tokens", methods=["GET", "POST"])
@access(read=Role.VIEWER, write=Role.VIEWER)
def token_list():
    form = TokenForm()
    if form.validate_on_submit():
        try:
            created = tokens.token_create(
                user=current_user._get_current_object(),
                name=form.name.data,
                days=form.days.data,
                by=current_user,
            )
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            db.session.commit()
            return _page(TokenForm(formdata=None), created)
    return _page(form)


@pages.post("/account/tokens/<int:api_token_id>/revoke")
@access(write=Role.VIEWER)
def token_revoke(api_token_id: int):
    token = tokens.own_token(current_user.id, api_token_id) or abort(404)
    if RevokeForm().validate_on_submit():
        try:
            tokens.token_revoke(token=token, by=current_user)
        except DomainError as error:
            flash(str(error), "warning")
        else:
            db.session.commit()
            flash(f"The token “{token.name}” is revoked: it no longer opens the API.", "success")
    return redirect(url_for("api_pages.token_list"))


@pages.get("/api/v1/docs")
@public
def docs():
    """Swagger UI, from static/ (no CDN); its start-up script is a file, as the CSP wants."""
    return render_template("api/docs.html")
