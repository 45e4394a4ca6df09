"""People across meetings and designations (issue 16, part 6): personal data, for editors only."""

from flask import Blueprint

bp = Blueprint("people", __name__)

from tracker.people import linking, profile, routes  # noqa: E402,F401  (they register themselves)
