"""The participant list as a spreadsheet: with names and e-mails (secretariat use), or aggregates only
(one row per delegation, for sharing)."""

from tracker.core.spreadsheets import Column, Sheet
from tracker.events import attendance
from tracker.events.models import Event, Participant


def _delegation_sheet(
    event: Event, rows: list[attendance.DelegationRow], totals: attendance.Attendance
) -> Sheet:
    shared = [row for row in rows if row.delegates]
    sheet = Sheet(
        title="Delegations",
        heading=f"{event.title}, {event.dates}: {totals.sentence}",
        columns=[
            Column("Delegation", 40),
            Column("Code", 10),
            Column(f"Status on {event.start_date.isoformat()}", 26),
            Column("Delegates in person", 12),
            Column("Delegates online", 12),
            Column("Delegates", 12),
        ],
    )
    sheet.rows = [[r.name, r.code, r.status_label, r.in_person, r.online, r.delegates] for r in shared]
    sheet.rows.append(["Total", None, totals.sentence, totals.in_person, totals.online, totals.delegates])
    return sheet


def _summary_sheet(totals: attendance.Attendance) -> Sheet:
    figures = [
        ("Delegates", totals.delegates),
        ("In person", totals.in_person),
        ("Online", totals.online),
        ("Countries represented", totals.countries),
        ("of which Parties", totals.parties),
        ("of which Observers", totals.observers),
        ("International organisations represented", totals.organisations),
    ]
    return Sheet(
        title="Summary",
        columns=[Column("Figure", 40), Column("Value", 12)],
        rows=[list(pair) for pair in figures] + [["Sentence", totals.sentence]],
    )


def aggregate_sheets(event: Event) -> list[Sheet]:
    totals = attendance.attendance(event.id)
    return [_delegation_sheet(event, attendance.delegations(event), totals), _summary_sheet(totals)]


def personal_sheets(event: Event, participants: list[Participant]) -> list[Sheet]:
    sheet = Sheet(
        title="Participants",
        heading=f"{event.title}, {event.dates}: participant list (personal data: do not share)",
        columns=[
            Column("Name", 28),
            Column("E-mail", 32),
            Column("Institution", 30),
            Column("Country", 22),
            Column("Country code", 10),
            Column("Organisation", 30),
            Column("Role", 14),
            Column("Attendance", 12),
            Column("Attended", 10),
            Column("Minutes online", 10),
        ],
        rows=[
            [
                p.name,
                p.email,
                p.institution,
                p.country.name if p.country else None,
                p.country.iso3 if p.country else None,
                p.organisation.display_name if p.organisation else None,
                p.role.label,
                p.mode.label,
                p.status.label,
                p.minutes_online,
            ]
            for p in participants
        ],
    )
    return [sheet, *aggregate_sheets(event)]
