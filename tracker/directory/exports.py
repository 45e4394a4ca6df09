"""The directory as one well-formatted sheet (XLSX) or CSV, for sharing with the Parties.

The headers are the importer's column names, so an exported CSV can be imported as it is.
"""

from datetime import date

from tracker.core.spreadsheets import Column, Sheet
from tracker.core.validation import format_phone, language_name
from tracker.directory.models import ContactPointType
from tracker.directory.records import sort_key

COLUMNS = [
    Column("Country", 22),
    Column("ISO3", 7),
    Column("Institution", 36),
    Column("Unit", 30),
    Column("Type", 18),
    Column("Phone", 19, phone=True),
    Column("Mobile", 19, phone=True),
    Column("Fax", 19, phone=True),
    Column("E-mail", 30),
    Column("Secure platform", 22),
    Column("Available 24/7", 10),
    Column("Hours", 24),
    Column("Time zone", 18),
    Column("Languages", 24),
    Column("Instructions", 40),
    Column("Address", 32),
    Column("Valid from", 12),
    Column("Valid to", 12),
]


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def row(record: dict) -> list:
    return [
        record["country_name"],
        record["country"],
        record["institution"],
        record["unit"],
        ContactPointType(record["type"]).label,
        format_phone(record["phone"]),
        format_phone(record["mobile"]),
        format_phone(record["fax"]),
        record["email"],
        record["secure_platform"],
        "yes" if record["available_24_7"] else "no",
        record["hours"],
        record["timezone"],
        [language_name(code) for code in record["languages"]],
        record["instructions"],
        record["address"],
        _date(record["valid_from"]),
        _date(record["valid_to"]),
    ]


def directory_sheet(records: list[dict], heading: str) -> Sheet:
    return Sheet(
        title="24-7 directory",
        heading=heading,
        columns=COLUMNS,
        rows=[row(record) for record in sorted(records, key=sort_key)],
    )


def release_heading(number: int, released_on: date) -> str:
    return (
        f"24/7 Network directory, version {number} of {released_on:%d %B %Y} "
        "(Convention on Cybercrime, Article 35) - confidential: shared with the Parties, not public"
    )


def current_heading(day: date, latest_number: int | None) -> str:
    published = f"; latest published version: {latest_number}" if latest_number else ""
    return (
        f"24/7 Network directory, current entries on {day:%d %B %Y} (not a published version{published})"
        " - confidential: shared with the Parties, not public"
    )
