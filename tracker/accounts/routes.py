from flask import current_app, flash, redirect, render_template, request, session, url_for
from flask_login import current_user, logout_user

from tracker.accounts import audit_view, bp, queries, services
from tracker.accounts.forms import (
    AuditFilterForm,
    ChangePasswordForm,
    LoginForm,
    UserCreateForm,
    UserEditForm,
)
from tracker.accounts.login import authenticate
from tracker.accounts.models import User
from tracker.accounts.sessions import session_start, sessions_end
from tracker.core.access import Role, access, public
from tracker.core.errors import DomainError
from tracker.core.forms import apply_domain_error
from tracker.core.locking import ConflictError, keep_input_after_conflict, row_values
from tracker.core.pagination import page_number
from tracker.core.redirects import safe_next
from tracker.extensions import db

LOGIN_FAILED = "Invalid e-mail or password."


def _safe_next(target: str | None) -> str:
    """Only a path on this site: never an absolute URL an attacker could plant in ?next=."""
    return safe_next(target, url_for("dashboards.home"))


@bp.route("/login", methods=["GET", "POST"])
@public
def login():
    if current_user.is_authenticated:
        return redirect(url_for("dashboards.home"))
    form = LoginForm()
    if form.validate_on_submit():
        attempt = authenticate(form.email.data, form.password.data, address=request.remote_addr)
        db.session.commit()  # failed attempts are kept too
        if attempt.user is not None:
            session_start(attempt.user)
            return redirect(_safe_next(request.args.get("next")))
        # Unknown account, wrong password, locked or throttled: the same words, no hint.
        flash(LOGIN_FAILED, "danger")
        return render_template("accounts/login.html", form=form), 429 if attempt.throttled else 200
    return render_template("accounts/login.html", form=form)


@bp.app_errorhandler(429)
def too_many_requests(error):
    """Flask-Limiter's own limits (shared by the workers through RATELIMIT_STORAGE_URI)."""
    return render_template("errors/error.html", code=429, message="Too many requests; wait a while."), 429


@bp.post("/logout")
@access(read=Role.VIEWER, write=Role.VIEWER)
def logout():
    sessions_end(current_user, by=current_user, reason="logged out")
    db.session.commit()
    logout_user()
    session.clear()
    flash("You are logged out.", "info")
    return redirect(url_for("accounts.login"))


@bp.route("/account/password", methods=["GET", "POST"])
@access(read=Role.VIEWER, write=Role.VIEWER)
def password_change():
    form = ChangePasswordForm()
    if form.validate_on_submit():
        try:
            services.password_change(
                current_user, current=form.current_password.data, new=form.new_password.data
            )
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            db.session.commit()
            # Every other session has ended; this one goes on.
            session_start(current_user._get_current_object())
            flash("Your password has been changed; your other sessions have ended.", "success")
            return redirect(url_for("dashboards.home"))
    return render_template("accounts/password.html", form=form)


@bp.get("/admin/users/")
@access(read=Role.ADMIN)
def user_list():
    page = page_number()
    pagination = queries.users_page(page, current_app.config["PAGE_SIZE"])
    return render_template("accounts/users.html", pagination=pagination)


@bp.route("/admin/users/new", methods=["GET", "POST"])
@access(read=Role.ADMIN, write=Role.ADMIN)
def user_create():
    form = UserCreateForm()
    if form.validate_on_submit():
        try:
            user = services.user_create(
                email=form.email.data,
                name=form.name.data,
                role=form.role.data,
                password=form.password.data,
                by=current_user,
            )
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            db.session.commit()
            flash(f"Account {user.email} created.", "success")
            return redirect(url_for("accounts.user_list"))
    return render_template("accounts/user_form.html", form=form, user=None)


@bp.route("/admin/users/<int:user_id>", methods=["GET", "POST"])
@access(read=Role.ADMIN, write=Role.ADMIN)
def user_edit(user_id: int):
    user = db.get_or_404(User, user_id)
    form = UserEditForm(obj=user)
    if form.validate_on_submit():
        try:
            services.user_update(
                user,
                name=form.name.data,
                role=form.role.data,
                active=form.active.data,
                version=form.version.data,
                by=current_user,
            )
        except ConflictError as error:
            db.session.rollback()
            user = db.get_or_404(User, user_id)
            keep_input_after_conflict(form, error, saved=row_values(form, user), version=user.version)
        except DomainError as error:
            db.session.rollback()
            apply_domain_error(form, error)
        else:
            db.session.commit()
            flash(f"Account {user.email} saved.", "success")
            return redirect(url_for("accounts.user_list"))
    return render_template("accounts/user_form.html", form=form, user=user)


@bp.post("/admin/users/<int:user_id>/end-sessions")
@access(read=Role.ADMIN, write=Role.ADMIN)
def user_end_sessions(user_id: int):
    user = db.get_or_404(User, user_id)
    sessions_end(user, by=current_user, reason=f"ended by {current_user.email}")
    db.session.commit()
    flash(f"Every session of {user.email} has ended.", "success")
    return redirect(url_for("accounts.user_edit", user_id=user.id))


@bp.get("/admin/audit")
@access(read=Role.ADMIN)
def audit_log():
    form = AuditFilterForm(request.args).fill(queries.audit_filter_choices())
    filters = {}
    if form.validate():
        filters = {
            "user_id": int(form.user.data) if form.user.data else None,
            "entity_type": form.entity_type.data or None,
            "action": form.action.data or None,
            "since": form.since.data,
            "until": form.until.data,
        }
    page = page_number()
    pagination = queries.audit_page(page=page, per_page=current_app.config["PAGE_SIZE"], **filters)
    args = {key: value for key, value in request.args.items() if key != "page"}
    return render_template(
        "accounts/audit.html", form=form, pagination=pagination, args=args, **audit_view.TEMPLATE_HELPERS
    )
