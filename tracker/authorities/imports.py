"""Import Party returns for the directory of authorities (CSV/XLSX), through the shared machinery.

One row per authority: Country, Article (24 or 27), Name, Address, Phone, E-mail, Notes, Received on.
A row updates the Party's authority of the same name for that article, or adds one; the values the Party
gave get "Party input" as their source and the row's date received. The date may come from the file or,
for every row without one, from the upload link (`?received_on=YYYY-MM-DD`).
"""

from dataclasses import dataclass
from datetime import date

from flask import url_for
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from tracker.authorities.comparison import comparable
from tracker.authorities.models import (
    FIELDS,
    Article,
    Authority,
    Field,
    OfficialDeclaration,
    PartyInput,
    Source,
)
from tracker.authorities.services import (
    authority_values,
    normalise_value,
    not_a_party_message,
    parse_article,
)
from tracker.core import audit
from tracker.core.collation import name_key
from tracker.core.imports import Col, Importer, RowError, RowReader, register_importer
from tracker.core.validation import parse_date
from tracker.countries.matching import match_country
from tracker.countries.models import Country, Status
from tracker.extensions import db


@dataclass
class ReturnRow:
    """One authority from a Party's return, checked: values already normalised."""

    country: Country
    article: Article
    values: dict  # {Field: value or None}
    received_on: date
    notes: str | None


def apply_returns(rows: list[ReturnRow], *, by) -> int:
    """Write a Party return: each row updates the authority of the same name (and article), or adds one.

    Values the Party gave replace those held, with the Party as their source; values it left empty are
    kept, whatever their source. Each Party's input is recorded on the date received.
    """
    country_ids = {row.country.id for row in rows}
    existing = {
        (a.country_id, a.article, comparable(Field.NAME, a.name)): a
        for a in db.session.scalars(select(Authority).where(Authority.country_id.in_(country_ids)))
    }
    declarations: dict[tuple[int, Article], list[OfficialDeclaration]] = {}
    for declaration in db.session.scalars(
        select(OfficialDeclaration).where(OfficialDeclaration.country_id.in_(country_ids))
    ):
        declarations.setdefault((declaration.country_id, declaration.article), []).append(declaration)
    inputs = {
        (row.country_id, row.received_on)
        for row in db.session.execute(
            select(PartyInput.country_id, PartyInput.received_on).where(
                PartyInput.country_id.in_(country_ids)
            )
        )
    }
    for row in rows:
        key = (row.country.id, row.article, comparable(Field.NAME, row.values[Field.NAME]))
        authority = existing.get(key)
        created = authority is None
        if created:
            candidates = declarations.get((row.country.id, row.article), [])
            authority = Authority(
                country=row.country,
                article=row.article,
                declaration=candidates[0] if len(candidates) == 1 else None,
            )
            db.session.add(authority)
            existing[key] = authority
        before = {} if created else authority_values(authority)
        for field, value in row.values.items():
            if value is not None:
                setattr(authority, field.value, value)
                setattr(authority, f"{field.value}_source", Source.PARTY_INPUT)
                setattr(authority, f"{field.value}_received_on", row.received_on)
        if row.notes:
            authority.notes = row.notes
        db.session.flush()
        if changes := audit.diff(before, authority_values(authority)):
            audit.record(
                action="create" if created else "update",
                entity_type="authority",
                entity_id=authority.id,
                summary=f"{'Added' if created else 'Updated'} {authority.article.short} authority "
                f"{authority.name} ({row.country.name}) from the Party's return",
                by=by,
                changes=changes,
            )
        if (row.country.id, row.received_on) not in inputs:
            db.session.add(
                PartyInput(country=row.country, received_on=row.received_on, note="Party return imported")
            )
            inputs.add((row.country.id, row.received_on))
    db.session.flush()
    return len(rows)


