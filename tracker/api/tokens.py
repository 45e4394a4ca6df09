"""Creating, revoking and checking personal access tokens. Services flush and audit; callers commit."""

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from tracker.accounts.models import User
from tracker.api.models import TOKEN_PREFIX, ApiToken, digest, new_token
from tracker.core import audit
from tracker.core.errors import DomainError
from tracker.core.time import as_utc, utcnow
from tracker.extensions import db

MAX_DAYS = 365  # a token that never expires outlives the reason it was made
DEFAULT_DAYS = 90
# "Last used" is kept to the hour: a write per call would move the data version (tracker/core/cache.py)
# and so empty every cache each time a script polls the API.
LAST_USED_PRECISION = timedelta(hours=1)


@dataclass(frozen=True)
class Created:
    token: ApiToken
    secret: str  # the plain token: shown once, never stored


def token_create(*, user: User, name: str, days: int = DEFAULT_DAYS, by: User | None) -> Created:
    name = (name or "").strip()
    if not name:
        raise DomainError("Give the token a name that says where it is used.", field="name")
    if len(name) > 100:
        raise DomainError("The name is too long (at most 100 characters).", field="name")
    if not 1 <= days <= MAX_DAYS:
        raise DomainError(f"A token lasts from 1 to {MAX_DAYS} days.", field="days")
    if not user.active:
        raise DomainError("The account is deactivated: it cannot have tokens.", field="email")
    secret = new_token()
    token = ApiToken(
        user=user,
        name=name,
        token_hash=digest(secret),
        hint=secret[: len(TOKEN_PREFIX) + 4],
        expires_on=date.today() + timedelta(days=days),
    )
    db.session.add(token)
    db.session.flush()
    audit.record_create(
        entity_type="api_token",
        entity_id=token.id,
        summary=f"API token “{name}” for {user.email}, valid until {token.expires_on.isoformat()}",
        by=by,
        values={"name": name, "user": user.email, "expires_on": token.expires_on.isoformat()},
    )
    return Created(token, secret)


def token_revoke(*, token: ApiToken, by: User) -> None:
    if token.revoked_at is not None:
        raise DomainError("This token was already revoked.")
    token.revoked_at = utcnow()
    db.session.flush()
    audit.record(
        action="revoke",
        entity_type="api_token",
        entity_id=token.id,
        summary=f"Revoked API token “{token.name}” of {token.user.email}",
        by=by,
    )


def tokens_of(user_id: int) -> list[ApiToken]:
    return list(
        db.session.scalars(
            select(ApiToken).where(ApiToken.user_id == user_id).order_by(ApiToken.created_at.desc())
        )
    )


def own_token(user_id: int, token_id: int) -> ApiToken | None:
    """The user's token with that id: another account's token is not found (no hint that it exists)."""
    return db.session.scalar(
        select(ApiToken)
        .where(ApiToken.id == token_id, ApiToken.user_id == user_id)
        .options(selectinload(ApiToken.user))
    )


class TokenRefused(Exception):
    """The bearer token does not open the API; the message says why, for the caller to fix."""


def token_user(secret: str, today: date) -> tuple[User, ApiToken]:
    """The account a bearer token acts for, or TokenRefused. Notes the use (flushed, not committed)."""
    token = db.session.scalar(
        select(ApiToken).where(ApiToken.token_hash == digest(secret)).options(selectinload(ApiToken.user))
    )
    if token is None:
        raise TokenRefused("The token is not valid. Create one under “API tokens” in your account menu.")
    if token.revoked_at is not None:
        raise TokenRefused("The token was revoked. Create a new one.")
    if token.expires_on < today:
        raise TokenRefused(f"The token expired on {token.expires_on.isoformat()}. Create a new one.")
    if not token.user.active:
        raise TokenRefused("The account of this token is deactivated.")
    now = utcnow()
    last = as_utc(token.last_used_at)
    if last is None or now - last >= LAST_USED_PRECISION:
        token.last_used_at = now
        db.session.flush()  # before the commit, so the data version moves with it (core/cache.py)
    return token.user, token
