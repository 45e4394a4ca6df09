"""The complementary directory of authorities: extradition (Article 24) and mutual assistance (Article 27)."""

from flask import Blueprint

bp = Blueprint("authorities", __name__, url_prefix="/authorities")

from tracker.authorities import imports, input_routes, profile, routes  # noqa: E402,F401  (they register themselves)
