"""Directory rows for tests: distinct, valid, flushed (not committed)."""

import itertools
from datetime import date

from sqlalchemy import func, select

from tests import factories
from tracker.directory.models import ContactPoint, ContactPointType, DirectoryRelease
from tracker.extensions import db

_sequence = itertools.count(1)


def contact_point(iso3: str = "FRA", **kwargs) -> ContactPoint:
    n = next(_sequence)
    values = {
        "institution": f"Institution {n}",
        "unit": "Cybercrime Unit",
        "type": ContactPointType.POLICE,
        "phone": "+33199000000",
        "email": f"cp{n}@example.org",
        "available_24_7": True,
        "languages": ["fra", "eng"],
        "valid_from": date(2020, 1, 1),
        "last_verified_on": date.today(),
    } | kwargs
    row = ContactPoint(country=factories.country(iso3), **values)
    db.session.add(row)
    db.session.flush()
    return row


def release(**kwargs) -> DirectoryRelease:
    number = (db.session.scalar(select(func.max(DirectoryRelease.number))) or 0) + 1
    row = DirectoryRelease(
        number=number,
        released_on=kwargs.pop("released_on", date(2024, 1, 1)),
        snapshot=kwargs.pop("snapshot", []),
        entry_count=0,
        **kwargs,
    )
    db.session.add(row)
    db.session.flush()
    return row
