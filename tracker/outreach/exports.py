"""A campaign's figures as the page shows them and as CSV/XLSX: per country, then per contact point."""

from dataclasses import replace
from statistics import median

from tracker.core.spreadsheets import Column, Sheet
from tracker.core.time import as_utc
from tracker.outreach.models import Campaign, OutreachRequest
from tracker.outreach.queries import CountryFigures

COUNTS = ("requests", "sent", "failed", "waiting", "confirmed", "corrected", "acknowledged", "no_answer")


def _median(values: list[int]) -> float | None:
    return round(median(values), 1) if values else None


def with_totals(figures: list[CountryFigures], requests: list[OutreachRequest]) -> list[CountryFigures]:
    """Each country's figures with its median response time, and a last row for all countries.

    Medians are computed here, from the requests the page lists anyway: SQLite has no median."""
    minutes: dict[str, list[int]] = {}
    for request in requests:
        if request.response_minutes is not None:
            minutes.setdefault(request.contact_point.country.iso3, []).append(request.response_minutes)
    rows = [replace(row, median_minutes=_median(minutes.get(row.iso3, []))) for row in figures]
    if rows:
        total = CountryFigures("", "All countries", *(sum(getattr(r, key) for r in rows) for key in COUNTS))
        total.median_minutes = _median([m for values in minutes.values() for m in values])
        rows.append(total)
    return rows


def _moment(value):
    value = as_utc(value)
    return value.strftime("%Y-%m-%d %H:%M UTC") if value else None


def campaign_sheets(campaign: Campaign, figures: list[CountryFigures], requests: list[OutreachRequest]):
    heading = f"{campaign.title} — {campaign.scope}"
    by_country = Sheet(
        title="By country",
        heading=heading,
        columns=[Column("Country", 28), Column("ISO3", 8)]
        + [Column(key.replace("_", " ").capitalize(), 12) for key in COUNTS]
        + [Column("Median minutes to answer", 14)],
        rows=[
            [row.country, row.iso3, *(getattr(row, key) for key in COUNTS), row.median_minutes]
            for row in with_totals(figures, requests)
        ],
    )
    by_contact_point = Sheet(
        title="By contact point",
        heading=heading,
        columns=[
            Column("Country", 24),
            Column("Contact point", 40),
            Column("E-mail", 30),
            Column("Mail", 10),
            Column("Sent at", 20),
            Column("Server's answer", 40),
            Column("Answered at", 20),
            Column("Outcome", 14),
            Column("Minutes to answer", 12),
        ],
        rows=[
            [
                r.contact_point.country.name,
                r.contact_point.name,
                r.to_address,
                r.message.status.value if r.message else "—",
                _moment(r.message.sent_at if r.message else None),
                r.message.last_error if r.message else None,
                _moment(r.answered_at),
                r.outcome.value if r.outcome else "no answer",
                r.response_minutes,
            ]
            for r in requests
        ],
    )
    return [by_country, by_contact_point]
