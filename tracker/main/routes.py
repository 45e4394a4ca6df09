from datetime import date

from flask import jsonify, render_template
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from tracker.core.access import Role, access, public
from tracker.countries import queries as country_queries
from tracker.countries.models import Status
from tracker.extensions import db
from tracker.main import bp


@bp.get("/")
@access(read=Role.VIEWER)
def home():
    today = date.today()
    return render_template(
        "main/home.html",
        today=today,
        counts=country_queries.count_by_status(today),
        headline_statuses=[Status.PARTY, Status.SIGNATORY, Status.OBSERVER],
    )


@bp.get("/healthz")
@public
def healthz():
    try:
        db.session.execute(text("SELECT 1"))
    except SQLAlchemyError:
        return jsonify(status="error", database="unreachable"), 503
    return jsonify(status="ok", database="ok")
