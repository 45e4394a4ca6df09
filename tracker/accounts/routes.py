from urllib.parse import urlsplit

from flask import current_app, flash, redirect, render_template, request, session, url_for
from flask_login import current_user, login_user, logout_user

from tracker.accounts import bp, queries, services
from tracker.accounts.forms import ChangePasswordForm, LoginForm, UserCreateForm, UserEditForm
from tracker.accounts.models import User
from tracker.core.access import Role, access, public
from tracker.core.errors import DomainError
from tracker.core.forms import apply_domain_error
from tracker.extensions import db

LOGIN_FAILED = "Invalid e-mail or password."


def _safe_next(target: str | None) -> str:
    """Only a path on this site: never an absolute URL an attacker could plant in ?next=."""
    if target and target.startswith("/") and not target.startswith("//") and not urlsplit(target).netloc:
        return target
    return url_for("main.home")


@bp.route("/login", methods=["GET", "POST"])
@public
def login():
    if current_user.is_authenticated:
        return redirect(url_for("main.home"))
    form = LoginForm()
    if form.validate_on_submit():
        user = services.authenticate(form.email.data, form.password.data)
        db.session.commit()  # failed attempts and lockouts are kept too
        if user is None:
            flash(LOGIN_FAILED, "danger")
        else:
            session.clear()
            session.permanent = True
            login_user(user)
            return redirect(_safe_next(request.args.get("next")))
    return render_template("accounts/login.html", form=form)


@bp.post("/logout")
@access(read=Role.VIEWER, write=Role.VIEWER)
def logout():
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
            flash("Your password has been changed.", "success")
            return redirect(url_for("main.home"))
    return render_template("accounts/password.html", form=form)


@bp.get("/admin/users/")
@access(read=Role.ADMIN)
def user_list():
    page = request.args.get("page", 1, type=int)
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
                user, name=form.name.data, role=form.role.data, active=form.active.data, by=current_user
            )
        except DomainError as error:
            db.session.rollback()
            apply_domain_error(form, error)
        else:
            db.session.commit()
            flash(f"Account {user.email} saved.", "success")
            return redirect(url_for("accounts.user_list"))
    return render_template("accounts/user_form.html", form=form, user=user)
