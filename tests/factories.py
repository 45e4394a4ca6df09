"""Rows for tests, with sensible defaults; each call makes a new, distinct row (flushed, not committed)."""

import itertools

from sqlalchemy import select

from tracker.accounts.models import User
from tracker.accounts.passwords import hash_password
from tracker.countries.models import Country, Organisation, OrganisationKind
from tracker.extensions import db

PASSWORD = "correct horse battery"
_sequence = itertools.count(1)


def user(*, role: str = "editor", email: str | None = None, password: str = PASSWORD, **kwargs) -> User:
    n = next(_sequence)
    row = User(
        email=email or f"{role}{n}@example.org",
        name=kwargs.pop("name", f"Test {role.title()} {n}"),
        role=role,
        password_hash=hash_password(password),
        **kwargs,
    )
    db.session.add(row)
    db.session.flush()
    return row


def organisation(**kwargs) -> Organisation:
    n = next(_sequence)
    row = Organisation(
        name=kwargs.pop("name", f"Organisation {n}"),
        acronym=kwargs.pop("acronym", f"ORG{n}"),
        kind=kwargs.pop("kind", OrganisationKind.INTERNATIONAL),
        **kwargs,
    )
    db.session.add(row)
    db.session.flush()
    return row


def country(iso3: str) -> Country:
    return db.session.scalar(select(Country).where(Country.iso3 == iso3))
