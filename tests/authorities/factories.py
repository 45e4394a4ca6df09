"""Rows for the directory of authorities' tests (flushed, not committed)."""

from datetime import date

from tests import factories
from tracker.authorities.models import Article, Authority, OfficialDeclaration, PartyInput, Source
from tracker.extensions import db


def declaration(
    iso3: str = "FRA", article: Article = Article.MUTUAL_ASSISTANCE, **kwargs
) -> OfficialDeclaration:
    row = OfficialDeclaration(
        country=factories.country(iso3),
        article=article,
        authority_name=kwargs.pop("authority_name", "Ministère de la Justice"),
        declared_on=kwargs.pop("declared_on", date(2006, 1, 10)),
        **kwargs,
    )
    db.session.add(row)
    db.session.flush()
    return row


def authority(
    iso3: str = "FRA",
    article: Article = Article.MUTUAL_ASSISTANCE,
    *,
    source: Source = Source.PARTY_INPUT,
    received_on: date = date(2024, 9, 2),
    **values,
) -> Authority:
    """An authority whose given values all come from `source` on `received_on`."""
    row = Authority(
        country=factories.country(iso3),
        article=article,
        declaration=values.pop("declaration", None),
        notes=values.pop("notes", None),
    )
    values.setdefault("name", "Ministère de la Justice")
    for field, value in values.items():
        setattr(row, field, value)
        setattr(row, f"{field}_source", source if value is not None else None)
        setattr(row, f"{field}_received_on", received_on if value is not None else None)
    db.session.add(row)
    db.session.flush()
    return row


def party_input(
    iso3: str = "FRA", received_on: date = date(2024, 9, 2), note: str | None = None
) -> PartyInput:
    row = PartyInput(country=factories.country(iso3), received_on=received_on, note=note)
    db.session.add(row)
    db.session.flush()
    return row