@register_importer
class AuthorityImporter(Importer):
    kind = "authorities"
    label = "Party returns for the directory of authorities"
    columns = [
        Col("country", "Country", required=True, aliases=("party", "state")),
        Col("article", "Article", required=True, aliases=("art",)),
        Col("name", "Name", required=True, aliases=("authority", "authority name", "competent authority")),
        Col("address", "Address", aliases=("postal address",)),
        Col("phone", "Phone", aliases=("telephone", "tel", "phone number")),
        Col("email", "E-mail", aliases=("email address", "e-mail address", "mail")),
        Col("notes", "Notes", aliases=("comments", "remarks", "competence")),
        Col("received_on", "Received on", aliases=("date received", "received")),
    ]
    option_names = ("received_on",)
    preview_headers = ["Country", "Article", "Name", "Address", "Phone", "E-mail", "Received on"]

    def __init__(self, options=None, by=None):
        super().__init__(options, by)
        self._countries: dict[str, Country] | None = None
        self._unknown: list[str] = []

    # -- options --------------------------------------------------------------------------------
    def default_received_on(self) -> date | None:
        value = self.options.get("received_on")
        return parse_date(value) if value else None

    def check_options(self):
        try:
            day = self.default_received_on()
        except ValueError as error:
            return f"Received on (from the upload link): {error}"
        if day and day > date.today():
            return "Received on (from the upload link): the date is in the future."
        return None

    # -- rows -----------------------------------------------------------------------------------
    def countries(self) -> dict[str, Country]:
        if self._countries is None:
            self._countries = {
                c.iso3: c
                for c in db.session.scalars(select(Country).options(selectinload(Country.memberships)))
            }
        return self._countries

    def _country(self, row: RowReader) -> Country | None:
        text = row.require("country")
        if not text:
            return None
        chosen = self.options.get("resolutions", {}).get("country", {}).get(text)
        iso3 = chosen or match_country(text)
        country = self.countries().get(iso3) if iso3 else None
        if country is None:
            if text not in self._unknown:
                self._unknown.append(text)
            row.error("country", f"unknown country “{text}”; choose what it means above, or correct the file")
        return country

    def _received_on(self, row: RowReader) -> date | None:
        received_on = row.convert("received_on", parse_date)
        if received_on is None and not row.get("received_on"):
            received_on = self.default_received_on()
            if received_on is None:
                row.error("received_on", "a value is required (or give a date received on the upload link)")
        if received_on and received_on > date.today():
            row.error("received_on", "the date is in the future")
            return None
        return received_on

    def parse_row(self, row: RowReader):
        country = self._country(row)
        article = row.convert("article", parse_article, required=True)
        received_on = self._received_on(row)
        if country is not None and received_on is not None and country.status_on(received_on) != Status.PARTY:
            row.error("country", not_a_party_message(country, received_on))
        values = {}
        for field in FIELDS:
            text = row.require(field.value) if field is Field.NAME else row.get(field.value)
            if text and country is not None:
                try:
                    values[field] = normalise_value(field, text, country)
                except ValueError as error:
                    row.error(field.value, str(error))
            else:
                values[field] = None
        if country is None or article is None or received_on is None or row.errors:
            return None
        return ReturnRow(country, article, values, received_on, row.get("notes") or None)

    def check_rows(self, parsed):
        errors, seen = [], {}
        for number, item in parsed:
            key = (item.country.id, item.article, comparable(Field.NAME, item.values[Field.NAME]))
            if key in seen:
                errors.append(RowError(number, "Name", f"the same authority as row {seen[key]}"))
            seen.setdefault(key, number)
        return errors

    def write(self, items) -> int:
        return apply_returns(items, by=self.by)

    # -- pages ----------------------------------------------------------------------------------
    def preview(self, item: ReturnRow):
        return [
            item.country.name,
            item.article.short,
            *(item.values[f] for f in FIELDS),
            item.received_on.isoformat(),
        ]

    def unresolved(self):
        parties = sorted(
            (c for c in self.countries().values() if c.status_on(date.today()) == Status.PARTY),
            key=lambda c: name_key(c.name),
        )
        choices = [(c.iso3, c.name) for c in parties]
        return [("country", raw, choices) for raw in self._unknown]

    def done_url(self):
        return url_for("authorities.status")
