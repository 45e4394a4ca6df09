"""Loading countries and the reference data on treaty membership."""

from datetime import date

import pytest
from sqlalchemy import func, select

from tests import factories
from tracker.countries import reference
from tracker.countries.models import Country, Instrument, Status, TreatyMembership
from tracker.countries.reference import ReferenceDataError, read_memberships
from tracker.countries.services import countries_sync, reference_load
from tracker.extensions import db


def test_every_iso_country_with_its_un_region(app):
    assert db.session.scalar(select(func.count(Country.id))) == 249
    france = factories.country("FRA")
    assert (france.iso2, france.region, france.subregion) == ("FR", "Europe", "Western Europe")
    assert factories.country("ECU").intermediate_region == "South America"


def test_sync_and_load_are_idempotent(app):
    assert countries_sync() == {"created": 0, "updated": 0}
    assert reference_load() == {"created": 0, "updated": 0}


def test_load_repairs_an_edited_row(app):
    benin = factories.country("BEN").membership(Instrument.ETS185)
    benin.deposited_on = date(2000, 1, 1)
    db.session.flush()
    assert reference_load()["updated"] == 1
    assert benin.deposited_on == date(2024, 6, 20)
    db.session.rollback()


def test_missing_dates_stay_missing(app):
    argentina = factories.country("ARG").membership(Instrument.ETS185)
    assert argentina.deposited_on is None and argentina.deposit_date_missing
    assert argentina.status_on(date(1990, 1, 1)) == Status.PARTY


def test_protocol_status_is_implied_by_its_dates(app):
    memberships = {
        m.country.iso3: m
        for m in db.session.scalars(
            select(TreatyMembership).where(TreatyMembership.instrument == Instrument.CETS224)
        )
    }
    assert memberships["ALB"].recorded_status == Status.SIGNATORY
    assert memberships["ALB"].status_on(date(2023, 2, 26)) == Status.NONE
    assert memberships["ALB"].status_on(date(2023, 2, 27)) == Status.SIGNATORY


def _write(tmp_path, text: str):
    path = tmp_path / "budapest_convention_ets185.csv"
    path.write_text(text, encoding="utf-8")
    return path


HEADER = (
    "iso3,name,status,invited_on,signature_date,ratification_date,entry_into_force_date,source_url,note\n"
)


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (
            "ALB,Albania,party,,2001-11-23,20-06-2002,,,\n",
            "line 2: ratification_date '20-06-2002' is not a date",
        ),
        ("ALB,Albania,party,,,,,,\nXXX,Nowhere,party,,,,,,\n", "line 3: unknown ISO 3166 alpha-3 code 'XXX'"),
        ("ALB,Albania,member,,,,,,\n", "line 2: status 'member' is not one of party, signatory, invited"),
        ("ALB,Albania,party,,,,,,\nALB,Albania,party,,,,,,\n", "line 3: ALB appears twice"),
        ("ALB,Albania,party,,,,,,,extra\n", "line 2: more values than columns"),
    ],
)
def test_a_malformed_file_is_named_with_its_line(tmp_path, body, message):
    path = _write(tmp_path, HEADER + body)
    with pytest.raises(ReferenceDataError, match=f"budapest_convention_ets185.csv, {message}"):
        read_memberships(Instrument.ETS185, {"ALB"}, path)


def test_a_missing_column_is_named(tmp_path):
    path = _write(tmp_path, "iso3,name\nALB,Albania\n")
    with pytest.raises(ReferenceDataError, match="line 1: missing column.*ratification_date"):
        read_memberships(Instrument.ETS185, {"ALB"}, path)


def test_a_missing_file_is_named(tmp_path):
    with pytest.raises(ReferenceDataError, match="nothing.csv: file not found"):
        read_memberships(Instrument.ETS185, {"ALB"}, tmp_path / "nothing.csv")


def test_a_damaged_packaged_file_writes_nothing(app, tmp_path, monkeypatch):
    broken = tmp_path / "data"
    broken.mkdir()
    for name in reference.TREATY_FILES.values():
        (broken / name).write_bytes((reference.DATA / name).read_bytes())
    (broken / reference.REGIONS_FILE).write_bytes((reference.DATA / reference.REGIONS_FILE).read_bytes())
    protocol = broken / reference.TREATY_FILES[Instrument.CETS224]
    protocol.write_text(protocol.read_text() + "ZZZ,Nowhere,2020-01-01,,,\n")
    monkeypatch.setattr(reference, "DATA", broken)
    before = db.session.scalar(select(func.count(TreatyMembership.id)))
    factories.country("BEN").membership(Instrument.ETS185).note = "edited"
    db.session.commit()
    with pytest.raises(ReferenceDataError, match="second_protocol_cets224.csv, line 54"):
        reference_load()
    db.session.rollback()
    assert db.session.scalar(select(func.count(TreatyMembership.id))) == before
    assert factories.country("BEN").membership(Instrument.ETS185).note == "edited"
    monkeypatch.undo()
    reference_load()
    db.session.commit()
