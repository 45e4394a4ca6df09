"""Error pages: a short explanation, never a stack trace."""

from flask import render_template
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from tracker.extensions import db

MESSAGES = {
    400: "The request could not be understood.",
    403: "You do not have permission to do this. Ask an administrator if you need access.",
    404: "There is nothing at this address.",
    405: "This address does not accept that kind of request.",
    413: "The file is too large. Upload a smaller file.",
    500: "Something went wrong on our side. Nothing was saved; please try again.",
}


def _render(code: int, message: str | None = None):
    return render_template("errors/error.html", code=code, message=message or MESSAGES.get(code, "")), code


def handle_http_error(error: HTTPException):
    code = error.code or 500
    if code >= 500:  # an unhandled exception reaches here wrapped as InternalServerError
        db.session.rollback()
    return _render(code, MESSAGES.get(code, error.description))


def handle_csrf_error(error: CSRFError):
    return _render(400, "The form had expired or was not sent from this site. Go back, reload and try again.")


def register(app) -> None:
    app.register_error_handler(CSRFError, handle_csrf_error)
    app.register_error_handler(HTTPException, handle_http_error)
