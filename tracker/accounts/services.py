"""Writes for accounts. Services flush; the caller commits."""

from sqlalchemy import func, select

from tracker.accounts.models import User
from tracker.accounts.passwords import hash_password, password_problem, verify_password
from tracker.accounts.sessions import sessions_end
from tracker.core import audit, locking
from tracker.core.access import Role
from tracker.core.errors import DomainError
from tracker.core.locking import check_version
from tracker.core.validation import normalise_email
from tracker.extensions import db


def user_by_email(email: str) -> User | None:
    return db.session.scalar(select(User).where(User.email == email.strip().lower()))


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
    if problem := password_problem(password, email=email, name=name):
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


def user_update(user: User, *, name: str, role: Role | str, active: bool, version, by) -> User:
    """Save an administrator's edit; `version` is the one they loaded (another save is a conflict)."""
    check_version(user, version, what="account")
    role = Role(role)
    losing_admin = user.role == Role.ADMIN and user.active and (role != Role.ADMIN or not active)
    if losing_admin and _active_admins() <= 1:
        raise DomainError("This is the last active administrator; appoint another one first.", field="role")
    if user.id == getattr(by, "id", None) and not active:
        raise DomainError("You cannot deactivate your own account.", field="active")
    before = {"name": user.name, "role": user.role.value, "active": user.active}
    if role != user.role:  # sessions carry what the old role allowed; start again with the new one
        sessions_end(user, by=by, reason=f"role changed to {role.value}")
    user.name, user.role, user.active = name.strip(), role, active
    audit.record_update(
        entity_type="user",
        entity_id=user.id,
        summary=f"Edited account {user.email}",
        before=before,
        after={"name": user.name, "role": role.value, "active": active},
        by=by,
    )
    locking.flush(what="account")
    return user


def password_change(user: User, *, current: str, new: str) -> None:
    """Change `user`'s password and end every session they have (the caller starts a new one)."""
    if not verify_password(user.password_hash, current):
        raise DomainError("The current password is not right.", field="current_password")
    if problem := password_problem(new, email=user.email, name=user.name):
        raise DomainError(problem, field="new_password")
    if verify_password(user.password_hash, new):
        raise DomainError("The new password must differ from the current one.", field="new_password")
    user.password_hash = hash_password(new)
    sessions_end(user, by=user, reason="password changed")
    audit.record(
        action="password",
        entity_type="user",
        entity_id=user.id,
        by=user,
        summary=f"{user.email} changed their password",
    )
    db.session.flush()
