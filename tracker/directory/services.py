"""Writes for the directory. Services flush; callers commit.

`clean_entry` is the one place an entry's values are checked and normalised: the form, the importer and
the services all call it, so a phone number or a language is judged the same way everywhere.
"""

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm.exc import StaleDataError

from tracker.core import audit
from tracker.core.errors import DomainError
from tracker.core.parsing import text_or_none as _text
from tracker.core.validation import normalise_email, normalise_language, normalise_phone, normalise_timezone
from tracker.countries.models import Country
from tracker.directory import queries
from tracker.directory.models import ContactPoint, ContactPointType, DirectoryRelease
from tracker.directory.records import PHONE_FIELDS, diff_records, history_values
from tracker.extensions import db

ENTRY_FIELDS = (
    "institution",
    "unit",
    "type",
    "phone",
    "mobile",
    "fax",
    "email",
    "secure_platform",
    "available_24_7",
    "hours",
    "timezone",
    "languages",
    "instructions",
    "address",
    "valid_from",
    "valid_to",
)
LENGTHS = {"institution": 200, "unit": 200, "secure_platform": 200, "hours": 200}


class ConflictError(DomainError):
    """Someone else saved the entry after this editor loaded it."""


def split_languages(value) -> list[str]:
    if isinstance(value, (list, tuple)):
        return [str(v).strip() for v in value if str(v).strip()]
    return [part.strip() for part in (value or "").replace(";", ",").split(",") if part.strip()]


def clean_entry(data: dict, *, region: str | None) -> tuple[dict, dict[str, str]]:
    """The entry's stored values and {field: problem}. `region` (ISO alpha-2) reads national numbers."""
    values: dict = {}
    errors: dict[str, str] = {}
    for key in ("institution", "unit", "secure_platform", "hours", "instructions", "address"):
        values[key] = _text(data.get(key))
        if values[key] and key in LENGTHS and len(values[key]) > LENGTHS[key]:
            errors[key] = f"Longer than {LENGTHS[key]} characters."
    if not values["institution"]:
        errors["institution"] = "Name the institution."
    try:
        values["type"] = ContactPointType(data.get("type"))
    except ValueError:
        errors["type"] = f"Choose one of: {', '.join(t.value for t in ContactPointType)}."
    for key in PHONE_FIELDS:
        values[key] = None
        if text := _text(data.get(key)):
            try:
                values[key] = normalise_phone(text, region)
            except ValueError as error:
                errors[key] = str(error)
    values["email"] = None
    if text := _text(data.get("email")):
        try:
            values["email"] = normalise_email(text)
        except ValueError as error:
            errors["email"] = str(error)
    if not (values["phone"] or values["mobile"] or values["email"]) and not (
        {"phone", "mobile", "email"} & errors.keys()
    ):
        errors["phone"] = "Give at least a phone number, a mobile number or an e-mail address."
    values["available_24_7"] = bool(data.get("available_24_7"))
    values["timezone"] = None
    if text := _text(data.get("timezone")):
        try:
            values["timezone"] = normalise_timezone(text)
        except ValueError as error:
            errors["timezone"] = str(error)
    if values["available_24_7"] and values["hours"]:
        errors["hours"] = "A 24/7 contact point has no stated hours: clear the hours or untick 24/7."
    elif not values["available_24_7"]:
        if not values["hours"]:
            errors["hours"] = "State the hours when the contact point answers, or tick 24/7."
        if not values["timezone"] and "timezone" not in errors:
            errors["timezone"] = "Give the time zone of the stated hours (for example Europe/Paris)."
    languages, unknown = [], []
    for text in split_languages(data.get("languages")):
        try:
            code = normalise_language(text)
        except ValueError:
            unknown.append(text)
        else:
            if code not in languages:
                languages.append(code)
    values["languages"] = languages
    if unknown:
        errors["languages"] = f"Not an ISO 639 language code or name: {', '.join(unknown)}."
    values["valid_from"] = data.get("valid_from")
    values["valid_to"] = data.get("valid_to")
    if values["valid_from"] is None:
        errors["valid_from"] = "Give the date from which the contact point is designated."
    elif values["valid_to"] is not None and values["valid_to"] < values["valid_from"]:
        errors["valid_to"] = "The designation cannot end before it starts (valid to is before valid from)."
    return values, errors


def _checked(data: dict, country: Country) -> dict:
    values, errors = clean_entry(data, region=country.iso2)
    if errors:
        key = next(k for k in ENTRY_FIELDS if k in errors)
        raise DomainError(errors[key], field=key)
    return values


def duplicate_message(other: ContactPoint) -> str:
    until = f" to {other.valid_to.isoformat()}" if other.valid_to else ""
    return (
        f"{other.name} ({other.type.label}) is already a contact point of {other.country.name} "
        f"from {other.valid_from.isoformat()}{until}: edit that entry, or end its designation first."
    )


def _check_duplicate(country: Country, values: dict, exclude_id: int | None = None) -> None:
    other = queries.overlapping_entry(
        country_id=country.id,
        institution=values["institution"],
        unit=values["unit"],
        type=values["type"],
        valid_from=values["valid_from"],
        valid_to=values["valid_to"],
        exclude_id=exclude_id,
    )
    if other is not None:
        raise DomainError(duplicate_message(other), field="institution")


def _record_change(cp: ContactPoint, *, action: str, summary: str, before: dict, by) -> None:
    changes = audit.diff(before, history_values(cp))
    if changes or action != "update":
        audit.record(
            action=action,
            entity_type="contact_point",
            entity_id=cp.id,
            summary=summary,
            by=by,
            changes=changes,
        )


