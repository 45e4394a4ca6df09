"""Reads for the directory of authorities: the Parties on a day, the directory, one Party's page,
official declarations, and the overview of Parties.

The input received, its status and the follow-up list (with the definitions of their counts) are read
in `input_queries`.
"""

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload
from sqlalchemy.orm.attributes import set_committed_value

from tracker.authorities.comparison import Difference, differences, fillable_fields
from tracker.authorities.models import (
    Article,
    Authority,
    DifferenceReview,
    Field,
    OfficialDeclaration,
    PartyInput,
    Source,
)
from tracker.core.collation import name_order
from tracker.countries.models import Country, Instrument, Status, TreatyMembership
from tracker.extensions import db

# -- the Parties on a day -----------------------------------------------------------------------------


def party_ids(day: date):
    """A subquery: ids of the countries that are Parties to ETS 185 on `day`."""
    return select(TreatyMembership.country_id).where(
        TreatyMembership.instrument == Instrument.ETS185,
        TreatyMembership.status_on(day) == Status.PARTY.value,
    )


def parties_on(day: date) -> list[tuple[int, str]]:
    """(id, name) of the Parties on `day`, for choosing a Party in a form."""
    query = (
        select(Country.id, Country.name)
        .where(Country.id.in_(party_ids(day)))
        .order_by(name_order(Country.name))
    )
    return [(row.id, row.name) for row in db.session.execute(query)]


def party_codes_on(day: date) -> list[tuple[str, str]]:
    """(iso3, name) of the Parties on `day`."""
    query = (
        select(Country.iso3, Country.name)
        .where(Country.id.in_(party_ids(day)))
        .order_by(name_order(Country.name))
    )
    return [(row.iso3, row.name) for row in db.session.execute(query)]


# -- an authority as the pages show it ----------------------------------------------------------------


@dataclass
class AuthorityView:
    """An authority with what the pages say about it."""

    authority: Authority
    differences: list[Difference] = field(default_factory=list)
    empty_fields: list[Field] = field(default_factory=list)
    fillable: list[Field] = field(default_factory=list)

    @classmethod
    def of(cls, authority: Authority, as_of: date | None = None) -> "AuthorityView":
        return cls(
            authority, differences(authority, as_of), authority.empty_fields, fillable_fields(authority)
        )

    @property
    def rows(self) -> list[tuple[Field, str | None, Source | None, date | None]]:
        """(field, value, source, date received) for each value field."""
        a = self.authority
        return [(f, a.value(f), a.source(f), a.received_on(f)) for f in Field]

    @property
    def sources(self) -> list[Source]:
        """The sources of the authority's values, each once, in field order."""
        found = [self.authority.source(f) for f in Field]
        return [s for i, s in enumerate(found) if s and s not in found[:i]]

    @property
    def unreviewed(self) -> list[Difference]:
        return [d for d in self.differences if not d.reviewed]


# -- the directory, a Party, declarations -------------------------------------------------------------


def directory(*, article: Article | None = None) -> list[AuthorityView]:
    query = (
        select(Authority)
        .join(Authority.country)
        .order_by(name_order(Country.name), Authority.article, name_order(Authority.name))
        .options(
            selectinload(Authority.country),
            selectinload(Authority.declaration),
            selectinload(Authority.reviews).selectinload(DifferenceReview.reviewed_by),
        )
    )
    if article is not None:
        query = query.where(Authority.article == article)
    return [AuthorityView.of(a) for a in db.session.scalars(query)]


@dataclass
class PartyDirectory:
    country: Country
    by_article: dict[Article, list[AuthorityView]]
    declarations: list[OfficialDeclaration]
    inputs: list[PartyInput]

    @property
    def authorities(self) -> list[AuthorityView]:
        return [view for views in self.by_article.values() for view in views]

    @property
    def differences(self) -> int:
        return sum(len(view.differences) for view in self.authorities)


def party_directory(country: Country) -> PartyDirectory:
    """One Party's authorities (per article, with differences), declarations and inputs received."""
    authorities = db.session.scalars(
        select(Authority)
        .where(Authority.country_id == country.id)
        .order_by(Authority.article, name_order(Authority.name))
        .options(
            selectinload(Authority.declaration),
            selectinload(Authority.reviews).selectinload(DifferenceReview.reviewed_by),
        )
    )
    by_article: dict[Article, list[AuthorityView]] = {article: [] for article in Article}
    for authority in authorities:
        set_committed_value(authority, "country", country)  # known already: no query, no change
        by_article[authority.article].append(AuthorityView.of(authority))
    declarations = list(
        db.session.scalars(
            select(OfficialDeclaration)
            .where(OfficialDeclaration.country_id == country.id)
            .order_by(OfficialDeclaration.article, name_order(OfficialDeclaration.authority_name))
        )
    )
    inputs = list(
        db.session.scalars(
            select(PartyInput).where(PartyInput.country_id == country.id).order_by(PartyInput.received_on)
        )
    )
    return PartyDirectory(country, by_article, declarations, inputs)


def declarations_list(*, article: Article | None = None) -> list[OfficialDeclaration]:
    query = (
        select(OfficialDeclaration)
        .join(OfficialDeclaration.country)
        .order_by(
            name_order(Country.name),
            OfficialDeclaration.article,
            name_order(OfficialDeclaration.authority_name),
        )
        .options(selectinload(OfficialDeclaration.country))
    )
    if article is not None:
        query = query.where(OfficialDeclaration.article == article)
    return list(db.session.scalars(query))


def declarations_of(country: Country) -> list[OfficialDeclaration]:
    return list(
        db.session.scalars(
            select(OfficialDeclaration)
            .where(OfficialDeclaration.country_id == country.id)
            .order_by(OfficialDeclaration.article, name_order(OfficialDeclaration.authority_name))
        )
    )


# -- the overview of Parties --------------------------------------------------------------------------


@dataclass(frozen=True)
class PartyOverview:
    iso3: str
    name: str
    extradition: int  # authorities for Article 24
    mutual_assistance: int  # authorities for Article 27
    declarations: int
    last_received_on: date | None


def parties_overview(day: date) -> list[PartyOverview]:
    """Every Party on `day` with its number of authorities per article and of declarations, and last input."""

    def count(model, *conditions):
        return (
            select(func.count(model.id))
            .where(model.country_id == Country.id, *conditions)
            .correlate(Country)
            .scalar_subquery()
        )

    last_input = (
        select(func.max(PartyInput.received_on))
        .where(PartyInput.country_id == Country.id, PartyInput.received_on <= day)
        .correlate(Country)
        .scalar_subquery()
    )
    query = (
        select(
            Country.iso3,
            Country.name,
            count(Authority, Authority.article == Article.EXTRADITION),
            count(Authority, Authority.article == Article.MUTUAL_ASSISTANCE),
            count(OfficialDeclaration),
            last_input,
        )
        .where(Country.id.in_(party_ids(day)))
        .order_by(name_order(Country.name))
    )
    return [PartyOverview(*row) for row in db.session.execute(query)]
