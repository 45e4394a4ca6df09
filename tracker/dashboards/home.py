"""The home dashboard: headline figures and charts. The figures are read by `dashboards.queries` (each
computed in SQL by its feature); this module only decides how they are shown."""

from dataclasses import dataclass, field
from datetime import date

from flask import url_for
from wtforms.validators import Optional

from tracker.core.forms import DateField, FilterForm
from tracker.countries.models import Status
from tracker.dashboards import queries
from tracker.dashboards.charts import Chart, bar_chart, cumulative_line_chart, stacked_bar_chart, world_map


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
    stalest: list[queries.StaleEntry] = field(default_factory=list)


def _headlines(day: date) -> list[Headline]:
    figures = queries.headline_figures(day)
    return [
        Headline(
            Status.PARTY.plural,
            figures.counts[Status.PARTY],
            url=url_for("countries.country_list", status="party", on=day.isoformat()),
        ),
        Headline(
            "Parties with a 24/7 contact point",
            figures.parties_with_contact_point,
            url=url_for("directory.contact_point_list"),
        ),
        Headline("Parties with more than one", figures.parties_with_several),
        Headline(
            f"Directory versions {figures.since_label}",
            figures.releases_since,
            url=url_for("directory.release_list"),
        ),
        Headline(
            f"Events {figures.since_label}",
            figures.events_since,
            url=url_for("events.event_list"),
        ),
        Headline(
            f"Capacity-building activities {figures.since_label}",
            figures.activities_since,
            url=url_for("activities.activity_list"),
        ),
        Headline(
            "Parties that gave authorities input",
            f"{figures.authorities_input} of {figures.authorities_parties}",
            url=url_for("authorities.status"),
        ),
    ]


MAP_PARTY_WITH = "Party with a 24/7 contact point"
MAP_PARTY_WITHOUT = "Party without a contact point"


def _map_rows(day: date) -> list[tuple[str, str, str]]:
    def label(status: Status, covered: bool) -> str:
        if status != Status.PARTY:
            return status.label
        return MAP_PARTY_WITH if covered else MAP_PARTY_WITHOUT

    return [
        (iso3, name, label(status, covered))
        for iso3, name, status, covered in queries.statuses_with_coverage(day)
    ]


def home_dashboard(day: date) -> Dashboard:
    dashboard = Dashboard(day=day, headlines=_headlines(day), stalest=queries.stalest_entries(day))
    by_type = queries.contact_points_by_type(day)
    dashboard.charts.append(
        bar_chart(
            "contact-point-types",
            "Contact points of Parties by type",
            [(key.replace("_", " ").capitalize(), n) for key, n in by_type.items()],
            label="Contact points",
        )
    )
    per_year, undated = queries.parties_by_deposit_year()
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
    trend = queries.annual_meeting_trend()
    dashboard.charts.append(
        stacked_bar_chart(
            "annual-meeting-attendance",
            "Annual meetings: delegates in person and online",
            [str(point.year) for point in trend],
            {"In person": [p.in_person for p in trend], "Online": [p.online for p in trend]},
            x_title="Year",
        )
    )
    reachability = _reachability_chart(day)
    if reachability:
        dashboard.charts.append(reachability)
    dashboard.charts += _activity_charts()
    return dashboard


def _percent(part: int, whole: int) -> float:
    return round(100 * part / whole, 1) if whole else 0.0


def _reachability_chart(day: date) -> Chart | None:
    """Per reachability test, the share of the contact points tested that acknowledged within an hour,
    within the day, later, or not at all (Article 35 asks for availability around the clock)."""
    tests = queries.recent_reachability_tests(day)
    if not tests:
        return None
    categories = [f"{t.started_on:%d %b %Y} ({t.tested} tested)" for t in tests]
    series = {
        "Within 1 hour": [_percent(t.within_1h, t.tested) for t in tests],
        "Within 24 hours": [_percent(t.within_24h, t.tested) for t in tests],
        "Later": [_percent(t.later, t.tested) for t in tests],
        "Not answered": [_percent(t.not_answered, t.tested) for t in tests],
    }
    return stacked_bar_chart(
        "reachability",
        "Reachability tests: share of contact points answering (%)",
        categories,
        series,
        x_title="Test",
        y_title="% of contact points tested",
    )


def _pivot(rows: list[tuple[int, str, int]]) -> tuple[list[str], dict[str, list[int]]]:
    """(year, series, n) rows -> the years, and each series' counts per year (zeros filled in)."""
    years = sorted({year for year, _, _ in rows})
    series: dict[str, list[int]] = {}
    for year, name, n in rows:
        series.setdefault(name, [0] * len(years))[years.index(year)] += n
    return [str(y) for y in years], series


def _activity_charts() -> list[Chart]:
    charts = []
    for key, title, rows in (
        (
            "activities-by-kind",
            "Capacity-building activities per year, by kind",
            queries.activities_by_kind_year(),
        ),
        (
            "activities-by-region",
            "Capacity-building activities per year, by region of the beneficiaries",
            queries.activities_by_region_year(),
        ),
    ):
        years, series = _pivot(rows)
        charts.append(stacked_bar_chart(key, title, years, series, x_title="Year"))
    return charts
