"""Plotly figures for the dashboards, each with the table of its numbers.

A `Chart` carries the figure (as JSON for the page's own script to draw with the vendored plotly.js) and
the same numbers as a table: shown under the chart for screen readers and copying, and downloadable as
CSV. Builders take data already computed in SQL by the features' queries; they never query.
"""

import json
from dataclasses import dataclass, field
from functools import cached_property

import plotly.graph_objects as go
from markupsafe import Markup, escape
from plotly.utils import PlotlyJSONEncoder

from tracker.core.spreadsheets import Column, Sheet

PALETTE = ["#0d6efd", "#6f42c1", "#20c997", "#fd7e14", "#dc3545", "#6c757d", "#198754", "#0dcaf0"]
LAYOUT = {
    "margin": {"l": 50, "r": 20, "t": 30, "b": 50},
    "font": {"family": "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif", "size": 13},
    "paper_bgcolor": "rgba(0,0,0,0)",
    "plot_bgcolor": "rgba(0,0,0,0)",
    "colorway": PALETTE,
    "legend": {"orientation": "h", "y": -0.2},
}


@dataclass
class Chart:
    key: str
    title: str
    figure: go.Figure
    headers: list[str]
    rows: list[list]
    note: str | None = None
    extra: dict = field(default_factory=dict)

    @cached_property
    def figure_json(self) -> str:  # computed once: a cached dashboard serves the same text to every request
        return json.dumps(self.figure.to_plotly_json(), cls=PlotlyJSONEncoder)

    @cached_property
    def figure_attribute(self) -> Markup:
        """The figure JSON escaped for an HTML attribute, once (a cached page reuses it)."""
        return escape(self.figure_json)

    def sheet(self) -> Sheet:
        return Sheet(title=self.title[:31], columns=[Column(h, 18) for h in self.headers], rows=self.rows)


def _figure(*traces, **layout) -> go.Figure:
    figure = go.Figure(data=list(traces))
    figure.update_layout(**(LAYOUT | layout))
    return figure


def bar_chart(key: str, title: str, counts: list[tuple[str, int]], *, label: str = "Count") -> Chart:
    labels, values = [c[0] for c in counts], [c[1] for c in counts]
    figure = _figure(
        go.Bar(x=labels, y=values, text=values, textposition="auto", name=label),
        yaxis={"title": label, "rangemode": "tozero"},
    )
    return Chart(key, title, figure, ["Category", label], [[lab, v] for lab, v in counts])


def cumulative_line_chart(
    key: str, title: str, per_year: list[tuple[int, int]], *, label: str, note=None
) -> Chart:
    years, running, total = [], [], 0
    for year, added in per_year:
        total += added
        years.append(year)
        running.append(total)
    figure = _figure(
        go.Scatter(x=years, y=running, mode="lines+markers", name=label, line={"shape": "hv"}),
        xaxis={"title": "Year", "dtick": 2},
        yaxis={"title": label, "rangemode": "tozero"},
    )
    rows = [[year, added, cumulated] for (year, added), cumulated in zip(per_year, running, strict=True)]
    return Chart(key, title, figure, ["Year", "Added", label], rows, note=note)


def stacked_bar_chart(
    key: str, title: str, categories: list, series: dict[str, list], *, x_title="", y_title=""
) -> Chart:
    traces = [go.Bar(x=categories, y=values, name=name) for name, values in series.items()]
    # a long legend below the plot would squeeze it: give the figure room for one legend line per series
    height = 360 + max(0, len(series) - 3) * 22
    figure = _figure(
        *traces,
        barmode="stack",
        xaxis={"title": x_title, "type": "category"},
        yaxis={"title": y_title, "rangemode": "tozero"},
        height=height,
        legend={"orientation": "h", "y": -0.2, "yanchor": "top"},
    )
    rows = [[category, *(values[i] for values in series.values())] for i, category in enumerate(categories)]
    return Chart(key, title, figure, [x_title or "Category", *series], rows)


def world_map(key: str, title: str, rows: list[tuple[str, str, str]], *, categories: list[str]) -> Chart:
    """rows: (iso3, country name, category); one colour per category, in `categories` order."""
    traces = []
    for index, category in enumerate(categories):
        members = [r for r in rows if r[2] == category]
        if not members:
            continue
        colour = PALETTE[index % len(PALETTE)]
        traces.append(
            go.Choropleth(
                locations=[m[0] for m in members],
                text=[m[1] for m in members],
                z=[1] * len(members),
                locationmode="ISO-3",
                name=category,
                showscale=False,
                showlegend=True,
                colorscale=[[0, colour], [1, colour]],
                hovertemplate="%{text}<extra>" + category + "</extra>",
                marker={"line": {"color": "#ffffff", "width": 0.5}},
            )
        )
    figure = _figure(
        *traces,
        geo={
            "projection": {"type": "natural earth"},
            "showframe": False,
            "showcoastlines": False,
            "showcountries": True,
            "countrycolor": "#ffffff",
            "landcolor": "#e9ecef",
            "lataxis": {"range": [-58, 85]},
        },
        height=460,
        margin={"l": 0, "r": 0, "t": 10, "b": 0},
        legend={"orientation": "h", "x": 0, "y": 1.0, "yanchor": "bottom"},
    )
    return Chart(key, title, figure, ["ISO", "Country", "Category"], [list(r) for r in rows])
