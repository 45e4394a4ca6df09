"""Error pages: a short explanation, never a stack trace.

A route that refuses a request with a reason of its own (`abort(400, description=...)`) has that reason
shown, since it tells the user what to fix; otherwise a generic sentence per status. A client that asked
for JSON (`format=json` or `Accept: application/json`) gets `{"error": ...}` instead of a page.
"""

from flask import jsonify, render_template
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from tracker.core.requests import wants_json
from tracker.extensions import db

MESSAGES = {
    400: "The request could not be understood.",
    403: "You do not have permission to do this. Ask an administrator if you need access.",
    404: "There is nothing at this address.",
    405: "This address does not accept that kind of request.",
    413: "The file is too large. Upload a smaller file.",
    500: "Something went wrong on our side. Nothing was saved; please try again.",
}


def error_response(code: int, message: str):
    if wants_json():
        return jsonify(error=message), code
    return render_template("errors/error.html", code=code, message=message), code


def _message(error: HTTPException, code: int) -> str:
    # werkzeug's own description (the class attribute) is generic and technical; a route's own is not.
    specific = error.description and error.description != type(error).description
    if specific and code < 500:
        return error.description
    return MESSAGES.get(code) or error.description or ""


def handle_http_error(error: HTTPException):
    code = error.code or 500
    if code >= 500:  # an unhandled exception reaches here wrapped as InternalServerError
        db.session.rollback()
    return error_response(code, _message(error, code))


def handle_csrf_error(error: CSRFError):
    return error_response(
        400, "The form had expired or was not sent from this site. Go back, reload and try again."
    )


def register(app) -> None:
    app.register_error_handler(CSRFError, handle_csrf_error)
    app.register_error_handler(HTTPException, handle_http_error)
