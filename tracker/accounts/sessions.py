"""Sessions that end: on logout, on a password or role change, on an administrator's request, after
SESSION_IDLE_MINUTES without a request and SESSION_LIFETIME_MINUTES after the log-in, whichever comes first.

The session cookie carries the user's `session_token` (see `User.get_id`); rotating the token in the
database ends every session issued before, on every worker, with no server-side session store. The
log-in and last-request times live in the (signed) cookie; the loader refuses a cookie whose times have
run out.
"""

import hmac
import time
from datetime import timedelta

from flask import current_app, session
from flask_login import login_user
from sqlalchemy import update

from tracker.accounts.models import User, new_session_token
from tracker.core import audit
from tracker.extensions import db, login_manager

STARTED = "_started_at"  # epoch seconds of the log-in
SEEN = "_seen_at"  # epoch seconds of the last request


def session_start(user: User) -> None:
    """Log `user` in on a fresh session (no value from before the log-in survives)."""
    session.clear()
    session.permanent = True
    login_user(user)
    session[STARTED] = session[SEEN] = int(time.time())


def bookkeep(user: User, **values) -> None:
    """Session bookkeeping (token, last log-in) as a plain UPDATE: it neither checks nor moves the row's
    version (tracker/core/locking.py), so logging in or out never turns an administrator's open edit of
    the account into a conflict, and two log-ins at once never fail on each other."""
    db.session.execute(
        update(User).where(User.id == user.id).values(**values),
        execution_options={"synchronize_session": "fetch"},
    )


def sessions_end(user: User, *, by, reason: str) -> None:
    """End every session of `user`, on every device: the cookies they carry no longer match."""
    bookkeep(user, session_token=new_session_token())
    audit.record(
        action="end_sessions",
        entity_type="user",
        entity_id=user.id,
        by=by,
        summary=f"Sessions of {user.email} ended: {reason}",
    )
    db.session.flush()


def _expired(now: int) -> bool:
    started, seen = session.get(STARTED), session.get(SEEN)
    if not isinstance(started, int) or not isinstance(seen, int):
        return True  # a cookie from before these checks, or tampered with: start again
    idle = timedelta(minutes=current_app.config["SESSION_IDLE_MINUTES"]).total_seconds()
    lifetime = current_app.config["PERMANENT_SESSION_LIFETIME"]
    if isinstance(lifetime, timedelta):
        lifetime = lifetime.total_seconds()
    return now - seen > idle or now - started > lifetime


@login_manager.user_loader
def load_user(user_id: str) -> User | None:
    """The session's user if its token is current, the account active and the session not run out."""
    id_part, _, token = user_id.partition(":")
    if not id_part.isdigit() or not token:
        return None
    user = db.session.get(User, int(id_part))
    if user is None or not user.active or not hmac.compare_digest(user.session_token, token):
        return None
    now = int(time.time())
    if _expired(now):
        for key in (STARTED, SEEN):
            session.pop(key, None)
        return None
    session[SEEN] = now
    return user
