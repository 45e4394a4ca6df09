"""The plenary report as an XLSX workbook: one sheet per section of the presentation."""

from tracker.core.spreadsheets import Column, Sheet, to_xlsx
from tracker.reports.model import PlenaryReport


def report_sheets(report: PlenaryReport) -> list[Sheet]:
    period = f"{report.period_from:%d %b %Y} – {report.period_to:%d %b %Y}"
    heading = f"24/7 Network: plenary statistics, {period}"
    return [
        Sheet(
            "Summary",
            [Column("Figure", 48), Column("Value", 14)],
            heading=heading,
            rows=[
                ["Parties to the Convention", report.parties],
                ["Parties with a contact point", report.parties_with_contact_point],
                ["Parties with more than one contact point", report.parties_with_multiple_contact_points],
                ["Directory versions shared with the Network", report.release_count],
                [
                    "Parties that provided input to the complementary directory",
                    report.authorities.get("provided_input"),
                ],
                ["Open action items (open or in progress)", report.outstanding_action_items],
            ],
        ),
        Sheet(
            "Contact point types",
            [Column("Type", 28), Column("Contact points", 16)],
            heading=heading,
            rows=[[report.type_labels[k], v] for k, v in report.contact_points_by_type.items()],
        ),
        Sheet(
            "Directory versions",
            [Column("ISO", 8), Column("Country whose entry changed", 36)],
            heading=heading,
            rows=[list(row) for row in report.release_countries],
        ),
        Sheet(
            "New contact points",
            [Column("ISO", 8), Column("Country", 24), Column("Institution", 60)],
            heading=heading,
            rows=[list(row) for row in report.new_contact_points],
        ),
        Sheet(
            "Capacity building",
            [
                Column("Kind", 30),
                Column("Activity", 60),
                Column("Start", 12),
                Column("Beneficiaries", 40),
                Column("Contributors", 40),
            ],
            heading=heading,
            rows=[
                [a.kind_label, a.title, a.start, a.beneficiaries, a.contributors] for a in report.activities
            ],
        ),
        Sheet(
            "Meetings",
            [
                Column("Meeting", 40),
                Column("Date", 12),
                Column("Place", 20),
                Column("Delegates", 10),
                Column("In person", 10),
                Column("Online", 10),
                Column("Countries", 10),
                Column("Parties", 10),
                Column("Observers", 10),
                Column("Organisations", 14),
                Column("Participation", 60),
                Column("Updates by new members", 30),
                Column("Good practices", 30),
                Column("Conclusions", 40),
            ],
            heading=heading,
            rows=[
                [
                    m.title,
                    m.date,
                    m.place,
                    m.delegates,
                    m.in_person,
                    m.online,
                    m.countries,
                    m.parties,
                    m.observers,
                    m.organisations,
                    m.sentence,
                    m.new_member_updates,
                    m.good_practices,
                    "\n".join(m.conclusions),
                ]
                for m in report.meetings
            ],
        ),
        Sheet(
            "Complementary directory",
            [Column("Figure", 48), Column("Value", 14)],
            heading=heading,
            rows=[[key.replace("_", " ").capitalize(), value] for key, value in report.authorities.items()],
        ),
        Sheet(
            "Reachability",
            [Column("Figure", 48), Column("Value", 14)],
            heading=heading,
            rows=[[key.replace("_", " ").capitalize(), value] for key, value in report.reachability.items()],
        ),
        Sheet(
            "Action items",
            [Column("Action item", 70), Column("Owner", 24), Column("Due", 12), Column("Event", 50)],
            heading=heading,
            rows=[list(row) for row in report.open_action_items],
        ),
    ]


def report_xlsx(report: PlenaryReport) -> bytes:
    return to_xlsx(report_sheets(report))
