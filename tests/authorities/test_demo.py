"""The demo reproduces the plenary's state of play: 55 of 76 Parties provided input."""

from datetime import date

from sqlalchemy import func, select

from tracker.authorities import input_queries
from tracker.authorities.models import Authority, DifferenceReview, OfficialDeclaration, PartyInput, Source
from tracker.countries.models import Country, Instrument, TreatyMembership
from tracker.demo import load_demo
from tracker.extensions import db

PLENARY = date(2024, 12, 10)


def table_counts() -> tuple:
    return tuple(
        db.session.scalar(select(func.count(model.id)))
        for model in (Authority, OfficialDeclaration, PartyInput, DifferenceReview)
    )


def test_demo_gives_the_plenary_figures_and_is_idempotent(app):
    load_demo()
    db.session.commit()
    counts = input_queries.input_counts(PLENARY)
    assert counts["parties"] == 76 and counts["provided_input"] == 55
    assert counts == {
        "parties": 76,
        "provided_input": 55,
        "incomplete": 3,
        "filled_from_declaration": 5,
        "differs_from_declaration": 4,
        "differs_unreviewed": 3,
    }
    status = input_queries.input_status(PLENARY)
    assert {k: status[k] for k in counts} == counts
    assert len(status["no_input"]) == 21 and len(status["inputs"]) == 55
    before = table_counts()
    load_demo()
    db.session.commit()
    assert table_counts() == before


def test_demo_input_dates_are_in_2024_and_never_before_the_deposit(app):
    load_demo()
    rows = db.session.execute(
        select(PartyInput.received_on, TreatyMembership.deposited_on)
        .join(TreatyMembership, TreatyMembership.country_id == PartyInput.country_id)
        .where(TreatyMembership.instrument == Instrument.ETS185)
    ).all()
    assert rows and all(date(2024, 1, 1) <= received <= PLENARY for received, _ in rows)
    assert all(deposited is None or received >= deposited for received, deposited in rows)
    assert any(received >= date(2024, 6, 21) for received, _ in rows)
    # some values were taken from declarations, contact data is fictitious
    assert db.session.scalar(
        select(func.count(Authority.id)).where(Authority.email_source == Source.OFFICIAL_DECLARATION)
    )
    emails = db.session.scalars(select(Authority.email).where(Authority.email.is_not(None))).all()
    assert emails and all(e.endswith("@example.org") for e in emails)
    names = set(db.session.scalars(select(Country.iso3).join(PartyInput.country)))
    assert "ROU" in names and "AND" not in names
