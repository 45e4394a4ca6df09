"""Demo data for the directory of authorities: the state of play at the T-CY 31st plenary (December 2024).

55 of the 76 Parties provided input; most Parties' official declarations are recorded; a few Parties left
fields empty (most filled from their declarations, some still empty); a few gave data that differ from
their declarations (one difference already reviewed). All names, addresses, phone numbers and e-mail
addresses are fictitious: e-mails at example.org, phone numbers built from libphonenumber's example
numbers with patterned endings (…0000, …0001). Idempotent: each row is looked up before it is added.
"""

import unicodedata
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache

import phonenumbers
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from tracker.accounts.models import User
from tracker.authorities.models import (
    Article,
    Authority,
    DifferenceReview,
    Field,
    OfficialDeclaration,
    PartyInput,
    Source,
)
from tracker.authorities.queries import party_ids
from tracker.countries.models import Country, Instrument
from tracker.extensions import db

AS_OF = date(2024, 12, 10)  # the eve of the 31st plenary
FIRST_DAY = date(2024, 6, 21)  # the day after the 30th plenary invited Parties to complete the directory

# The 21 Parties that had not provided input by the plenary (demo data, not a real record).
NO_INPUT = {
    "AND", "ARG", "AZE", "BIH", "CPV", "GHA", "GRD", "KIR", "LIE", "LKA", "MCO",
    "MUS", "NGA", "PAN", "PHL", "PRY", "SEN", "SLE", "SMR", "TON", "TUN",
}  # fmt: skip
NO_DECLARATION = {"CPV", "FJI", "GRD", "KIR", "TON"}  # no declaration on authorities recorded
DECLARATION_WITHOUT_EMAIL = {"ISL", "TUR", "GRC", "NOR"}
# Parties that left fields empty: filled from the declaration, or still empty (the declaration lacks them).
FILLED_FROM_DECLARATION = {
    "AUT": (Field.EMAIL,),
    "BGR": (Field.EMAIL,),
    "CYP": (Field.EMAIL,),
    "MLT": (Field.EMAIL,),
    "PRT": (Field.EMAIL, Field.PHONE),
}
STILL_EMPTY = {"ISL": (Field.EMAIL,), "TUR": (Field.EMAIL,), "FJI": (Field.ADDRESS,)}
# Parties whose input differs from their declaration: {iso3: (article, {field: value})}; a phone is given
# by the ending of its fictitious number.
GEO_NAME = "Office of the Prosecutor General – International Cooperation Department"
ROU_NAME = "Prosecutor's Office attached to the High Court – Service for International Judicial Cooperation"
DIFFERS = {
    "GEO": (Article.MUTUAL_ASSISTANCE, {Field.NAME: GEO_NAME}),
    "HRV": (Article.EXTRADITION, {Field.PHONE: 3}),
    "CHL": (Article.MUTUAL_ASSISTANCE, {Field.EMAIL: "cooperacion.internacional.chl@example.org"}),
    "ROU": (
        Article.MUTUAL_ASSISTANCE,
        {Field.NAME: ROU_NAME, Field.EMAIL: "international.cooperation.rou@example.org"},
    ),
}
REVIEWED_NOTE = (
    "Confirmed with the delegation at the 30th plenary; the Party will ask the Treaty Office to update its "
    "declaration."
)
REVIEWED = "ROU"  # both of its differences are reviewed
REVIEWED_AT = datetime(2024, 11, 28, 10, 30, tzinfo=UTC)
# Parties whose input writes the declared names differently (case, accents, punctuation): not a difference.
WRITTEN_DIFFERENTLY = {"FRA", "ESP", "BEL"}
SECOND_AUTHORITY = {"USA", "JPN", "NLD"}  # a second Article 27 authority, split by stage of proceedings
TWO_RETURNS = {"DEU", "CAN"}  # sent an update after their first return

