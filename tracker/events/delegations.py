"""Whom an imported participant represents: one country or one organisation, never guessed.

The Country, Organisation and Affiliation cells of a row are matched against the tracker's countries (its
one exact matcher) and organisations (exact name or acronym). An affiliation that *contains* an
organisation ("Europol - EC3", "European Commission, DG HOME") is a hint, not a decision: it is offered
first among the choices. A row that names both an organisation (in its affiliation) and a country is
flagged with the choice of either; anything no matcher knows is listed for the user to resolve by hand.
The user's choices come back as the import batch's `resolutions` ({column label: {raw value: choice}}).
"""

from collections import defaultdict

from sqlalchemy import select

from tracker.core.collation import name_key
from tracker.core.imports import RowReader
from tracker.countries.matching import match_country, normalise
from tracker.countries.models import Country, Organisation
from tracker.extensions import db

DELEGATION_KEYS = ("country", "organisation", "affiliation")
BOTH = "Affiliation and Country"  # the column label under which an organisation-or-country choice is kept


def both_value(affiliation: str, country: str) -> str:
    return f"{affiliation} / {country}"


class DelegationResolver:
    """Looks up countries and organisations once per import and decides each row's delegation."""

    def __init__(self, resolutions: dict):
        self.resolutions = resolutions or {}
        self.countries: dict[str, tuple[int, str]] = {}  # iso3 -> (id, name)
        self.country_names: dict[int, str] = {}
        self.organisations: dict[int, str] = {}  # id -> display name
        self._index: dict[str, int] = {}  # normalised name or acronym -> id
        self._unresolved: dict[tuple[str, str], tuple[int, ...]] = {}  # (column, raw) -> suggested org ids
        self._both: dict[str, tuple[str, int, int]] = {}  # raw -> (iso3, country id, organisation id)
        self._loaded = False

    def load(self) -> None:
        if self._loaded:
            return
        self._loaded = True
        self.countries = {
            iso3: (id_, name)
            for id_, iso3, name in db.session.execute(select(Country.id, Country.iso3, Country.name))
        }
        self.country_names = {id_: name for id_, name in self.countries.values()}
        organisations = list(
            db.session.execute(select(Organisation.id, Organisation.name, Organisation.acronym))
        )
        self.organisations = {
            id_: f"{name} ({acronym})" if acronym else name for id_, name, acronym in organisations
        }
        candidates: dict[str, set[int]] = defaultdict(set)
        for id_, name, acronym in organisations:
            for text in (name, acronym):
                if text and (key := normalise(text)):
                    candidates[key].add(id_)
        # a name or acronym two organisations share is unknown, not guessed
        self._index = {key: ids.pop() for key, ids in candidates.items() if len(ids) == 1}

    def label(self, country_id: int | None, organisation_id: int | None) -> str:
        return self.country_names[country_id] if country_id else self.organisations[organisation_id]

    # -- matching ---------------------------------------------------------------------------------------
    def organisation_exact(self, text: str) -> int | None:
        return self._index.get(normalise(text))

    def organisations_inside(self, text: str) -> tuple[int, ...]:
        """Organisations whose name or acronym appears as whole words inside `text` ("Europol - EC3")."""
        padded = f" {normalise(text)} "
        found = {id_ for key, id_ in self._index.items() if f" {key} " in padded}
        return tuple(sorted(found))

    def _choice(self, column: str, raw: str) -> tuple[int | None, int | None] | None:
        choice = self.resolutions.get(column, {}).get(raw)
        if not choice:
            return None
        kind, _, value = choice.partition(":")
        if kind == "country" and value in self.countries:
            return self.countries[value][0], None
        if (
            kind == "organisation"
            and value.isascii()
            and value.isdigit()
            and int(value) in self.organisations
        ):
            return None, int(value)
        return None

    def _resolve(
        self, row: RowReader, key: str, text: str, suggested=()
    ) -> tuple[int | None, int | None] | None:
        if key == "country" and (iso3 := match_country(text)) and iso3 in self.countries:
            return self.countries[iso3][0], None
        if (organisation_id := self.organisation_exact(text)) is not None:
            return None, organisation_id
        if (chosen := self._choice(row.labels[key], text)) is not None:
            return chosen
        self._unresolved[(row.labels[key], text)] = tuple(suggested)
        hint = f" (it mentions {', '.join(self.organisations[i] for i in suggested)})" if suggested else ""
        row.error(
            key,
            f"“{text}” is not a known country or organisation{hint}: resolve it by hand in the preview, "
            "or write the country's ISO code or the organisation's exact name",
        )
        return None

    def delegation(self, row: RowReader) -> tuple[int | None, int | None, str | None] | None:
        """(country id, organisation id, institution) of the row, or None after reporting why not."""
        self.load()
        country, organisation, affiliation = (row.get(key) for key in DELEGATION_KEYS)
        if organisation:
            if country:
                row.error(
                    "organisation",
                    "a participant represents one country or one organisation, not both: "
                    "leave Country or Organisation blank",
                )
                return None
            found = self._resolve(row, "organisation", organisation)
            return (*found, affiliation or None) if found else None
        exact = self.organisation_exact(affiliation) if affiliation else None
        inside = (
            (exact,) if exact is not None else (self.organisations_inside(affiliation) if affiliation else ())
        )
        if country:
            found = self._resolve(row, "country", country)
            if found is None:
                return None
            if len(inside) == 1:
                return self._country_or_organisation(row, affiliation, country, found[0], inside[0])
            return (*found, affiliation or None)
        if exact is not None:
            return None, exact, None
        if affiliation:
            found = self._resolve(row, "affiliation", affiliation, suggested=inside)
            return (*found, None) if found else None
        row.error("country", "say which country or organisation the participant represents")
        return None

    def _country_or_organisation(self, row, affiliation, country, country_id, organisation_id):
        """Both named: the user's choice decides; without one, the row is flagged (never decided here)."""
        raw = both_value(affiliation, country)
        chosen = self._choice(BOTH, raw)
        if chosen is not None and chosen[0] in (None, country_id) and chosen[1] in (None, organisation_id):
            return (*chosen, affiliation) if chosen[0] else (*chosen, None)
        iso3 = next(code for code, (id_, _name) in self.countries.items() if id_ == country_id)
        self._both[raw] = (iso3, country_id, organisation_id)
        row.error(
            "affiliation",
            f"names an organisation ({self.organisations[organisation_id]}) and a country "
            f"({self.country_names[country_id]}): choose in the preview which one the participant represents",
        )
        return None

    # -- what the user must resolve ---------------------------------------------------------------------
    def unresolved(self) -> list[tuple[str, str, list[tuple[str, str]]]]:
        """Every value no matcher knew (suggested organisations first, then every country and
        organisation), and every organisation-or-country choice (just the two)."""
        if not self._unresolved and not self._both:
            return []
        self.load()
        everything = [
            (f"organisation:{id_}", f"Organisation: {name}")
            for id_, name in sorted(self.organisations.items(), key=lambda pair: name_key(pair[1]))
        ]
        everything += [
            (f"country:{iso3}", f"Country: {name}")
            for iso3, (_id, name) in sorted(self.countries.items(), key=lambda pair: name_key(pair[1][1]))
        ]
        listed = []
        for (column, raw), suggested in self._unresolved.items():
            first = [
                (f"organisation:{id_}", f"Organisation: {self.organisations[id_]} (mentioned)")
                for id_ in suggested
            ]
            listed.append((column, raw, first + everything))
        for raw, (iso3, country_id, organisation_id) in self._both.items():
            choices = [
                (
                    f"country:{iso3}",
                    f"Country: {self.country_names[country_id]} (the affiliation becomes the institution)",
                ),
                (f"organisation:{organisation_id}", f"Organisation: {self.organisations[organisation_id]}"),
            ]
            listed.append((BOTH, raw, choices))
        return listed
