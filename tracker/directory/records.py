"""An entry as a plain record: what a release freezes, what exports write, and how two sets differ.

A record is a JSON-ready dict keyed by field name. Releases store lists of them; comparing two releases,
or the latest release with today's directory, is a comparison of two lists of records by entry id.
"""

from dataclasses import dataclass, field
from datetime import date

from tracker.core.collation import name_key
from tracker.core.validation import format_phone, language_name
from tracker.directory.entries import ENTRY_FIELDS
from tracker.directory.models import ContactPoint, ContactPointType

# The fields a release freezes and compares, in display order, with their labels.
FIELDS = {
    "institution": "Institution",
    "unit": "Unit",
    "type": "Type",
    "phone": "Phone",
    "mobile": "Mobile",
    "fax": "Fax",
    "email": "E-mail",
    "secure_platform": "Secure platform",
    "available_24_7": "Available 24/7",
    "hours": "Hours",
    "timezone": "Time zone",
    "languages": "Languages",
    "instructions": "Instructions",
    "address": "Address",
    "valid_from": "Valid from",
    "valid_to": "Valid to",
}
# Fields only the history shows (they are not part of what is shared with the network).
HISTORY_LABELS = FIELDS | {
    "country": "Country",
    "last_verified_on": "Last verified",
    "verified_by": "Verified by",
}
PHONE_FIELDS = ("phone", "mobile", "fax")
TYPE_ORDER = {t.value: i for i, t in enumerate(ContactPointType)}


def entry_record(cp: ContactPoint) -> dict:
    """The entry as a release keeps it (needs cp.country loaded)."""
    return {
        "id": cp.id,
        "country": cp.country.iso3,
        "country_name": cp.country.name,
        "institution": cp.institution,
        "unit": cp.unit,
        "type": cp.type.value,
        "phone": cp.phone,
        "mobile": cp.mobile,
        "fax": cp.fax,
        "email": cp.email,
        "secure_platform": cp.secure_platform,
        "available_24_7": cp.available_24_7,
        "hours": cp.hours,
        "timezone": cp.timezone,
        "languages": list(cp.languages or []),
        "instructions": cp.instructions,
        "address": cp.address,
        "valid_from": cp.valid_from.isoformat(),
        "valid_to": cp.valid_to.isoformat() if cp.valid_to else None,
    }


def sort_key(record: dict):
    return (
        name_key(record["country_name"]),
        TYPE_ORDER.get(record["type"], 99),
        name_key(record["institution"]),
        record["id"],
    )


def history_values(cp: ContactPoint) -> dict:
    """The entry's values as the audit trail records them (before/after pairs of plain values)."""
    values = {key: value for key, value in entry_record(cp).items() if key in FIELDS}
    values["languages"] = ", ".join(values["languages"])
    values["country"] = cp.country.iso3
    return values


def form_values(cp: ContactPoint) -> dict:
    """The entry's values as the edit form shows them (numbers spaced, languages as one text)."""
    values = {key: getattr(cp, key) for key in ENTRY_FIELDS}
    values |= {key: format_phone(values[key]) or None for key in PHONE_FIELDS}
    return values | {"type": cp.type.value, "languages": ", ".join(cp.languages), "version": cp.version}


def display(key: str, value) -> str:
    """A record's value as people read it."""
    if value is None or value == "" or value == []:
        return "—"
    if key in PHONE_FIELDS:
        return format_phone(value)
    if key == "type":
        return ContactPointType(value).label if value in TYPE_ORDER else str(value)
    if key == "available_24_7":
        return "yes" if value in (True, "True", "true") else "no"
    if key == "languages":
        codes = value if isinstance(value, list) else [c.strip() for c in str(value).split(",")]
        return ", ".join(language_name(code) for code in codes if code)
    if key in ("valid_from", "valid_to", "last_verified_on"):
        try:
            return date.fromisoformat(str(value)).strftime("%d %b %Y")
        except ValueError:
            return str(value)
    return str(value)


def availability(record: dict) -> str:
    if record.get("available_24_7"):
        return "24/7"
    zone = f" ({record['timezone']})" if record.get("timezone") else ""
    return f"{record.get('hours') or 'Hours not stated'}{zone}"


@dataclass
class FieldChange:
    key: str
    label: str
    before: str
    after: str


@dataclass
class EntryDiff:
    status: str  # "added", "removed" or "changed"
    record: dict  # the newer record (the older one for a removal)
    changes: list[FieldChange] = field(default_factory=list)


@dataclass
class CountryDiff:
    iso3: str
    name: str
    entries: list[EntryDiff] = field(default_factory=list)


def field_changes(before: dict, after: dict) -> list[FieldChange]:
    return [
        FieldChange(key, label, display(key, before.get(key)), display(key, after.get(key)))
        for key, label in FIELDS.items()
        if before.get(key) != after.get(key)
    ]


def diff_records(old: list[dict], new: list[dict]) -> list[CountryDiff]:
    """Entries added, removed and changed field by field from `old` to `new`, grouped by country."""
    old_by_id = {r["id"]: r for r in old}
    new_by_id = {r["id"]: r for r in new}
    entries: list[EntryDiff] = []
    for entry_id, record in new_by_id.items():
        before = old_by_id.get(entry_id)
        if before is None:
            entries.append(EntryDiff("added", record))
        elif changes := field_changes(before, record):
            entries.append(EntryDiff("changed", record, changes))
    entries += [EntryDiff("removed", r) for i, r in old_by_id.items() if i not in new_by_id]
    countries: dict[str, CountryDiff] = {}
    for entry in sorted(entries, key=lambda e: sort_key(e.record)):
        record = entry.record
        countries.setdefault(
            record["country"], CountryDiff(record["country"], record["country_name"])
        ).entries.append(entry)
    return list(countries.values())


@dataclass
class CountryRecords:
    iso3: str
    name: str
    records: list[dict]


def group_by_country(records: list[dict]) -> list[CountryRecords]:
    groups: dict[str, CountryRecords] = {}
    for record in sorted(records, key=sort_key):
        groups.setdefault(
            record["country"], CountryRecords(record["country"], record["country_name"], [])
        ).records.append(record)
    return list(groups.values())


def _plain(value):
    if isinstance(value, date):
        return value.isoformat()
    return getattr(value, "value", value)


def saved_differences(values: dict, cp: ContactPoint) -> dict[str, str]:
    """{field: saved value as people read it} where `values` (an editor's input) differs from the entry."""
    saved = entry_record(cp)
    return {key: display(key, saved[key]) for key in FIELDS if _plain(values.get(key)) != _plain(saved[key])}


@dataclass
class HistoryEntry:
    event: object  # an AuditEvent
    changes: list[FieldChange]


def history_entries(events) -> list[HistoryEntry]:
    """Audit events of an entry with their changes in the entry's field order, as people read them."""
    order = {key: i for i, key in enumerate(HISTORY_LABELS)}
    return [
        HistoryEntry(
            event,
            [
                FieldChange(key, HISTORY_LABELS.get(key, key), display(key, before), display(key, after))
                for key, (before, after) in sorted(
                    (event.changes or {}).items(), key=lambda kv: order.get(kv[0], 99)
                )
            ],
        )
        for event in events
    ]
