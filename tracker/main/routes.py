from pathlib import Path

import plotly
from flask import jsonify, send_file
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from tracker.core.access import Role, access, public
from tracker.extensions import db
from tracker.main import bp


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
