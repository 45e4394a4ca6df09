"""Log-in that neither tells whether an account exists nor lets a stranger lock its owner out.

Every attempt costs the same: one password-hash check (against a throwaway hash when the account is
unknown, inactive or locked) and the same queries, and gets the same answer. Failures are counted in the
database, so every worker sees them, by e-mail typed (known or not) and client address:

- LOGIN_MAX_FAILURES failures for one (account, address) pair within LOGIN_LOCKOUT lock that pair only:
  the owner logging in from their own address is not affected;
- LOGIN_FAILURES_PER_ADDRESS (looser, any accounts) throttles one address guessing across accounts;
- LOGIN_FAILURES_PER_ACCOUNT (loosest, any addresses; NIST SP 800-63B caps it at 100) bounds guessing
  one account from many addresses.
"""

from dataclasses import dataclass
from datetime import timedelta
from functools import lru_cache

from flask import current_app
from limits import parse
from sqlalchemy import delete, func, select

from tracker.accounts.models import LoginFailure, User
from tracker.accounts.passwords import hash_password, verify_password
from tracker.accounts.sessions import bookkeep
from tracker.core import audit
from tracker.core.time import utcnow
from tracker.extensions import db


@dataclass(frozen=True)
class Attempt:
    user: User | None  # the user when the log-in succeeded
    throttled: bool = False  # refused by the per-address or per-account limit (HTTP 429)


@lru_cache(maxsize=4)
def _dummy_hash(method: str) -> str:
    return hash_password("not-a-real-password")


def _window(setting: str) -> tuple[int, timedelta]:
    limit = parse(current_app.config[setting])
    return limit.amount, timedelta(seconds=limit.get_expiry())


def _failures(since, *conditions) -> int:
    query = select(func.count(LoginFailure.id)).where(LoginFailure.at > since, *conditions)
    return db.session.scalar(query)


def authenticate(email: str, password: str, *, address: str) -> Attempt:
    """Check the credentials typed at `address`; count the failure, if it is one. Flushes, never commits."""
    email = email.strip().lower()
    address = address or "unknown"
    now = utcnow()
    config = current_app.config
    per_address, address_window = _window("LOGIN_FAILURES_PER_ADDRESS")
    per_account, account_window = _window("LOGIN_FAILURES_PER_ACCOUNT")
    lockout = config["LOGIN_LOCKOUT"]
    throttled = (
        _failures(now - address_window, LoginFailure.address == address) >= per_address
        or _failures(now - account_window, LoginFailure.email == email) >= per_account
    )
    pair = (LoginFailure.email == email, LoginFailure.address == address)
    locked = _failures(now - lockout, *pair) >= config["LOGIN_MAX_FAILURES"]
    user = db.session.scalar(select(User).where(User.email == email))
    usable = user is not None and user.active and not locked and not throttled
    # One hash check whatever the case: the answer takes as long for an unknown or locked account.
    password_hash = user.password_hash if usable else _dummy_hash(config["PASSWORD_HASH_METHOD"])
    if verify_password(password_hash, password) and usable:
        db.session.execute(delete(LoginFailure).where(*pair))  # "in a row": a success starts again
        bookkeep(user, last_login_at=now)
        return Attempt(user)
    _failure_count(email, address, now, locked=locked, user=user)
    return Attempt(None, throttled=throttled)


def _failure_count(email: str, address: str, now, *, locked: bool, user: User | None) -> None:
    config = current_app.config
    longest = max(config["LOGIN_LOCKOUT"], *(_window(key)[1] for key in _WINDOWS))
    db.session.execute(delete(LoginFailure).where(LoginFailure.at < now - longest))
    db.session.add(LoginFailure(email=email, address=address, at=now))
    db.session.flush()
    pair = (LoginFailure.email == email, LoginFailure.address == address)
    if not locked and _failures(now - config["LOGIN_LOCKOUT"], *pair) >= config["LOGIN_MAX_FAILURES"]:
        audit.record(
            action="lock",
            entity_type="user",
            entity_id=user.id if user else None,
            summary=f"Log-in as {email} from {address} locked after repeated failures",
        )


_WINDOWS = ("LOGIN_FAILURES_PER_ADDRESS", "LOGIN_FAILURES_PER_ACCOUNT")
