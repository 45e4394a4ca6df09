from flask import Blueprint

bp = Blueprint("activities", __name__)

from tracker.activities import imports, profile, routes  # noqa: E402,F401  (they register themselves)
