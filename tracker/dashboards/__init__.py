"""Read-only views over every feature: headline figures and Plotly charts (figures in charts.py)."""

from flask import Blueprint

bp = Blueprint("dashboards", __name__)

from tracker.dashboards import routes  # noqa: E402,F401  (registers the views)
