"""A row naming both an organisation and a country is flagged with the choice of either, never decided."""

from sqlalchemy import select

from tests import factories
from tests.events.test_import import INDICO_HEADER, csv_bytes, importer, setup_event
from tracker.core.imports import read_table, run_import
from tracker.events.models import Participant
from tracker.extensions import db

ROWS = f"""{INDICO_HEADER}
1,Ana Costa,Ana,Costa,ana@example.org,Europol,Brazil,,In person,,Completed,Yes
2,Bo Lind,Bo,Lind,bo@example.org,Europol - EC3,Netherlands,,In person,,Completed,Yes
3,Cy Dee,Cy,Dee,cy@example.org,National Police,Netherlands,,In person,,Completed,Yes
"""


def test_organisation_and_country_in_one_row_are_flagged_and_the_editors_choice_decides(app):
    event = setup_event()
    check = importer(event)
    result = run_import(check, read_table("r.csv", csv_bytes(ROWS)))
    assert [(e.row, e.column) for e in result.errors] == [(2, "Affiliation"), (3, "Affiliation")]
    assert (
        "names an organisation (European Union Agency for Law Enforcement Cooperation (Europol)) and a "
        "country (Brazil)" in result.errors[0].message
    )
    flagged = {raw: [value for value, _label in choices] for _column, raw, choices in check.unresolved()}
    europol = db.session.scalar(
        select(factories.Organisation.id).where(factories.Organisation.acronym == "Europol")
    )
    assert flagged == {
        "Europol / Brazil": ["country:BRA", f"organisation:{europol}"],
        "Europol - EC3 / Netherlands": ["country:NLD", f"organisation:{europol}"],
    }
    assert db.session.scalar(select(Participant.id)) is None

    choices = {
        "Affiliation and Country": {
            "Europol / Brazil": "country:BRA",
            "Europol - EC3 / Netherlands": f"organisation:{europol}",
        }
    }
    result = run_import(importer(event, resolutions=choices), read_table("r.csv", csv_bytes(ROWS)))
    assert result.valid, result.errors
    rows = {p.name: p for p in db.session.scalars(select(Participant))}
    assert rows["Ana Costa"].country.iso3 == "BRA" and rows["Ana Costa"].institution == "Europol"
    assert rows["Bo Lind"].organisation_id == europol and rows["Bo Lind"].country_id is None
    assert rows["Cy Dee"].country.iso3 == "NLD"


def test_an_acronym_inside_an_affiliation_without_a_country_is_suggested_not_decided(app):
    event = setup_event()
    text = f"""{INDICO_HEADER}
1,Ana Costa,Ana,Costa,ana@example.org,Europol - EC3,,,In person,,Completed,Yes
"""
    check = importer(event)
    result = run_import(check, read_table("r.csv", csv_bytes(text)))
    assert [(e.row, e.column) for e in result.errors] == [(2, "Affiliation")]
    assert "it mentions European Union Agency" in result.errors[0].message
    [(column, raw, choices)] = check.unresolved()
    assert (column, raw) == ("Affiliation", "Europol - EC3") and choices[0][1].endswith("(mentioned)")
