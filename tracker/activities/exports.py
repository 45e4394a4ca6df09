"""The activity list as a spreadsheet. Its first columns are the importer's, so a file exported here can be
edited and imported again (into another tracker, or after deleting the rows)."""

from tracker.activities.models import Activity
from tracker.core.spreadsheets import Column, Sheet


def activity_sheets(activities: list[Activity]) -> list[Sheet]:
    # no heading line above the header row: the importer reads the first row as the column names
    sheet = Sheet(
        title="Activities",
        columns=[
            Column("Title", 40),
            Column("Kind", 26),
            Column("Status", 12),
            Column("Start", 12),
            Column("End", 12),
            Column("Programme", 24),
            Column("Topics", 30),
            Column("Beneficiaries", 34),
            Column("Contributors", 34),
            Column("Description", 40),
            Column("Outputs", 30),
            Column("Beneficiary codes", 18),
            Column("Contributor codes", 18),
            Column("Linked events", 34),
        ],
        rows=[
            [
                a.title,
                a.kind.label,
                a.status.label,
                a.start_date,
                a.end_date,
                a.programme,
                a.topic_names,
                a.beneficiary_names,
                a.contributor_names,
                a.description,
                a.outputs,
                [c.iso3 for c in a.beneficiaries],
                [c.iso3 for c in a.contributors],
                [f"{e.start_date.isoformat()} {e.title}" for e in a.events],
            ]
            for a in activities
        ],
    )
    return [sheet]
