"""Import organisations from CSV/XLSX (name, acronym, kind, website, notes)."""

from flask import url_for
from sqlalchemy import func, select

from tracker.core import audit
from tracker.core.imports import Col, Importer, RowError, RowReader, register_importer
from tracker.countries.models import Organisation, OrganisationKind
from tracker.extensions import db

KIND_WORDS = {k.value: k for k in OrganisationKind} | {k.label.lower(): k for k in OrganisationKind}


def _kind(text: str) -> OrganisationKind:
    kind = KIND_WORDS.get(text.strip().lower())
    if kind is None:
        raise ValueError(f"unknown kind “{text}”; one of: {', '.join(k.value for k in OrganisationKind)}")
    return kind


@register_importer
class OrganisationImporter(Importer):
    kind = "organisations"
    label = "organisations"
    columns = [
        Col("name", "Name", required=True, aliases=("organisation", "organization")),
        Col("acronym", "Acronym"),
        Col("kind", "Kind", aliases=("type",)),
        Col("website", "Website", aliases=("url",)),
        Col("notes", "Notes"),
    ]
    preview_headers = ["Name", "Acronym", "Kind", "Website"]

    def parse_row(self, row: RowReader):
        name = row.require("name")
        if name and len(name) > 200:
            row.error("name", "longer than 200 characters")
        acronym = row.get("acronym") or None
        if acronym and len(acronym) > 30:
            row.error("acronym", "longer than 30 characters")
        kind = row.convert("kind", _kind) or OrganisationKind.INTERNATIONAL
        website = row.get("website") or None
        if website and not website.startswith(("http://", "https://")):
            row.error("website", "must start with http:// or https://")
        return {
            "name": name,
            "acronym": acronym,
            "kind": kind,
            "website": website,
            "notes": row.get("notes") or None,
        }

    def check_rows(self, parsed):
        errors, seen = [], {}
        existing = set(db.session.scalars(select(func.lower(Organisation.name))))
        for number, item in parsed:
            key = item["name"].lower()
            if key in existing:
                errors.append(
                    RowError(number, "Name", f"an organisation named “{item['name']}” already exists")
                )
            elif key in seen:
                errors.append(RowError(number, "Name", f"the same name as row {seen[key]}"))
            seen.setdefault(key, number)
        return errors

    def write(self, items) -> int:
        for item in items:
            db.session.add(Organisation(**item))
        db.session.flush()
        audit.record(
            action="import",
            entity_type="organisation",
            entity_id=None,
            by=self.by,
            summary=f"Imported {len(items)} organisation(s)",
        )
        return len(items)

    def preview(self, item):
        return [item["name"], item["acronym"], item["kind"].label, item["website"]]

    def done_url(self):
        return url_for("countries.organisation_list")
