"""The home dashboard: headline figures and charts, each computed once in SQL by its feature's queries."""

from dataclasses import dataclass, field
from datetime import date

from flask import url_for

from tracker.countries import queries as country_queries
from tracker.countries.models import Status
from tracker.dashboards.charts import Chart, cumulative_line_chart, world_map


@dataclass
class Headline:
    label: str
    value: int | str
    url: str | None = None
    note: str | None = None


@dataclass
class Dashboard:
    day: date
    headlines: list[Headline] = field(default_factory=list)
    charts: list[Chart] = field(default_factory=list)


def home_dashboard(day: date) -> Dashboard:
    counts = country_queries.count_by_status(day)
    dashboard = Dashboard(day=day)
    dashboard.headlines += [
        Headline(
            s.plural, counts[s], url=url_for("countries.country_list", status=s.value, on=day.isoformat())
        )
        for s in (Status.PARTY, Status.SIGNATORY, Status.OBSERVER)
    ]
    per_year, undated = country_queries.parties_by_deposit_year()
    dashboard.charts.append(
        cumulative_line_chart(
            "parties-over-time",
            "Parties to the Convention over time",
            per_year,
            label="Parties",
            note=(
                f"Counted from the recorded deposit dates; {undated} Parties' dates are not recorded "
                "and are not on this timeline."
            )
            if undated
            else None,
        )
    )
    dashboard.charts.append(
        world_map(
            "treaty-map",
            f"Treaty status on {day:%d %b %Y}",
            [(iso3, name, status.label) for iso3, name, status in country_queries.statuses_on(day)],
            categories=[s.label for s in (Status.PARTY, Status.SIGNATORY, Status.OBSERVER)],
        )
    )
    return dashboard
