from flask import Blueprint

bp = Blueprint("countries", __name__)

from tracker.countries import imports, routes, wording  # noqa: E402,F401  (they register themselves)
