"""Writes for accounts. Services flush; the caller commits."""

from datetime import UTC, datetime
from functools import lru_cache

from flask import current_app
from sqlalchemy import func, select, update

from tracker.accounts.models import User
from tracker.accounts.passwords import hash_password, password_problem, verify_password
from tracker.core import audit
from tracker.core.access import Role
from tracker.core.errors import DomainError
from tracker.core.time import utcnow
from tracker.core.validation import normalise_email
from tracker.extensions import db


@lru_cache(maxsize=4)
def _dummy_hash(method: str) -> str:
    # Verifying against a throwaway hash when the account does not exist keeps the timing the same.
    return hash_password("not-a-real-password")


def _aware(moment: datetime | None) -> datetime | None:
    # SQLite returns naive datetimes; every stored moment is UTC.
    if moment is not None and moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment


def user_by_email(email: str) -> User | None:
    return db.session.scalar(select(User).where(User.email == email.strip().lower()))


def authenticate(email: str, password: str) -> User | None:
    """The user if the credentials are right and the account may log in; None otherwise.

    Failures are counted per account; after LOGIN_MAX_FAILURES in a row the account is locked for
    LOGIN_LOCKOUT, and the caller shows the same generic message in every case.
    """
    user = user_by_email(email)
    if user is None:
        verify_password(_dummy_hash(current_app.config["PASSWORD_HASH_METHOD"]), password)
        return None
    now = utcnow()
    if _aware(user.locked_until) and _aware(user.locked_until) > now:
        return None
    if not verify_password(user.password_hash, password):
        failures = user.failed_logins + 1
        locked = failures >= current_app.config["LOGIN_MAX_FAILURES"]
        _bookkeep(
            user,
            failed_logins=0 if locked else failures,
            locked_until=now + current_app.config["LOGIN_LOCKOUT"] if locked else user.locked_until,
        )
        if locked:
            audit.record(
                action="lock",
                entity_type="user",
                entity_id=user.id,
                summary=f"Account {user.email} locked after repeated failed logins",
            )
        return None
    if not user.active:
        return None
    _bookkeep(user, failed_logins=0, locked_until=None, last_login_at=now)
    return user


def _bookkeep(user: User, **values) -> None:
    """Log-in bookkeeping as a plain UPDATE: it neither checks nor moves the row's version, so a log-in
    never turns an administrator's open edit of the account into a conflict, and two log-ins at once
    never fail on each other (tracker/core/locking.py)."""
    db.session.execute(
        update(User).where(User.id == user.id).values(**values),
        execution_options={"synchronize_session": "fetch"},
    )


def _active_admins() -> int:
    return db.session.scalar(
        select(func.count(User.id)).where(User.role == Role.ADMIN, User.active.is_(True))
    )


def user_create(*, email: str, name: str, role: Role | str, password: str, by=None) -> User:
    try:
        email = normalise_email(email)
    except ValueError as error:
        raise DomainError(str(error), field="email") from None
    if user_by_email(email) is not None:
        raise DomainError(f"An account with the e-mail {email} already exists.", field="email")
    if problem := password_problem(password):
        raise DomainError(problem, field="password")
    user = User(email=email, name=name.strip(), role=Role(role), password_hash=hash_password(password))
    db.session.add(user)
    db.session.flush()
    audit.record_create(
        entity_type="user",
        entity_id=user.id,
        by=by,
        summary=f"Created account {email} ({user.role})",
        values={"role": user.role.value, "active": True},
    )
    return user


def user_update(user: User, *, name: str, role: Role | str, active: bool, by) -> User:
    role = Role(role)
    losing_admin = user.role == Role.ADMIN and user.active and (role != Role.ADMIN or not active)
    if losing_admin and _active_admins() <= 1:
        raise DomainError("This is the last active administrator; appoint another one first.", field="role")
    if user.id == getattr(by, "id", None) and not active:
        raise DomainError("You cannot deactivate your own account.", field="active")
    before = {"name": user.name, "role": user.role.value, "active": user.active}
    user.name, user.role, user.active = name.strip(), role, active
    audit.record_update(
        entity_type="user",
        entity_id=user.id,
        summary=f"Edited account {user.email}",
        before=before,
        after={"name": user.name, "role": role.value, "active": active},
        by=by,
    )
    db.session.flush()
    return user


def password_change(user: User, *, current: str, new: str) -> None:
    if not verify_password(user.password_hash, current):
        raise DomainError("The current password is not right.", field="current_password")
    if problem := password_problem(new):
        raise DomainError(problem, field="new_password")
    user.password_hash = hash_password(new)
    audit.record(
        action="password",
        entity_type="user",
        entity_id=user.id,
        by=user,
        summary=f"{user.email} changed their password",
    )
    db.session.flush()
