"""Guards on what a request may carry, applied before any view runs."""

from flask import abort, request
from werkzeug.routing import IntegerConverter

from tracker.core.parsing import MAX_ID


class IdConverter(IntegerConverter):
    def __init__(self, map, *args, **kwargs):  # noqa: A002 - werkzeug's parameter name
        kwargs.setdefault("max", MAX_ID)
        super().__init__(map, *args, **kwargs)


def refuse_nul_characters():
    """PostgreSQL cannot store NUL in text; no legitimate form or filter value contains one."""
    for values in (request.args, request.form):
        for value in values.values():
            if "\x00" in value:
                abort(400, description="The request contains a NUL character, which is not allowed.")


def wants_json() -> bool:
    """The client asked for JSON: `?format=json`, or an Accept header preferring JSON to HTML. An error
    then comes back as `{"error": ...}`, which a script can read, rather than as a page."""
    if request.args.get("format") == "json":
        return True
    return request.accept_mimetypes.best_match(["text/html", "application/json"]) == "application/json"


def init_app(app) -> None:
    app.url_map.converters["int"] = IdConverter
    app.before_request(refuse_nul_characters)
