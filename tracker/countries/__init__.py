from flask import Blueprint

bp = Blueprint("countries", __name__)

from tracker.countries import routes  # noqa: E402,F401  (routes register themselves on bp)
