"""The home dashboard and its charts' data: thin routes over `home.home_dashboard`, cached per day."""

from datetime import date

from flask import abort, render_template, request
from flask_login import current_user

from tracker.core import audit
from tracker.core.access import Role, access
from tracker.core.cache import cached
from tracker.core.spreadsheets import download
from tracker.dashboards import bp
from tracker.dashboards.home import DashboardDateForm, home_dashboard
from tracker.extensions import db


@bp.get("/")
@access(read=Role.VIEWER)
def home():
    form = DashboardDateForm(request.args)
    day = form.on.data if form.validate() and form.on.data else date.today()
    return render_template(
        "dashboards/home.html", dashboard=cached(("dashboard", day), lambda: home_dashboard(day)), form=form
    )


@bp.get("/charts/<key>.csv")
@access(read=Role.VIEWER)
def chart_csv(key: str):
    form = DashboardDateForm(request.args)
    day = form.on.data if form.validate() and form.on.data else date.today()
    dashboard = cached(("dashboard", day), lambda: home_dashboard(day))
    chart = next((c for c in dashboard.charts if c.key == key), None) or abort(404)
    response = download([chart.sheet()], "csv", key)
    audit.record_export(
        entity_type="dashboard_chart",
        entity_id=key,
        by=current_user,
        summary=f"Downloaded the data of the chart “{chart.title}” as of {day.isoformat()} (CSV)",
    )
    db.session.commit()
    return response
