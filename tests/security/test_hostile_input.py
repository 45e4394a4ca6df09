"""Hostile input, property-based (hypothesis), over every form, every filter and every importer.

The forms are found by walking `app.url_map` and reading each form page's fields, so a new form is
fuzzed the day it exists. Whatever is sent: never a server error, and text always comes back escaped.
"""

import re
from html import unescape

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests import factories
from tests.test_access import sample_arguments
from tracker.core.imports import IMPORTERS, ImportFileError, Table, run_import
from tracker.extensions import db

SCRIPT = "<script>alert('x')</script>"
HOSTILE = [
    SCRIPT,
    '"><img src=x onerror=alert(1)>',
    '=HYPERLINK("http://evil.example","click")',
    "+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "-2+3",
    "' OR '1'='1",
    "Robert'); DROP TABLE countries;--",
    "\u202eevil\u202c",  # right-to-left override
    "ﷺ" * 50,
    "𝕳𝖊𝖑𝖑𝖔 👋🏽 Ünïcödé",
    "x" * 10_000,
    "2024-02-30",
    "99999999999999999999",
    "-1",
    "0",
    "",
    " ",
    "\x00",
]
text_values = st.one_of(st.sampled_from(HOSTILE), st.text(max_size=200))
SKIP = {"accounts.login", "accounts.logout", "imports.confirm", "imports.discard", "imports.resolve"}
FIELD = re.compile(r"<(input|select|textarea)\b([^>]*)>", re.I)
ATTR = re.compile(r'(\w[\w-]*)="([^"]*)"')


def form_fields(html: str) -> dict[str, list[str]]:
    """{field name: options (for selects) or []}; hidden fields and files are left out."""
    fields: dict[str, list[str]] = {}
    for _tag, attributes in FIELD.findall(html):
        attrs = dict(ATTR.findall(attributes))
        name = attrs.get("name")
        if not name or attrs.get("type") in ("hidden", "file", "submit") or name == "csrf_token":
            continue
        fields[name] = []
    for name, body in re.findall(r'<select[^>]*name="([^"]+)"[^>]*>(.*?)</select>', html, re.S):
        fields[name] = re.findall(r'<option[^>]*value="([^"]*)"', body)
    return fields


def form_endpoints(app, arguments):
    from flask import url_for

    found = []
    for rule in app.url_map.iter_rules():
        if "POST" not in rule.methods or "GET" not in rule.methods or rule.endpoint in SKIP:
            continue
        with app.test_request_context():
            found.append((rule.endpoint, url_for(rule.endpoint, **{a: arguments[a] for a in rule.arguments})))
    return found


def assert_escaped(response):
    if response.mimetype != "text/html":
        return  # downloads: their cells are checked by the exports' own tests
    body = response.get_data(as_text=True)
    assert SCRIPT not in body and "<img src=x onerror" not in body


EXAMPLES = 25


def fuzz_form(client, endpoint: str, url: str, fields: dict[str, list[str]]) -> None:
    values = {
        name: st.one_of(st.sampled_from(options), text_values) if options else text_values
        for name, options in fields.items()
    }

    @settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
    @given(st.fixed_dictionaries(values))
    def post(data):
        response = client.post(url, data=data)
        assert response.status_code < 500, (endpoint, data)
        assert_escaped(response)
        if response.status_code == 302 and response.location.startswith("/"):
            assert_escaped(client.get(response.location))
        db.session.rollback()

    post()


def test_every_form_survives_hostile_input(app, client, login_as):
    login_as("admin")
    fuzzed = []
    for endpoint, url in form_endpoints(app, sample_arguments()):
        fields = form_fields(client.get(url).get_data(as_text=True))
        if fields:
            fuzz_form(client, endpoint, url, fields)
            fuzzed.append(endpoint)
    assert len(fuzzed) >= 3, fuzzed
    print(f"\n{len(fuzzed)} forms x {EXAMPLES} hostile submissions = {len(fuzzed) * EXAMPLES} posts")


def test_every_filter_survives_hostile_query_strings(app, client, login_as):
    login_as("admin")
    arguments = sample_arguments()
    from flask import url_for

    urls = []
    for rule in app.url_map.iter_rules():
        if (
            "GET" in rule.methods
            and rule.endpoint not in ("static", "main.plotly_js")
            and not rule.arguments - set(arguments)
        ):
            with app.test_request_context():
                urls.append(url_for(rule.endpoint, **{a: arguments[a] for a in rule.arguments}))
    keys = [
        "on",
        "status",
        "region",
        "page",
        "q",
        "country",
        "type",
        "kind",
        "year",
        "since",
        "until",
        "user",
        "action",
        "entity_type",
        "from",
        "to",
        "format",
        "cp_on",
        "stale",
        "search",
    ]

    @settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
    @given(st.sampled_from(urls), st.dictionaries(st.sampled_from(keys), text_values, max_size=4))
    def get(url, params):
        response = client.get(url, query_string=params)
        assert response.status_code < 500, (url, params)
        assert_escaped(response)

    get()


