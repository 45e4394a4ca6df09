"""Writes for countries, treaty membership and organisations. Services flush; callers commit."""

import pycountry
from sqlalchemy import select

from tracker.core import audit, locking
from tracker.core.errors import DomainError
from tracker.core.locking import check_version
from tracker.countries.models import Country, Instrument, Organisation, TreatyMembership
from tracker.countries.reference import read_memberships, read_regions
from tracker.extensions import db


def countries_sync() -> dict[str, int]:
    """Create or update every ISO 3166 country from pycountry with its UN M49 region. Idempotent."""
    existing = {c.iso3: c for c in db.session.scalars(select(Country))}
    regions = {r.iso3: r for r in read_regions({c.alpha_3 for c in pycountry.countries})}
    created = updated = 0
    for pc in pycountry.countries:
        region = regions.get(pc.alpha_3)
        values = {
            "iso2": pc.alpha_2,
            "numeric": pc.numeric,
            "name": getattr(pc, "common_name", None) or pc.name,
            "official_name": getattr(pc, "official_name", None),
            "region": region.region if region else None,
            "region_code": region.region_code if region else None,
            "subregion": region.subregion if region else None,
            "subregion_code": region.subregion_code if region else None,
            "intermediate_region": region.intermediate_region if region else None,
        }
        country = existing.get(pc.alpha_3)
        if country is None:
            db.session.add(Country(iso3=pc.alpha_3, **values))
            created += 1
        elif any(getattr(country, key) != value for key, value in values.items()):
            for key, value in values.items():
                setattr(country, key, value)
            updated += 1
    db.session.flush()
    return {"created": created, "updated": updated}


def reference_load() -> dict[str, int]:
    """Load treaty membership from the packaged reference files. Idempotent.

    Every file is read and validated before the first write, so a damaged file changes nothing.
    """
    countries_sync()
    by_iso3 = {c.iso3: c for c in db.session.scalars(select(Country))}
    records = [rec for instrument in Instrument for rec in read_memberships(instrument, set(by_iso3))]
    existing = {(m.country_id, m.instrument): m for m in db.session.scalars(select(TreatyMembership))}
    created = updated = 0
    for rec in records:
        country = by_iso3[rec.iso3]
        values = {
            "recorded_status": rec.recorded_status,
            "invited_on": rec.invited_on,
            "signed_on": rec.signed_on,
            "deposited_on": rec.deposited_on,
            "entry_into_force_on": rec.entry_into_force_on,
            "source_url": rec.source_url,
            "note": rec.note,
        }
        membership = existing.get((country.id, rec.instrument))
        if membership is None:
            db.session.add(TreatyMembership(country=country, instrument=rec.instrument, **values))
            created += 1
        elif any(getattr(membership, key) != value for key, value in values.items()):
            for key, value in values.items():
                setattr(membership, key, value)
            updated += 1
    db.session.flush()
    return {"created": created, "updated": updated}


ORGANISATION_FIELDS = ("name", "acronym", "kind", "website", "notes")


def _organisation_values(organisation: Organisation) -> dict:
    return {field: getattr(organisation, field) for field in ORGANISATION_FIELDS}


def _check_unique_name(name: str, exclude_id: int | None = None) -> None:
    query = select(Organisation.id).where(db.func.lower(Organisation.name) == name.strip().lower())
    if exclude_id is not None:
        query = query.where(Organisation.id != exclude_id)
    if db.session.scalar(query) is not None:
        raise DomainError(f"An organisation named {name.strip()!r} already exists.", field="name")


def organisation_create(*, data: dict, by) -> Organisation:
    _check_unique_name(data["name"])
    organisation = Organisation(**{field: data.get(field) for field in ORGANISATION_FIELDS})
    db.session.add(organisation)
    db.session.flush()
    audit.record_create(
        entity_type="organisation",
        entity_id=organisation.id,
        summary=f"Created organisation {organisation.display_name}",
        by=by,
        values=_organisation_values(organisation),
    )
    return organisation


def organisation_update(organisation: Organisation, *, data: dict, version, by) -> Organisation:
    check_version(organisation, version, what="organisation")
    _check_unique_name(data["name"], exclude_id=organisation.id)
    before = _organisation_values(organisation)
    for field in ORGANISATION_FIELDS:
        setattr(organisation, field, data.get(field))
    locking.flush(what="organisation")
    audit.record_update(
        entity_type="organisation",
        entity_id=organisation.id,
        summary=f"Edited organisation {organisation.display_name}",
        before=before,
        after=_organisation_values(organisation),
        by=by,
    )
    return organisation
