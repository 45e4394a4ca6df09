"""The directory and the follow-up list as spreadsheets (CSV: the first sheet; XLSX: every sheet)."""

from datetime import date

from tracker.authorities.input_queries import FollowUp
from tracker.authorities.models import FIELDS
from tracker.authorities.queries import AuthorityView
from tracker.core.spreadsheets import Column, Sheet

CONFIDENTIAL = "Confidential: shared with the Parties to the Convention on Cybercrime, never public."

TREATY_OFFICE_EMAIL = "treaty.office@coe.int"
DECLARATIONS_URL = (
    "https://www.coe.int/en/web/conventions/full-list?module=declarations-by-treaty&numSte=185&codeNature=0"
)
TREATY_OFFICE_PROCEDURE = [
    "Parties may review their declarations on authorities (Articles 24 and 27) on the Treaty Office website.",
    f"A change to a declaration needs only a simple official e-mail to {TREATY_OFFICE_EMAIL},",
    "sent by the Ministry of Foreign Affairs, a Permanent Representation, an Embassy or a Consulate "
    "of the State concerned.",
    "No hard-copy note verbale is needed.",
]


def _entry(view: AuthorityView) -> str:
    return f"{view.authority.article.short} {view.authority.name}"


def directory_sheets(views: list[AuthorityView], *, day: date) -> list:
    columns = [Column("Country", 22), Column("ISO3", 6), Column("Article", 8)]
    for field in FIELDS:
        width = 40 if field.value in ("name", "address") else 22
        columns += [
            Column(field.label, width),
            Column(f"{field.label} source", 18),
            Column(f"{field.label} received on", 12),
        ]
    columns += [
        Column("Notes", 30),
        Column("Declared authority", 40),
        Column("Declared on", 12),
        Column("Empty fields", 20),
        Column("Differs from the declaration", 30),
    ]
    rows = []
    for view in views:
        a = view.authority
        row = [a.country.name, a.country.iso3, a.article.value]
        for field in FIELDS:
            source = a.source(field)
            row += [a.value(field), source.label if source else None, a.received_on(field)]
        row += [
            a.notes,
            a.declaration.authority_name if a.declaration else None,
            a.declaration.declared_on if a.declaration else None,
            [f.label for f in view.empty_fields],
            [f"{d.field.label}{' (reviewed)' if d.reviewed else ''}" for d in view.differences],
        ]
        rows.append(row)
    heading = f"Complementary directory of authorities (Articles 24 and 27), {day:%d %b %Y}. {CONFIDENTIAL}"
    return [Sheet(title="Authorities", columns=columns, rows=rows, heading=heading)]


def follow_up_sheets(rows: list[FollowUp], *, day: date) -> list:
    columns = [
        Column("Country", 22),
        Column("ISO3", 6),
        Column("Why", 30),
        Column("No input", 9),
        Column("Last input received", 12),
        Column("Empty fields", 45),
        Column("Differs from the declaration", 45),
    ]
    sheet_rows = [
        [
            r.name,
            r.iso3,
            r.reasons,
            "yes" if r.no_input else "",
            r.last_received_on,
            [f"{_entry(v)}: {', '.join(f.label.lower() for f in v.empty_fields)}" for v in r.incomplete],
            [
                f"{_entry(v)}: {', '.join(d.field.label.lower() for d in v.differences)}"
                + (" (reviewed)" if not v.unreviewed else "")
                for v in r.differs
            ],
        ]
        for r in rows
    ]
    heading = (
        f"Complementary directory of authorities: Parties to contact, as of {day:%d %b %Y}. {CONFIDENTIAL}"
    )
    procedure = Sheet(
        title="Treaty Office procedure",
        columns=[Column("Changing an official declaration", 110)],
        rows=[[line] for line in TREATY_OFFICE_PROCEDURE] + [[DECLARATIONS_URL]],
    )
    return [Sheet(title="Parties to contact", columns=columns, rows=sheet_rows, heading=heading), procedure]
