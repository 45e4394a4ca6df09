from flask import Blueprint

bp = Blueprint("accounts", __name__)

from tracker.accounts import routes, sessions  # noqa: E402,F401
