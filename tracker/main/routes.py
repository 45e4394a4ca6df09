from datetime import date
from pathlib import Path

import plotly
from flask import abort, jsonify, render_template, request, send_file
from flask_login import current_user
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from tracker.core import audit
from tracker.core.access import Role, access, public
from tracker.core.cache import cached
from tracker.core.spreadsheets import download
from tracker.dashboards.home import DashboardDateForm, home_dashboard
from tracker.extensions import db
from tracker.main import bp


@bp.get("/")
@access(read=Role.VIEWER)
def home():
    form = DashboardDateForm(request.args)
    day = form.on.data if form.validate() and form.on.data else date.today()
    return render_template(
        "main/home.html", dashboard=cached(("dashboard", day), lambda: home_dashboard(day)), form=form
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


@bp.get("/vendor/plotly.min.js")
@access(read=Role.VIEWER)
def plotly_js():
    """plotly.js from the installed plotly package, so the library and the figures' schema always match."""
    path = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
    return send_file(path, mimetype="text/javascript", max_age=86400)


@bp.get("/healthz")
@public
def healthz():
    try:
        db.session.execute(text("SELECT 1"))
    except SQLAlchemyError:
        return jsonify(status="error", database="unreachable"), 503
    return jsonify(status="ok", database="ok")
