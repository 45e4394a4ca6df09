"""Writes for the directory. Services flush; callers commit.

Each write checks the entry's values once, with `entries.clean_entry` (the rules the importer applies
too), and refuses them with EntryInvalid, which names every problem on its field so the page shows them
all at once.
"""

from datetime import date

from sqlalchemy import select

from tracker.core import audit, locking
from tracker.core.errors import DomainError
from tracker.core.locking import check_version
from tracker.core.parsing import text_or_none as _text
from tracker.countries.models import Country
from tracker.directory import queries
from tracker.directory.entries import ENTRY_FIELDS, clean_entry  # noqa: F401  (ENTRY_FIELDS: what `data` holds)
from tracker.directory.models import ContactPoint, DirectoryRelease
from tracker.directory.records import diff_records, history_values, saved_differences
from tracker.extensions import db


class EntryInvalid(DomainError):
    """The entry's values broke one rule or more. `problems` holds one DomainError per field, in the
    form's order; the error itself reads as the first of them."""

    def __init__(self, errors: dict[str, str]):
        self.problems = [DomainError(message, field=key) for key, message in errors.items()]
        super().__init__(str(self.problems[0]), field=self.problems[0].field)


def _checked(data: dict, country: Country | None) -> dict:
    """The stored values, or EntryInvalid with every problem (the country's among them)."""
    values, errors = clean_entry(data, region=country.iso2 if country else None)
    if country is None:
        errors = {"country_id": "Choose the country that designated this contact point."} | errors
    if errors:
        raise EntryInvalid(errors)
    return values


def entry_differences(data: dict, cp: ContactPoint) -> dict[str, str]:
    """{field: value saved meanwhile} where an editor's input, read as it would be stored, differs from the
    entry: shown after a conflict so the editor can choose between the two."""
    values, _errors = clean_entry(data, region=cp.country.iso2)
    return saved_differences(values, cp)


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


def contact_point_create(*, data: dict, by) -> ContactPoint:
    country = db.session.get(Country, data.get("country_id") or 0)
    values = _checked(data, country)
    _check_duplicate(country, values)
    cp = ContactPoint(country=country, **values)
    _verified_by_designation(cp, by)
    db.session.add(cp)
    db.session.flush()
    _record_change(cp, action="create", summary=f"Designated {cp.name} ({country.name})", before={}, by=by)
    return cp


def _verified_by_designation(cp: ContactPoint, by) -> None:
    """An entry typed from a Party's official designation is verified on the designation's date: the
    Party itself has just confirmed these details, so the entry is not “stale / never verified” the day it
    is entered. (A designation dated in the future is verified when it starts, by the usual means.)"""
    if cp.last_verified_on is None and cp.valid_from <= date.today():
        cp.last_verified_on = cp.valid_from
        cp.verified_by = by


def contact_point_update(cp: ContactPoint, *, data: dict, version, by) -> ContactPoint:
    """Change an entry's details in place (its country stays). `version` is the one the editor loaded."""
    values = _checked(data, cp.country)
    check_version(cp, version, what="contact point")
    _check_duplicate(cp.country, values, exclude_id=cp.id)
    before = history_values(cp)
    if values.get("email") != cp.email:  # a new address has not been refused (yet)
        cp.email_bounced_at = cp.email_bounce_reason = None
    for key, value in values.items():
        setattr(cp, key, value)
    locking.flush(what="contact point")
    _record_change(cp, action="update", summary=f"Edited {cp.name} ({cp.country.name})", before=before, by=by)
    return cp


def contact_point_end(cp: ContactPoint, *, valid_to: date | None, version, by) -> ContactPoint:
    """End the designation on `valid_to` (the entry and its history stay)."""
    check_version(cp, version, what="contact point")
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
    locking.flush(what="contact point")
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
    locking.flush(what="contact point")
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
    for cp in entries:
        _verified_by_designation(cp, by)
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
