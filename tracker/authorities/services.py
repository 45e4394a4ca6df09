"""Writes for the directory of authorities: the authorities, and the review of their differences from
the declarations; and the rules every write shares. Services flush; callers commit.

`data` dictionaries carry, for each value field F of an authority (name, address, phone, email), the
value F, its source `F_source` and the date it was received `F_received_on`; plus `article`, `notes` and
`declaration_id` (None: the Party's only declaration for the article, if it has exactly one; 0: none).

Official declarations are written in `declaration_services`, the input received in `input_services`.
"""

import re
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from tracker.authorities.comparison import differences, fillable_fields
from tracker.authorities.models import (
    FIELDS,
    Article,
    Authority,
    DifferenceReview,
    Field,
    OfficialDeclaration,
    Source,
)
from tracker.core import audit, locking
from tracker.core.errors import DomainError
from tracker.core.locking import check_version
from tracker.core.parsing import text_or_none
from tracker.core.time import utcnow
from tracker.core.validation import normalise_email, normalise_phone
from tracker.countries.models import Country, Status
from tracker.extensions import db

NAME_MAX = 300
_ARTICLE_WORDS = {
    "extradition": Article.EXTRADITION,
    "mutual assistance": Article.MUTUAL_ASSISTANCE,
    "mutual legal assistance": Article.MUTUAL_ASSISTANCE,
    "mla": Article.MUTUAL_ASSISTANCE,
}


def parse_article(text) -> Article:
    """“24”, “Article 27”, “Art. 24”, “extradition”, “mutual assistance” → Article; else ValueError."""
    value = str(text or "").strip()
    word = re.sub(r"\s+", " ", value.casefold())
    if word in _ARTICLE_WORDS:
        return _ARTICLE_WORDS[word]
    match = re.fullmatch(r"(?:art(?:icle)?\.?\s*)?(\d+)", word)
    if match and match.group(1) in {a.value for a in Article}:
        return Article(match.group(1))
    raise ValueError(
        f"“{value}” is not an article of this directory: use 24 (extradition) or 27 (mutual assistance)"
    )


def not_a_party_message(country: Country, day: date) -> str:
    return (
        f"{country.name} was not a Party to the Convention on Cybercrime (ETS 185) on {day:%d %b %Y}: "
        "the directory records authorities of Parties only."
    )


def require_party(country: Country, day: date, *, field: str | None = None) -> None:
    if country.status_on(day) != Status.PARTY:
        raise DomainError(not_a_party_message(country, day), field=field)


def in_future(day: date | None) -> bool:
    """Dates received and declared cannot be later than today."""
    return day is not None and day > date.today()


def normalise_value(field: Field, value, country: Country) -> str | None:
    """The stored form of one value, or ValueError with a reason a user can act on."""
    text = (value or "").strip() if isinstance(value, str) or value is None else str(value).strip()
    if not text:
        return None
    if field is Field.PHONE:
        return normalise_phone(text, country.iso2)
    if field is Field.EMAIL:
        return normalise_email(text)
    if field is Field.NAME and len(text) > NAME_MAX:
        raise ValueError(f"longer than {NAME_MAX} characters")
    return text


# -- authorities ------------------------------------------------------------------------------------


def authority_values(authority: Authority) -> dict:
    values = {
        "article": authority.article,
        "declaration_id": authority.declaration_id,
        "notes": authority.notes,
    }
    for field in FIELDS:
        for suffix in ("", "_source", "_received_on"):
            values[field.value + suffix] = getattr(authority, field.value + suffix)
    return values


def only_declaration(country: Country, article: Article) -> OfficialDeclaration | None:
    found = list(
        db.session.scalars(
            select(OfficialDeclaration)
            .where(OfficialDeclaration.country_id == country.id, OfficialDeclaration.article == article)
            .limit(2)
        )
    )
    return found[0] if len(found) == 1 else None


def _declaration_for(country: Country, article: Article, declaration_id) -> OfficialDeclaration | None:
    if declaration_id is None or declaration_id == "":
        return only_declaration(country, article)
    if int(declaration_id) == 0:
        return None
    declaration = db.session.get(OfficialDeclaration, int(declaration_id))
    if declaration is None or declaration.country_id != country.id:
        raise DomainError(f"That declaration is not one of {country.name}'s.", field="declaration_id")
    if declaration.article != article:
        raise DomainError(
            f"That declaration is for {declaration.article.label}, not {article.label}.",
            field="declaration_id",
        )
    return declaration


