"""The read-only JSON API (`/api/v1/`), its OpenAPI document, and the personal access tokens that open it.

flask-smorest builds the endpoints from marshmallow schemas and writes the OpenAPI document from the same
schemas. Callers authenticate with a bearer token (`auth.py`), never with the session cookie, so the API
needs no CSRF token and a browser's log-in does not open it. Every endpoint declares `@access` like the
page it mirrors; the app-wide `enforce_access` applies the one policy to both.
"""

from flask import Blueprint as PageBlueprint
from flask_smorest import Api, Blueprint

bp = Blueprint(
    "api",
    __name__,
    url_prefix="/api/v1",
    description="Read-only access to the tracker's data with a personal access token.",
)
# The token page and the documentation page: ordinary pages, with the session and CSRF of the site.
pages = PageBlueprint("api_pages", __name__)

API_CONFIG = {
    "API_TITLE": "24/7 Network Tracker API",
    "API_VERSION": "1",
    "OPENAPI_VERSION": "3.1.0",
    "OPENAPI_URL_PREFIX": "/api/v1",
    "OPENAPI_JSON_PATH": "openapi.json",
    "API_SPEC_OPTIONS": {
        "info": {
            "description": (
                "Read-only. Send a personal access token (created under “API tokens” in the account "
                "menu, or with `tracker tokens create`) as `Authorization: Bearer <token>`. Lists are "
                "paged with `page` and `page_size` (the `X-Pagination` header tells the totals); every "
                "answer has an `ETag`: send it back in `If-None-Match` to get 304 when nothing changed."
            )
        },
        "components": {"securitySchemes": {"bearerAuth": {"type": "http", "scheme": "bearer"}}},
        "security": [{"bearerAuth": []}],
    },
}


class TrackerApi(Api):
    """flask-smorest's Api without its app-wide error handler: the pages keep their HTML error pages, and
    the API blueprint answers its own errors in JSON (`auth.handle_error`)."""

    def _register_error_handlers(self):
        pass

    def _register_pagination_header(self):
        """The X-Pagination header is JSON text: documented as such (`content`), not as a bare object,
        which OpenAPI's header rules would read as `key,value,…` and which no client could parse."""
        from flask_smorest.pagination import PaginationMetadataSchema

        self.spec.components.header(
            "PAGINATION",
            {
                "description": "Paging: total, total_pages, first_page, last_page, page, previous_page, "
                "next_page (JSON)",
                "content": {"application/json": {"schema": PaginationMetadataSchema}},
            },
            lazy=True,
        )


def init_app(app) -> None:
    from tracker.api import auth, directory_routes, routes, token_routes  # noqa: F401 - they add the routes
    from tracker.core.access import authenticate_blueprint, public
    from tracker.extensions import csrf

    for key, value in API_CONFIG.items():
        app.config.setdefault(key, value)
    api = TrackerApi(app)
    api.register_blueprint(bp)
    csrf.exempt(bp)  # GET only, and a bearer token cannot be sent by another site's form
    authenticate_blueprint(app, "api", auth.AUTHENTICATOR)
    # The document describes shapes, never data: anyone may read it (integrators before their account).
    spec_view = app.view_functions["api-docs.openapi_json"]  # a bound method: no attribute can be set

    @public
    def openapi_json():
        return spec_view()

    app.view_functions["api-docs.openapi_json"] = openapi_json
    app.register_blueprint(pages)
