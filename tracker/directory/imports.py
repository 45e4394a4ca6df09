"""Import contact points from CSV/XLSX through the shared validate-all-then-write machinery.

Countries are matched by ISO code or by a known name ("Cote D'Ivoire", "Côte d’Ivoire" and "CIV" are one
country); a name the matcher does not know is an error until the user says, in the preview, which
country it means. Nothing is guessed.
"""

from flask import url_for
from sqlalchemy import select

from tracker.core.collation import name_order
from tracker.core.imports import Col, Importer, RowError, RowReader, register_importer
from tracker.core.validation import parse_date
from tracker.countries.matching import match_country
from tracker.countries.models import Country
from tracker.directory import queries
from tracker.directory.entries import clean_entry
from tracker.directory.models import ContactPointType
from tracker.directory.records import availability, display
from tracker.directory.services import contact_points_import, duplicate_message
from tracker.extensions import db

TYPE_WORDS = {t.value.replace("_", " "): t for t in ContactPointType} | {
    t.label.lower(): t for t in ContactPointType
}
YES = {"yes", "y", "true", "1", "x", "24/7", "oui"}
NO = {"no", "n", "false", "0", "non"}


def _type(text: str) -> str:
    kind = TYPE_WORDS.get(" ".join(text.lower().replace("_", " ").split()))
    if kind is None:
        raise ValueError(f"unknown type “{text}”; one of: {', '.join(t.value for t in ContactPointType)}")
    return kind.value


def _yes_no(text: str) -> bool:
    word = text.strip().lower()
    if word in YES:
        return True
    if word in NO:
        return False
    raise ValueError(f"“{text}” is not yes or no")


def _key(country_id: int, type, institution: str, unit: str | None) -> tuple:
    return (country_id, ContactPointType(type), institution.lower(), (unit or "").lower())


def _overlap(a_from, a_to, b_from, b_to) -> bool:
    return (a_to is None or a_to >= b_from) and (b_to is None or b_to >= a_from)


