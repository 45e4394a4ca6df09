"""The home dashboard: headline figures and charts, each computed once in SQL by its feature's queries."""

from dataclasses import dataclass, field
from datetime import date

from flask import url_for
from wtforms.validators import Optional

from tracker.activities import queries as activity_queries
from tracker.authorities import input_queries as authority_queries
from tracker.core.forms import DateField, FilterForm
from tracker.countries import queries as country_queries
from tracker.countries.models import Status
from tracker.dashboards.charts import Chart, bar_chart, cumulative_line_chart, stacked_bar_chart, world_map
from tracker.directory import queries as directory_queries
from tracker.events import attendance as event_attendance
from tracker.events import queries as event_queries


class DashboardDateForm(FilterForm):
    on = DateField("As of", validators=[Optional()])


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


def _headlines(day: date, counts: dict[Status, int]) -> list[Headline]:
    year_start = date(day.year, 1, 1)
    authorities = authority_queries.input_headline(day)
    return [
        Headline(
            Status.PARTY.plural,
            counts[Status.PARTY],
            url=url_for("countries.country_list", status="party", on=day.isoformat()),
        ),
        Headline(
            "Parties with a 24/7 contact point",
            directory_queries.parties_with_contact_point(day),
            url=url_for("directory.contact_point_list"),
        ),
        Headline("Parties with more than one", directory_queries.parties_with_multiple_contact_points(day)),
        Headline(
            f"Directory versions in {day.year}",
            directory_queries.release_count_between(year_start, day),
            url=url_for("directory.release_list"),
        ),
        Headline(
            f"Events in {day.year}",
            event_queries.event_count_between(year_start, day),
            url=url_for("events.event_list", year=day.year),
        ),
        Headline(
            f"Capacity-building activities in {day.year}",
            activity_queries.activity_count_between(year_start, day),
            url=url_for("activities.activity_list", year=day.year),
        ),
        Headline(
            "Parties that gave authorities input",
            f"{authorities['provided_input']} of {authorities['parties']}",
            url=url_for("authorities.status"),
        ),
    ]


def _map_rows(day: date) -> list[tuple[str, str, str]]:
    covered = directory_queries.countries_with_current_contact_point(day)
    rows = []
    for country_id, iso3, name, status in country_queries.statuses_on(day):
        if status == Status.PARTY:
            label = MAP_PARTY_WITH if country_id in covered else MAP_PARTY_WITHOUT
        else:
            label = status.label
        rows.append((iso3, name, label))
    return rows


MAP_PARTY_WITH = "Party with a 24/7 contact point"
MAP_PARTY_WITHOUT = "Party without a contact point"


def home_dashboard(day: date) -> Dashboard:
    counts = country_queries.count_by_status(day)
    dashboard = Dashboard(day=day, headlines=_headlines(day, counts))
    by_type = directory_queries.contact_points_by_type(day)
    dashboard.charts.append(
        bar_chart(
            "contact-point-types",
            "Contact points of Parties by type",
            [(key.replace("_", " ").capitalize(), n) for key, n in by_type.items()],
            label="Contact points",
        )
    )
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
            f"Treaty status and contact-point coverage on {day:%d %b %Y}",
            _map_rows(day),
            categories=[MAP_PARTY_WITH, MAP_PARTY_WITHOUT, Status.SIGNATORY.label, Status.OBSERVER.label],
        )
    )
    trend = event_attendance.annual_meeting_trend()
    dashboard.charts.append(
        stacked_bar_chart(
            "annual-meeting-attendance",
            "Annual meetings: delegates in person and online",
            [str(point.year) for point in trend],
            {"In person": [p.in_person for p in trend], "Online": [p.online for p in trend]},
            x_title="Year",
        )
    )
    dashboard.charts += _activity_charts()
    return dashboard


def _pivot(rows: list[tuple[int, str, int]]) -> tuple[list[str], dict[str, list[int]]]:
    """(year, series, n) rows -> the years, and each series' counts per year (zeros filled in)."""
    years = sorted({year for year, _, _ in rows})
    series: dict[str, list[int]] = {}
    for year, name, n in rows:
        series.setdefault(name, [0] * len(years))[years.index(year)] += n
    return [str(y) for y in years], series


def _activity_charts() -> list[Chart]:
    by_kind = [(year, kind.label, n) for year, kind, n in activity_queries.activities_by_kind_year()]
    by_region = [
        (row.year, row.region, row.count) for row in activity_queries.activities_by_kind_region_year()
    ]
    charts = []
    for key, title, rows in (
        ("activities-by-kind", "Capacity-building activities per year, by kind", by_kind),
        (
            "activities-by-region",
            "Capacity-building activities per year, by region of the beneficiaries",
            by_region,
        ),
    ):
        years, series = _pivot(rows)
        charts.append(stacked_bar_chart(key, title, years, series, x_title="Year"))
    return charts