FRENCH = {"FRA", "BEL", "CHE", "LUX", "MCO", "BEN", "CIV", "SEN", "CMR", "MAR", "TUN"}
SPANISH = {"ESP", "ARG", "CHL", "COL", "CRI", "DOM", "PAN", "PRY", "PER"}
NAMES = {
    "en": {
        Article.MUTUAL_ASSISTANCE: "Ministry of Justice – Department of International Legal Cooperation",
        Article.EXTRADITION: "Ministry of Justice – Extradition Unit",
    },
    "fr": {
        Article.MUTUAL_ASSISTANCE: "Ministère de la Justice – Bureau de l'entraide pénale internationale",
        Article.EXTRADITION: "Ministère de la Justice – Bureau des extraditions",
    },
    "es": {
        Article.MUTUAL_ASSISTANCE: "Ministerio de Justicia – Oficina de Cooperación Jurídica Internacional",
        Article.EXTRADITION: "Ministerio de Justicia – Unidad de Extradiciones",
    },
}
SECOND_NAME = "Office of the Prosecutor General – requests at the pre-trial stage"
SECOND_NOTE = "Competent for requests at the pre-trial stage; the Ministry of Justice handles the others."
REVIEWER_EMAIL = "editor@example.org"


@lru_cache(maxsize=512)
def fictitious_phone(iso2: str, n: int) -> str:
    """A valid number for the country, ending in a pattern (…0000, …0001): libphonenumber's example
    fixed-line number with its last digits replaced."""
    example = phonenumbers.example_number_for_type(iso2, phonenumbers.PhoneNumberType.FIXED_LINE)
    e164 = phonenumbers.format_number(example, phonenumbers.PhoneNumberFormat.E164)
    for width in (4, 3, 2):
        candidate = e164[:-width] + str(n).zfill(width)
        if phonenumbers.is_valid_number(phonenumbers.parse(candidate)):
            return candidate
    return e164


def _language(iso3: str) -> str:
    return "fr" if iso3 in FRENCH else "es" if iso3 in SPANISH else "en"


def _written_differently(name: str) -> str:
    """The same name as a Party might type it: capitals, no accents, a final full stop."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    return plain.upper().replace(" – ", " - ") + "."


def _email(iso3: str, article: Article) -> str:
    prefix = "mla" if article == Article.MUTUAL_ASSISTANCE else "extradition"
    return f"{prefix}.{iso3.lower()}@example.org"


@dataclass
class _Party:
    country: Country
    deposited_on: date | None
    index: int

    @property
    def iso3(self) -> str:
        return self.country.iso3

    def received_on(self) -> date:
        """A date between 21 June and 10 December 2024 (every ninth Party: earlier in 2024), never
        before the Party's deposit of its instrument."""
        if self.index % 9 == 4:
            day = date(2024, 2 + self.index % 4, 5 + self.index % 20)
        else:
            day = FIRST_DAY + timedelta(days=(self.index * 29) % ((AS_OF - FIRST_DAY).days + 1))
        if self.deposited_on and day < self.deposited_on:
            day = max(self.deposited_on + timedelta(days=1), FIRST_DAY)
        return min(day, AS_OF)


def _parties() -> list[_Party]:
    rows = db.session.scalars(
        select(Country)
        .where(Country.id.in_(party_ids(AS_OF)))
        .order_by(Country.iso3)
        .options(selectinload(Country.memberships))
    ).all()
    parties = []
    for index, country in enumerate(rows):
        membership = country.membership(Instrument.ETS185)
        parties.append(_Party(country, membership.deposited_on if membership else None, index))
    return parties


def _declared_values(party: _Party, article: Article) -> dict:
    country = party.country
    number = 0 if article == Article.MUTUAL_ASSISTANCE else 1
    return {
        "authority_name": NAMES[_language(party.iso3)][article],
        "address": f"{10 + party.index} Example Street\n{country.name}",
        "phone": fictitious_phone(country.iso2, number),
        "email": None if party.iso3 in DECLARATION_WITHOUT_EMAIL else _email(party.iso3, article),
        "declared_on": party.deposited_on,
    }


def _load_declarations(parties: list[_Party]) -> dict[tuple[int, Article], OfficialDeclaration]:
    existing = {
        (d.country_id, d.article, d.authority_name): d
        for d in db.session.scalars(select(OfficialDeclaration))
    }
    declarations = {}
    for party in parties:
        if party.iso3 in NO_DECLARATION:
            continue
        for article in Article:
            values = _declared_values(party, article)
            key = (party.country.id, article, values["authority_name"])
            declaration = existing.get(key)
            if declaration is None:
                declaration = OfficialDeclaration(country=party.country, article=article, **values)
                db.session.add(declaration)
            declarations[(party.country.id, article)] = declaration
    db.session.flush()
    return declarations


