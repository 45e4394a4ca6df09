"""Guards on what a request may carry, applied before any view runs."""

from flask import abort, request
from werkzeug.routing import IntegerConverter

# Row ids are 32-bit on every backend here; a larger number in a URL is simply "not found", where PostgreSQL
# would otherwise raise "integer out of range".
MAX_ID = 2**31 - 1


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
