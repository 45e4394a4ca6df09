"""Who calls the API, and how it answers a refusal: a bearer token, never the session cookie; JSON errors.

The token's account is made the request's user before `enforce_access` checks the endpoint's declared
policy, so an endpoint is open to exactly the accounts that may read the page it mirrors.
"""

from datetime import date

from flask import current_app, g, jsonify, request
from flask_login import AnonymousUserMixin, current_user
from flask_smorest.exceptions import NotModified
from werkzeug.exceptions import HTTPException

from tracker.api.tokens import TokenRefused, token_user
from tracker.core import audit
from tracker.core.access import Authenticator
from tracker.extensions import db

# A message, not a secret (bandit and ruff take "TOKEN" in the name for one).
NO_TOKEN = "Send a personal access token in the Authorization header: “Authorization: Bearer <token>”."  # noqa: S105  # nosec B105
MESSAGES = {
    403: "Your account may not read this. Ask an administrator if you need access.",
    404: "There is nothing at this address.",
    405: "The API is read-only: use GET.",
    500: "Something went wrong on our side. Nothing was saved; please try again.",
}


def load_bearer_user() -> None:
    """Set the request's user from the Authorization header (Flask-Login reads `g._login_user`)."""
    g._login_user = AnonymousUserMixin()
    g.api_token = None
    g.api_refusal = NO_TOKEN
    scheme, _, secret = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not secret.strip():
        return
    try:
        user, token = token_user(secret.strip(), date.today())
    except TokenRefused as refusal:
        g.api_refusal = str(refusal)
        return
    db.session.commit()  # the token's last use, kept even when the endpoint then refuses
    g._login_user, g.api_token = user, token


def error_body(code: int, name: str, message: str, errors=None):
    body = {"code": code, "status": name, "message": message}
    if errors:
        body["errors"] = errors
    return jsonify(body)


def unauthorized():
    response = error_body(401, "Unauthorized", g.get("api_refusal") or NO_TOKEN)
    response.status_code = 401
    response.headers["WWW-Authenticate"] = 'Bearer realm="api"'
    return response


AUTHENTICATOR = Authenticator(load=load_bearer_user, unauthorized=unauthorized)


def _validation_message(messages) -> str:
    """webargs' {"query": {"on": ["Not a valid date."]}} as one sentence naming each parameter."""
    parts = []
    for location, fields in (messages or {}).items():
        for name, problems in fields.items():
            problems = problems if isinstance(problems, list) else [problems]
            parts.append(f"{location.capitalize()} parameter “{name}”: {' '.join(str(p) for p in problems)}")
    return "; ".join(parts) or "The request's parameters are not valid."


def handle_error(error: HTTPException):
    """Every refusal of the API as JSON with a message (the pages' handler would answer with HTML)."""
    if isinstance(error, NotModified):
        response = current_app.response_class(status=304)
        tags = request.if_none_match.as_set()
        if len(tags) == 1:  # the one the client holds, and still current
            response.set_etag(tags.pop())
        return response
    code = error.code or 500
    if code >= 500:
        db.session.rollback()
    data = getattr(error, "data", None) or {}
    if "messages" in data:
        message, errors = _validation_message(data["messages"]), data["messages"]
    elif "message" in data:
        message, errors = data["message"], None
    else:
        specific = error.description and error.description != type(error).description
        message = error.description if specific and code < 500 else MESSAGES.get(code, error.description)
        errors = None
    response = error_body(code, error.name, message, errors)
    response.status_code = code
    return response


def record_directory_read(*, entity_type: str, summary: str, entity_id=None) -> None:
    """Every read of a directory endpoint lands in the audit trail, as an export does, with the token."""
    token = g.get("api_token")
    audit.record_export(
        entity_type=entity_type,
        entity_id=entity_id,
        by=current_user._get_current_object(),
        summary=f"API {request.full_path.rstrip('?')}: {summary} (token “{token.name}”)",
    )
    db.session.commit()
