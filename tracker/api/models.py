"""Personal access tokens: how a script or another platform reads the API as one account.

Only a SHA-256 digest of the token is stored. A token is 32 random bytes, so a fast digest is enough: there
is nothing to guess that a slow password hash would protect, and the digest lets the lookup be one indexed
equality. The plain token is shown once, when it is created; whoever reads the database cannot use it.
"""

import hashlib
import secrets
from datetime import date, datetime

from sqlalchemy import Date, DateTime, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.accounts.models import User
from tracker.core.time import utcnow
from tracker.db import Base

# Recognisable in a leaked file or by a secret scanner's rules; a public marker, not part of the secret.
TOKEN_PREFIX = "tnt_"  # noqa: S105  # nosec B105


def new_token() -> str:
    return TOKEN_PREFIX + secrets.token_urlsafe(32)


def digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


class ApiToken(Base):
    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    # The first characters, to tell the owner's tokens apart on the page; too short to be of use.
    hint: Mapped[str] = mapped_column(String(12))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    expires_on: Mapped[date] = mapped_column(Date)
    last_used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    user: Mapped[User] = relationship()

    def state_on(self, day: date) -> str:
        if self.revoked_at is not None:
            return "revoked"
        return "expired" if self.expires_on < day else "active"

    def __repr__(self) -> str:
        return f"<ApiToken {self.hint}… of user {self.user_id}>"
