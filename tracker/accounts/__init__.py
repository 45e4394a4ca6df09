from flask import Blueprint

bp = Blueprint("accounts", __name__)

from tracker.accounts import routes  # noqa: E402,F401
