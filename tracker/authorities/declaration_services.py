"""Writes for the official declarations of the Parties. Services flush; callers commit."""

from datetime import date

from tracker.authorities.models import FIELDS, OfficialDeclaration
from tracker.authorities.services import in_future, normalise_value, parse_article, require_party
from tracker.core import audit, locking
from tracker.core.errors import DomainError
from tracker.core.locking import check_version
from tracker.core.parsing import text_or_none
from tracker.countries.models import Country
from tracker.extensions import db

DECLARATION_COLUMNS = ("article", "authority_name", "address", "phone", "email", "declared_on", "notes")


def _declaration_values(declaration: OfficialDeclaration) -> dict:
    return {key: getattr(declaration, key) for key in DECLARATION_COLUMNS}


def _apply_declaration(declaration: OfficialDeclaration, country: Country, data: dict) -> None:
    try:
        article = parse_article(data.get("article"))
    except ValueError as error:
        raise DomainError(str(error), field="article") from None
    require_party(country, date.today())
    values = {}
    for field in FIELDS:
        key = field.declaration_attr
        try:
            values[key] = normalise_value(field, data.get(key), country)
        except ValueError as error:
            raise DomainError(str(error), field=key) from None
    if not values["authority_name"]:
        raise DomainError("The declared authority needs a name.", field="authority_name")
    if in_future(data.get("declared_on")):
        raise DomainError("A declaration's date cannot be in the future.", field="declared_on")
    declaration.article = article
    for key, value in values.items():
        setattr(declaration, key, value)
    declaration.declared_on = data.get("declared_on")
    declaration.notes = text_or_none(data.get("notes"))


def declaration_create(*, country: Country, data: dict, by) -> OfficialDeclaration:
    declaration = OfficialDeclaration(country=country)
    _apply_declaration(declaration, country, data)
    db.session.add(declaration)
    db.session.flush()
    audit.record_create(
        entity_type="official_declaration",
        entity_id=declaration.id,
        summary=f"Recorded the {declaration.article.short} declaration of {country.name}",
        by=by,
        values=_declaration_values(declaration),
    )
    return declaration


def declaration_update(declaration: OfficialDeclaration, *, data: dict, version, by) -> OfficialDeclaration:
    check_version(declaration, version, what="declaration")
    before = _declaration_values(declaration)
    _apply_declaration(declaration, declaration.country, data)
    if declaration.article != before["article"]:
        for authority in declaration.authorities:  # a link across articles would compare unlike things
            authority.declaration = None
    locking.flush(what="declaration")
    audit.record_update(
        entity_type="official_declaration",
        entity_id=declaration.id,
        summary=f"Edited the {declaration.article.short} declaration of {declaration.country.name}",
        before=before,
        after=_declaration_values(declaration),
        by=by,
    )
    return declaration


def declaration_delete(declaration: OfficialDeclaration, *, by) -> None:
    audit.record_delete(
        entity_type="official_declaration",
        entity_id=declaration.id,
        summary=f"Deleted the {declaration.article.short} declaration of {declaration.country.name}",
        before=_declaration_values(declaration),
        by=by,
    )
    db.session.delete(declaration)
    db.session.flush()
