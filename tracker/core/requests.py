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


def init_app(app) -> None:
    app.url_map.converters["int"] = IdConverter
    app.before_request(refuse_nul_characters)