@pytest.mark.parametrize(
    "url",
    [
        "/organisations/2147483648/edit",
        "/organisations/99999999999999999999/edit",
        "/admin/users/-1",
        "/imports/0",
    ],
)
def test_ids_that_do_not_exist_are_not_found(client, login_as, url):
    login_as("admin")
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("kind", sorted(IMPORTERS))
def test_every_importer_survives_hostile_rows(app, kind):
    importer_class = IMPORTERS[kind]
    options = {}
    headers = [column.label for column in importer_class.columns]

    @settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
    @given(st.lists(st.fixed_dictionaries({h: text_values for h in headers}), min_size=1, max_size=5))
    def run(rows):
        table = Table(filename="hostile.csv", headers=headers, rows=list(enumerate(rows, start=2)))
        try:
            result = run_import(
                importer_class(options=options, by=factories.user(role="editor")), table, dry_run=True
            )
        except ImportFileError:
            return
        assert result.written == 0
        for error in result.errors:
            assert error.row is None or 2 <= error.row <= len(rows) + 1
        db.session.rollback()

    run()


@pytest.mark.parametrize(
    "url", ["/organisations/", "/admin/users/", "/admin/audit", "/directory/", "/events/", "/activities/"]
)
def test_page_numbers_beyond_any_list_are_not_an_error(client, login_as, url):
    login_as("admin")
    for page in ("99999999999999999999", "-5", "0", "abc"):
        assert client.get(url, query_string={"page": page}).status_code < 500, (url, page)


# -- dates at the ends of the calendar ----------------------------------------------------------------
# Every date field, in every GET filter and POST form, found from the pages themselves. A date outside
# 1900-2100 is refused with a message naming the field, never a server error (0001-01-01 minus a day and
# 9999-12-31 plus one overflow); the range's own ends are accepted.

OUTSIDE = "outside the dates the tracker accepts"
FORM = re.compile(r"<form\b([^>]*)>(.*?)</form>", re.I | re.S)
DATE_INPUT = re.compile(r'<input\b[^>]*type="date"[^>]*>', re.I)
EDGE_DATES = ["0001-01-01", "1899-12-31", "2101-01-01", "9999-12-31"]


def date_fields(url: str, html: str) -> list[tuple[str, str, str]]:
    """(address, method, field name) for every date input on the page at `url`."""
    found = []
    for attributes, body in FORM.findall(html):
        form = dict(ATTR.findall(attributes))
        method = form.get("method", "get").lower()
        action = unescape(form.get("action") or url)
        for tag in DATE_INPUT.findall(body):
            name = dict(ATTR.findall(tag)).get("name")
            if name:
                found.append((action, method, name))
    return found


def pages_with_date_fields(app, client) -> list[tuple[str, str, str]]:
    from flask import url_for

    arguments = sample_arguments()
    pages = []
    for rule in app.url_map.iter_rules():
        if "GET" not in rule.methods or rule.endpoint in SKIP | {"static", "main.plotly_js"}:
            continue
        if rule.arguments - set(arguments) or rule.rule.endswith((".csv", ".xlsx", ".js")):
            continue
        with app.test_request_context():
            url = url_for(rule.endpoint, **{a: arguments[a] for a in rule.arguments})
        response = client.get(url)
        if response.status_code == 200 and response.mimetype == "text/html":
            pages += date_fields(url, response.get_data(as_text=True))
    return pages


def test_every_date_field_refuses_dates_outside_1900_to_2100(app, client, login_as):
    login_as("admin")
    pages = pages_with_date_fields(app, client)
    names = {name for _, _, name in pages}
    # the filters and forms of the issue: as-of dates, the audit period, the report period, entry forms
    assert {"on", "since", "until", "from", "to", "cp_on", "start_date", "valid_from"} <= names, names
    for url, method, name in pages:
        for text in EDGE_DATES:
            if method == "get":
                response = client.get(url, query_string={name: text})
            else:
                response = client.post(url, data={name: text})
            assert response.status_code < 500, (url, name, text)
            db.session.rollback()
            if response.status_code != 302:
                assert OUTSIDE in response.get_data(as_text=True), (url, method, name, text)
    print(f"\n{len(pages)} date fields x {len(EDGE_DATES)} dates: {sorted(pages)}")


@pytest.mark.parametrize(
    "url",
    [
        "/?on=1900-01-01",
        "/?on=2100-12-31",
        "/activities/gaps?on=2100-12-31",
        "/admin/audit?since=1900-01-01&until=2100-12-31",
        "/reports/plenary?from=1900-01-01&to=2100-12-31",
    ],
)
def test_the_ends_of_the_accepted_range_are_accepted(client, login_as, url):
    login_as("admin")
    response = client.get(url)
    assert response.status_code == 200 and OUTSIDE not in response.get_data(as_text=True)