@register_importer
class DirectoryImporter(Importer):
    kind = "directory"
    label = "contact points (directory)"
    columns = [
        Col("country", "Country", required=True, aliases=("state", "party", "country name")),
        Col("iso3", "ISO3", aliases=("iso", "country code", "iso code")),
        Col("institution", "Institution", required=True, aliases=("authority", "agency")),
        Col("unit", "Unit", aliases=("department", "service")),
        Col("type", "Type", required=True, aliases=("contact point type",)),
        Col("phone", "Phone", aliases=("telephone", "tel")),
        Col("mobile", "Mobile", aliases=("mobile phone", "cell")),
        Col("fax", "Fax"),
        Col("email", "E-mail", aliases=("email address", "mail")),
        Col("secure_platform", "Secure platform", aliases=("platform", "secure platform handle")),
        Col("available_24_7", "Available 24/7", aliases=("24/7", "24_7")),
        Col("hours", "Hours", aliases=("opening hours",)),
        Col("timezone", "Time zone", aliases=("timezone", "tz")),
        Col("languages", "Languages", aliases=("language",)),
        Col("instructions", "Instructions"),
        Col("address", "Address"),
        Col("valid_from", "Valid from", required=True, aliases=("designated on", "from")),
        Col("valid_to", "Valid to", aliases=("until", "to")),
    ]
    preview_headers = ["Country", "Institution", "Unit", "Type", "Phone", "E-mail", "Availability", "From"]

    def __init__(self, options=None, by=None):
        super().__init__(options, by)
        self._countries: dict[str, Country] | None = None
        self._unknown: list[str] = []

    # -- countries ---------------------------------------------------------------------------------
    def _all_countries(self) -> dict[str, Country]:
        if self._countries is None:
            self._countries = {
                c.iso3: c for c in db.session.scalars(select(Country).order_by(name_order(Country.name)))
            }
        return self._countries

    def _country(self, row: RowReader) -> Country | None:
        code, name = row.get("iso3"), row.get("country")
        if code:
            iso3 = match_country(code) if len(code) in (2, 3) else None
            if iso3 is None:
                row.error("iso3", f"“{code}” is not an ISO 3166 country code")
                return None
            if name and (named := self._match_name(name)) and named != iso3:
                row.error("country", f"“{name}” is not the country that the code {code} stands for")
                return None
            return self._all_countries().get(iso3)
        if not name:
            row.error("country", "a value is required")
            return None
        iso3 = self._match_name(name)
        if iso3 is None:
            if name not in self._unknown:
                self._unknown.append(name)
            row.error("country", f"unknown country “{name}”; write its ISO code, or say which country it is")
            return None
        return self._all_countries().get(iso3)

    def _match_name(self, name: str) -> str | None:
        return self.options.get("resolutions", {}).get("country", {}).get(name) or match_country(name)

    def unresolved(self):
        """Unknown country names, for the user to match by hand in the preview."""
        if not self._unknown:
            return []
        options = [(iso3, country.name) for iso3, country in self._all_countries().items()]
        return [("country", name, options) for name in self._unknown]

    # -- rows --------------------------------------------------------------------------------------
    def parse_row(self, row: RowReader):
        country = self._country(row)
        data = {key: row.get(key) for key in ("institution", "unit", "phone", "mobile", "fax", "email")}
        data |= {key: row.get(key) for key in ("secure_platform", "hours", "timezone", "languages")}
        data |= {key: row.get(key) for key in ("instructions", "address")}
        data["type"] = row.convert("type", _type, required=True)
        available = row.convert("available_24_7", _yes_no)
        data["available_24_7"] = (not data["hours"]) if available is None else available
        data["valid_from"] = row.convert("valid_from", parse_date, required=True)
        data["valid_to"] = row.convert("valid_to", parse_date)
        values, errors = clean_entry(data, region=country.iso2 if country else None)
        for key, message in errors.items():
            if not any(e.column == row.labels.get(key) for e in row.errors):
                row.error(key, message.rstrip("."))
        if country is None:
            return None
        return values | {"country": country}

    def check_rows(self, parsed):
        """A row that repeats another row, or an entry already in the directory, is refused: the rule of
        queries.overlapping_entry, applied to the file's countries loaded in one query."""
        errors: list[RowError] = []
        existing: dict[tuple, list] = {}
        for cp in queries.entries_of_countries({item["country"].id for _, item in parsed}):
            existing.setdefault(_key(cp.country_id, cp.type, cp.institution, cp.unit), []).append(cp)
        seen: dict[tuple, list[tuple[int, dict]]] = {}
        for number, item in parsed:
            key = _key(item["country"].id, item["type"], item["institution"], item["unit"])
            period = (item["valid_from"], item["valid_to"])
            clash = next(
                (cp for cp in existing.get(key, []) if _overlap(*period, cp.valid_from, cp.valid_to)), None
            )
            if clash is not None:
                errors.append(RowError(number, "Institution", duplicate_message(clash).rstrip(".")))
            earlier = next(
                (
                    n
                    for n, other in seen.get(key, [])
                    if _overlap(*period, other["valid_from"], other["valid_to"])
                ),
                None,
            )
            if earlier is not None:
                errors.append(RowError(number, "Institution", f"the same contact point as row {earlier}"))
            seen.setdefault(key, []).append((number, item))
        return errors

    def write(self, items) -> int:
        return contact_points_import(items, by=self.by)

    def preview(self, item):
        return [
            item["country"].name,
            item["institution"],
            item["unit"],
            ContactPointType(item["type"]).label,
            display("phone", item["phone"] or item["mobile"]),
            item["email"],
            availability(item),
            item["valid_from"].isoformat(),
        ]

    def done_url(self):
        return url_for("directory.contact_point_list")