def _flush() -> None:
    try:
        db.session.flush()
    except StaleDataError:
        raise ConflictError(
            "Someone else saved this contact point while you were editing it; nothing of yours was saved."
        ) from None


def contact_point_create(*, data: dict, by) -> ContactPoint:
    country = db.session.get(Country, data.get("country_id") or 0)
    if country is None:
        raise DomainError("Choose the country that designated this contact point.", field="country_id")
    values = _checked(data, country)
    _check_duplicate(country, values)
    cp = ContactPoint(country=country, **values)
    db.session.add(cp)
    db.session.flush()
    _record_change(cp, action="create", summary=f"Designated {cp.name} ({country.name})", before={}, by=by)
    return cp


def _require_version(cp: ContactPoint, version) -> None:
    if str(version or "").strip() != str(cp.version):
        raise ConflictError(
            "Someone else changed this contact point after you opened it, so nothing was saved."
        )


def contact_point_update(cp: ContactPoint, *, data: dict, version, by) -> ContactPoint:
    """Change an entry's details in place (its country stays). `version` is the one the editor loaded."""
    _require_version(cp, version)
    values = _checked(data, cp.country)
    _check_duplicate(cp.country, values, exclude_id=cp.id)
    before = history_values(cp)
    for key, value in values.items():
        setattr(cp, key, value)
    _flush()
    _record_change(cp, action="update", summary=f"Edited {cp.name} ({cp.country.name})", before=before, by=by)
    return cp


def contact_point_end(cp: ContactPoint, *, valid_to: date | None, version, by) -> ContactPoint:
    """End the designation on `valid_to` (the entry and its history stay)."""
    _require_version(cp, version)
    if cp.valid_to is not None:
        raise DomainError(
            f"This designation already ends on {cp.valid_to.isoformat()}; edit the entry to change the date.",
            field="valid_to",
        )
    if valid_to is None:
        raise DomainError("Give the last day of the designation.", field="valid_to")
    if valid_to < cp.valid_from:
        raise DomainError(
            f"The designation started on {cp.valid_from.isoformat()}; it cannot end before that.",
            field="valid_to",
        )
    before = history_values(cp)
    cp.valid_to = valid_to
    _flush()
    _record_change(
        cp,
        action="end",
        summary=f"Ended the designation of {cp.name} ({cp.country.name}) on {valid_to.isoformat()}",
        before=before,
        by=by,
    )
    return cp


def contact_point_verify(cp: ContactPoint, *, by, on: date | None = None) -> ContactPoint:
    """Record that the secretariat checked the entry's details with the contact point."""
    on = on or date.today()
    before = {"last_verified_on": cp.last_verified_on, "verified_by": getattr(cp.verified_by, "name", None)}
    cp.last_verified_on = on
    cp.verified_by = by
    _flush()
    audit.record(
        action="verify",
        entity_type="contact_point",
        entity_id=cp.id,
        summary=f"Verified {cp.name} ({cp.country.name})",
        by=by,
        changes=audit.diff(before, {"last_verified_on": on, "verified_by": getattr(by, "name", None)}),
    )
    return cp


def contact_points_import(items: list[dict], *, by) -> int:
    """Write rows that the importer has checked (values cleaned, duplicates refused)."""
    entries = [ContactPoint(**item) for item in items]
    db.session.add_all(entries)
    db.session.flush()
    for cp in entries:
        summary = f"Imported {cp.name} ({cp.country.name})"
        _record_change(cp, action="create", summary=summary, before={}, by=by)
    return len(entries)


def release_publish(*, released_on: date | None, note: str | None, by) -> DirectoryRelease:
    """Freeze the entries designated on `released_on` as the next numbered version."""
    released_on = released_on or date.today()
    if released_on > date.today():
        raise DomainError(
            "A version is published on or before today, not in the future.", field="released_on"
        )
    previous = queries.latest_release()
    if previous is not None and released_on < previous.released_on:
        raise DomainError(
            f"Version {previous.number} is dated {previous.released_on.isoformat()}; "
            "a new version cannot be dated before it.",
            field="released_on",
        )
    snapshot = queries.records_on(released_on)
    if previous is None and not snapshot:
        raise DomainError(
            f"No contact point is designated on {released_on.isoformat()}: there is nothing to publish."
        )
    changes = diff_records(previous.snapshot if previous else [], snapshot)
    if previous is not None and not changes:
        raise DomainError(
            f"Nothing has changed since version {previous.number}: there is nothing new to publish."
        )
    iso3s = [country.iso3 for country in changes]
    number = previous.number + 1 if previous else 1
    release = DirectoryRelease(
        number=number,
        released_on=released_on,
        note=_text(note),
        snapshot=snapshot,
        entry_count=len(snapshot),
        created_by_id=getattr(by, "id", None),
        changed_countries=list(db.session.scalars(select(Country).where(Country.iso3.in_(iso3s)))),
    )
    db.session.add(release)
    db.session.flush()
    audit.record(
        action="publish",
        entity_type="directory_release",
        entity_id=number,
        summary=f"Published directory version {number} of {released_on.isoformat()} "
        f"({len(snapshot)} entries; changed: {', '.join(sorted(iso3s)) or 'none'})",
        by=by,
    )
    return release


def export_record(*, what: str, fmt: str, release: DirectoryRelease | None, by) -> None:
    """Every export leaves a trace: who took which version of the directory, in which format, when."""
    audit.record_export(
        entity_type="directory_release" if release else "directory",
        entity_id=release.number if release else None,
        summary=f"Exported {what} as {fmt.upper()}",
        by=by,
    )
