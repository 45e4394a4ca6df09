from flask import Blueprint

bp = Blueprint("events", __name__)

from tracker.events import certificate_routes, imports, profile, routes, videoconference  # noqa: E402,F401  (they register themselves)