def _apply(authority: Authority, country: Country, data: dict) -> None:
    """Check every value of `data` and set it on `authority`; raise DomainError naming the field."""
    try:
        article = parse_article(data.get("article"))
    except ValueError as error:
        raise DomainError(str(error), field="article") from None
    require_party(country, date.today())
    declaration = _declaration_for(country, article, data.get("declaration_id"))
    today = date.today()
    for field in FIELDS:
        key = field.value
        try:
            value = normalise_value(field, data.get(key), country)
        except ValueError as error:
            raise DomainError(str(error), field=key) from None
        if value is None:
            if field is Field.NAME:
                raise DomainError("The authority needs a name.", field=key)
            source = received_on = None
        else:
            raw_source = data.get(f"{key}_source")
            if not raw_source:
                raise DomainError(f"Say where the {field.label.lower()} comes from.", field=f"{key}_source")
            try:
                source = Source(raw_source)
            except ValueError:
                raise DomainError(f"“{raw_source}” is not a source.", field=f"{key}_source") from None
            received_on = data.get(f"{key}_received_on")
            if received_on is None:
                from_declaration = source == Source.OFFICIAL_DECLARATION and declaration is not None
                received_on = (declaration.declared_on if from_declaration else None) or today
            if in_future(received_on):
                raise DomainError("A date received cannot be in the future.", field=f"{key}_received_on")
            if source == Source.PARTY_INPUT and country.status_on(received_on) != Status.PARTY:
                raise DomainError(not_a_party_message(country, received_on), field=f"{key}_received_on")
        setattr(authority, key, value)
        setattr(authority, f"{key}_source", source)
        setattr(authority, f"{key}_received_on", received_on)
    authority.article = article
    authority.declaration = declaration
    authority.notes = text_or_none(data.get("notes"))


def authority_create(*, country: Country, data: dict, by) -> Authority:
    authority = Authority(country=country)
    _apply(authority, country, data)
    db.session.add(authority)
    db.session.flush()
    audit.record_create(
        entity_type="authority",
        entity_id=authority.id,
        summary=f"Added {authority.article.short} authority {authority.name} ({country.name})",
        by=by,
        values=authority_values(authority),
    )
    return authority


def authority_update(authority: Authority, *, data: dict, version, by) -> Authority:
    """Save an edit; `version` is the one the editor loaded (another save since then is a conflict)."""
    check_version(authority, version, what="authority")
    before = authority_values(authority)
    _apply(authority, authority.country, data)
    locking.flush(what="authority")
    audit.record_update(
        entity_type="authority",
        entity_id=authority.id,
        summary=f"Edited {authority.article.short} authority {authority.name} ({authority.country.name})",
        before=before,
        after=authority_values(authority),
        by=by,
    )
    return authority


def authority_delete(authority: Authority, *, by) -> None:
    audit.record_delete(
        entity_type="authority",
        entity_id=authority.id,
        summary=f"Deleted {authority.article.short} authority {authority.name} ({authority.country.name})",
        before=authority_values(authority),
        by=by,
    )
    db.session.delete(authority)
    db.session.flush()


def authority_fill_from_declaration(authority: Authority, *, by) -> list[Field]:
    """Fill the authority's empty fields from its declaration (source: official declaration)."""
    if authority.declaration is None:
        raise DomainError(
            "This authority is not linked to an official declaration; there is nothing to fill from."
        )
    fields = fillable_fields(authority)
    if not fields:
        return []
    before = authority_values(authority)
    declaration = authority.declaration
    for field in fields:
        setattr(authority, field.value, declaration.value(field))
        setattr(authority, f"{field.value}_source", Source.OFFICIAL_DECLARATION)
        setattr(authority, f"{field.value}_received_on", declaration.declared_on or date.today())
    db.session.flush()
    audit.record(
        action="update",
        entity_type="authority",
        entity_id=authority.id,
        summary=f"Filled {', '.join(f.label.lower() for f in fields)} of {authority.name} "
        f"({authority.country.name}) from the official declaration",
        by=by,
        changes=audit.diff(before, authority_values(authority)),
    )
    return fields


def authorities_fill_from_declarations(*, by) -> int:
    """Fill every authority's empty fields that its declaration holds; the number of authorities changed."""
    authorities = db.session.scalars(
        select(Authority)
        .where(Authority.declaration_id.is_not(None))
        .options(selectinload(Authority.declaration), selectinload(Authority.country))
    )
    filled = 0
    for authority in authorities:
        if fillable_fields(authority):
            authority_fill_from_declaration(authority, by=by)
            filled += 1
    return filled


def difference_review(authority: Authority, *, field: str, note: str, by) -> DifferenceReview:
    """Mark the current difference on `field` as reviewed (replacing an earlier review of that field)."""
    note = (note or "").strip()
    if not note:
        raise DomainError("Say in a note what was checked.", field="note")
    try:
        field_ = Field(field)
    except ValueError:
        raise DomainError(f"“{field}” is not a field of an authority.", field="field") from None
    difference = next((d for d in differences(authority) if d.field == field_), None)
    if difference is None:
        raise DomainError(
            f"The {field_.label.lower()} of {authority.name} does not differ from the declaration."
        )
    review = next((r for r in authority.reviews if r.field == field_), None)
    if review is None:
        review = DifferenceReview(field=field_)
        authority.reviews.append(review)
    review.party_value = difference.party_value
    review.declared_value = difference.declared_value
    review.note = note
    review.reviewed_by_id = getattr(by, "id", None)
    review.reviewed_at = utcnow()
    db.session.flush()
    audit.record(
        action="review",
        entity_type="authority",
        entity_id=authority.id,
        summary=f"Reviewed the difference in {field_.label.lower()} of {authority.name} "
        f"({authority.country.name}) from the declaration",
        by=by,
        changes={field_.value: [difference.declared_value, difference.party_value], "note": [None, note]},
    )
    return review
