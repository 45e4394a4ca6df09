"""The status of a country on a date, at the edges, in Python and in SQL alike."""

from datetime import date

import pytest
from sqlalchemy import select

from tests import factories
from tracker.countries.models import Instrument, Status, TreatyMembership, status_on
from tracker.extensions import db

D = date.fromisoformat


def membership(**kwargs) -> TreatyMembership:
    kwargs.setdefault("instrument", Instrument.ETS185)
    return TreatyMembership(**kwargs)


CASES = [
    # (description, membership fields, day, expected)
    (
        "before signature",
        dict(recorded_status=Status.PARTY, signed_on=D("2001-11-23"), deposited_on=D("2004-01-01")),
        D("2001-11-22"),
        Status.NONE,
    ),
    (
        "on the day of signature",
        dict(recorded_status=Status.PARTY, signed_on=D("2001-11-23"), deposited_on=D("2004-01-01")),
        D("2001-11-23"),
        Status.SIGNATORY,
    ),
    (
        "signed, not ratified",
        dict(recorded_status=Status.SIGNATORY, signed_on=D("2002-02-28")),
        D("2024-12-10"),
        Status.SIGNATORY,
    ),
    (
        "the day before deposit",
        dict(recorded_status=Status.PARTY, signed_on=D("2001-11-23"), deposited_on=D("2004-01-01")),
        D("2003-12-31"),
        Status.SIGNATORY,
    ),
    (
        "on the day of deposit",
        dict(recorded_status=Status.PARTY, signed_on=D("2001-11-23"), deposited_on=D("2004-01-01")),
        D("2004-01-01"),
        Status.PARTY,
    ),
    (
        "party before entry into force",
        dict(recorded_status=Status.PARTY, deposited_on=D("2024-06-20"), entry_into_force_on=D("2024-10-01")),
        D("2024-07-01"),
        Status.PARTY,
    ),
    (
        "acceded, before accession",
        dict(recorded_status=Status.PARTY, deposited_on=D("2024-06-20")),
        D("2024-06-19"),
        Status.NONE,
    ),
    ("deposit date not recorded", dict(recorded_status=Status.PARTY), D("1990-01-01"), Status.PARTY),
    (
        "deposit date not recorded, signature known",
        dict(recorded_status=Status.PARTY, signed_on=D("2001-11-23")),
        D("2000-01-01"),
        Status.PARTY,
    ),
    (
        "signatory, signature date not recorded",
        dict(recorded_status=Status.SIGNATORY),
        D("2000-01-01"),
        Status.SIGNATORY,
    ),
    (
        "invited to accede",
        dict(recorded_status=Status.OBSERVER, invited_on=D("2024-10-09")),
        D("2024-10-09"),
        Status.OBSERVER,
    ),
    (
        "before the invitation",
        dict(recorded_status=Status.OBSERVER, invited_on=D("2024-10-09")),
        D("2024-10-08"),
        Status.NONE,
    ),
    ("invited, date not recorded", dict(recorded_status=Status.OBSERVER), D("2024-01-01"), Status.OBSERVER),
    (
        "invited, then acceded",
        dict(recorded_status=Status.PARTY, invited_on=D("2023-01-01"), deposited_on=D("2024-06-20")),
        D("2024-01-01"),
        Status.OBSERVER,
    ),
]


@pytest.mark.parametrize(("fields", "day", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_status_on_a_date(fields, day, expected):
    assert membership(**fields).status_on(day) == expected


def test_no_membership_means_no_status():
    assert status_on(None, D("2024-12-10")) == Status.NONE


@pytest.mark.parametrize(("fields", "day", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_sql_expression_agrees_with_python(app, fields, day, expected):
    row = membership(country=factories.country("ATA"), **fields)  # Antarctica has no real membership
    db.session.add(row)
    db.session.flush()
    in_sql = db.session.scalar(select(TreatyMembership.status_on(day)).where(TreatyMembership.id == row.id))
    assert Status(in_sql) == expected
    db.session.rollback()


def test_reference_data_counts_on_the_eve_of_the_31st_plenary(app):
    from tracker.countries.queries import count_by_status

    counts = count_by_status(D("2024-12-10"))
    assert counts[Status.PARTY] == 76
    assert counts[Status.SIGNATORY] == 2
    assert counts[Status.OBSERVER] == 10


def test_history_stays_right_when_a_country_accedes_later(app):
    benin = factories.country("BEN")
    assert benin.status_on(D("2024-06-19")) == Status.NONE
    assert benin.status_on(D("2024-06-20")) == Status.PARTY
    assert benin.membership(Instrument.ETS185).entry_into_force_on == D("2024-10-01")
