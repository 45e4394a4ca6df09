"""A real WSGI server (werkzeug, threaded) on a free port of 127.0.0.1, with its own SQLite database."""

import re
import threading
import urllib.parse
import urllib.request
from contextlib import contextmanager
from html.parser import HTMLParser
from http.cookiejar import CookieJar

from flask_migrate import upgrade
from werkzeug.serving import make_server

from tracker import create_app
from tracker.config import TestConfig


def live_app(database_path, **overrides):
    config = {key: getattr(TestConfig, key) for key in dir(TestConfig) if key.isupper()}
    return create_app(
        config
        | {"SQLALCHEMY_DATABASE_URI": f"sqlite:///{database_path}", "WTF_CSRF_ENABLED": True}
        | overrides
    )


@contextmanager
def serving(app):
    """Serve `app` in a thread; yield its base URL."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=10)


def migrate_and_load_demo(app) -> None:
    from tracker.demo import load_demo
    from tracker.extensions import db

    with app.app_context():
        upgrade()
        load_demo()
        db.session.commit()


class Browserless:
    """An HTTP client with a cookie jar that fills in the CSRF token of the form it last read."""

    TOKEN = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')

    def __init__(self, base: str):
        self.base = base
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(CookieJar()), NoRedirect()
        )

    def get(self, path: str) -> tuple[int, str]:
        try:
            with self.opener.open(self.base + path, timeout=30) as response:  # noqa: S310 - our own server
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode(errors="replace")

    def post_form(self, path: str, data: dict, form_path: str | None = None) -> tuple[int, str]:
        """GET the form (for its CSRF token), then POST `data` to `path`."""
        _, page = self.get(form_path or path)
        token = self.TOKEN.search(page)
        body = urllib.parse.urlencode({"csrf_token": token.group(1) if token else ""} | data).encode()
        try:
            with self.opener.open(self.base + path, data=body, timeout=30) as response:  # noqa: S310
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode(errors="replace")

    def login(self, email: str, password: str) -> None:
        status, _ = self.post_form("/login", {"email": email, "password": password})
        assert status == 302, status


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None

    def http_error_302(self, request, response, code, message, headers):
        return response


class _FormValues(HTMLParser):
    """The values a browser would submit for the first form with a given action (or the first POST form)."""

    def __init__(self):
        super().__init__()
        self.values: dict[str, str] = {}
        self._select: str | None = None
        self._textarea: str | None = None
        self._in_form = False
        self._done = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if self._done:
            return
        if tag == "form" and a.get("method", "").lower() == "post" and "logout" not in a.get("action", ""):
            self._in_form = True
        if not self._in_form:
            return
        if tag == "input" and a.get("name"):
            if a.get("type") in ("checkbox", "radio"):
                if "checked" in a:
                    self.values[a["name"]] = a.get("value", "y")
            elif a.get("type") not in ("submit", "file"):
                self.values[a["name"]] = a.get("value", "")
        elif tag == "select":
            self._select = a.get("name")
        elif tag == "option" and self._select and "selected" in a:
            self.values[self._select] = a.get("value", "")
        elif tag == "textarea":
            self._textarea = a.get("name")
            self.values[self._textarea] = ""

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None
        elif tag == "form" and self._in_form:
            self._in_form, self._done = False, True

    def handle_data(self, data):
        if self._textarea:
            self.values[self._textarea] += data


def form_values(html: str) -> dict[str, str]:
    parser = _FormValues()
    parser.feed(html)
    return parser.values