def _party_values(party: _Party, article: Article, declared: dict) -> dict[Field, str | None]:
    """What the Party sent for one article: mostly its declared data, with the demo's variations."""
    values = {
        Field.NAME: declared["authority_name"],
        Field.ADDRESS: declared["address"],
        Field.PHONE: declared["phone"],
        Field.EMAIL: _email(party.iso3, article),
    }
    if party.iso3 in WRITTEN_DIFFERENTLY:
        values[Field.NAME] = _written_differently(values[Field.NAME])
    if article == Article.MUTUAL_ASSISTANCE:
        for field in FILLED_FROM_DECLARATION.get(party.iso3, ()) + STILL_EMPTY.get(party.iso3, ()):
            values[field] = None
    if party.iso3 in DIFFERS and DIFFERS[party.iso3][0] == article:
        for field, value in DIFFERS[party.iso3][1].items():
            values[field] = fictitious_phone(party.country.iso2, value) if field is Field.PHONE else value
    return values


def _authority(party, article, values, received_on, declaration, notes=None) -> Authority:
    authority = Authority(country=party.country, article=article, declaration=declaration, notes=notes)
    for field, value in values.items():
        setattr(authority, field.value, value)
        setattr(authority, f"{field.value}_source", Source.PARTY_INPUT if value else None)
        setattr(authority, f"{field.value}_received_on", received_on if value else None)
    if declaration is not None and article == Article.MUTUAL_ASSISTANCE:
        for field in FILLED_FROM_DECLARATION.get(party.iso3, ()):
            setattr(authority, field.value, declaration.value(field))
            setattr(authority, f"{field.value}_source", Source.OFFICIAL_DECLARATION)
            setattr(authority, f"{field.value}_received_on", declaration.declared_on or received_on)
    return authority


def _load_authorities(parties, declarations) -> None:
    existing = {(a.country_id, a.article, a.name) for a in db.session.scalars(select(Authority))}
    inputs = {(i.country_id, i.received_on) for i in db.session.scalars(select(PartyInput))}
    for party in parties:
        if party.iso3 in NO_INPUT:
            continue
        received_on = party.received_on()
        returns = [received_on]
        if party.iso3 in TWO_RETURNS:
            returns.append(min(received_on + timedelta(days=30), AS_OF))
        for day in returns:
            if (party.country.id, day) not in inputs:
                note = (
                    "Questionnaire returned by e-mail"
                    if day == received_on
                    else "Update of the earlier return"
                )
                db.session.add(PartyInput(country=party.country, received_on=day, note=note))
        for article in Article:
            declaration = declarations.get((party.country.id, article))
            declared = _declared_values(party, article)
            values = _party_values(party, article, declared)
            if (party.country.id, article, values[Field.NAME]) not in existing:
                db.session.add(_authority(party, article, values, received_on, declaration))
        if (
            party.iso3 in SECOND_AUTHORITY
            and (party.country.id, Article.MUTUAL_ASSISTANCE, SECOND_NAME) not in existing
        ):
            values = {
                Field.NAME: SECOND_NAME,
                Field.ADDRESS: f"{20 + party.index} Example Square\n{party.country.name}",
                Field.PHONE: fictitious_phone(party.country.iso2, 2),
                Field.EMAIL: f"pretrial.{party.iso3.lower()}@example.org",
            }
            db.session.add(
                _authority(party, Article.MUTUAL_ASSISTANCE, values, received_on, None, SECOND_NOTE)
            )
    db.session.flush()


def _load_reviews() -> None:
    article, fields = DIFFERS[REVIEWED]
    authority = db.session.scalar(
        select(Authority)
        .join(Authority.country)
        .where(Country.iso3 == REVIEWED, Authority.article == article)
    )
    if authority is None or authority.declaration is None:
        return
    reviewer = db.session.scalar(select(User).where(User.email == REVIEWER_EMAIL))
    reviewed = {r.field for r in authority.reviews}
    for field in fields:
        if field not in reviewed:
            authority.reviews.append(
                DifferenceReview(
                    field=field,
                    party_value=authority.value(field),
                    declared_value=authority.declaration.value(field),
                    note=REVIEWED_NOTE,
                    reviewed_by=reviewer,
                    reviewed_at=REVIEWED_AT,
                )
            )
    db.session.flush()


def load() -> None:
    parties = _parties()
    declarations = _load_declarations(parties)
    _load_authorities(parties, declarations)
    _load_reviews()
