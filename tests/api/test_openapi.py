"""The OpenAPI document: valid 3.1, generated from the schemas, covering every endpoint; its docs page works
offline under the CSP; and the plenary endpoint gives the report's own JSON object for the seed."""

import re

import pytest
from openapi_spec_validator import validate

from tests.reports.test_plenary import PERIOD, assert_seed_figures
from tracker.demo import load_demo
from tracker.extensions import db


def test_the_document_is_valid_openapi_3_1_and_public(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    document = response.get_json()
    assert document["openapi"].startswith("3.1")
    validate(document)
    assert document["components"]["securitySchemes"]["bearerAuth"] == {"type": "http", "scheme": "bearer"}
    assert document["security"] == [{"bearerAuth": []}]


def test_every_api_route_is_in_the_document_with_its_refusals(app, client):
    document = client.get("/api/v1/openapi.json").get_json()
    routes = {
        re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", rule.rule)
        for rule in app.url_map.iter_rules()
        if rule.endpoint.startswith("api.")
    }
    assert routes == set(document["paths"]) and len(routes) == 8
    for path, item in document["paths"].items():
        responses = item["get"]["responses"]
        assert {"200", "304", "401", "403"} <= set(responses), path


def test_the_document_comes_from_the_schemas_that_serialise(client):
    """A field of the Entry schema is in the document as the schema declares it (nullable in 3.1 style)."""
    entry = client.get("/api/v1/openapi.json").get_json()["components"]["schemas"]["Entry"]
    assert entry["properties"]["unit"]["type"] == ["string", "null"]
    assert "institution" in entry["required"] and "phone" not in entry["required"]
    assert entry["properties"]["type"]["enum"][0] == "police"


def test_the_docs_page_is_served_from_static_with_no_inline_script(client):
    page = client.get("/api/v1/docs")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "script-src 'self'" in page.headers["Content-Security-Policy"]
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", html, re.S)
    assert scripts and all(body.strip() == "" and 'src="/static/' in attrs for attrs, body in scripts)
    assert not re.search(r"(src|href)=\"(https?:)?//", html), "nothing from another site"
    for asset in re.findall(r"(?:src|href)=\"(/static/[^\"]+)\"", html):
        assert client.get(asset).status_code == 200, asset
    assert 'data-spec-url="/api/v1/openapi.json"' in html


@pytest.fixture
def demo(app):
    load_demo()
    db.session.commit()


def test_the_plenary_object_is_the_reports_json_for_the_seed(client, login_as, api, token_for, demo):
    _user, token = token_for("viewer")
    query = f"from={PERIOD['from']}&to={PERIOD['to']}"
    from_api = api.get(f"/api/v1/reports/plenary?{query}", token)
    assert from_api.status_code == 200
    assert_seed_figures(from_api.get_json())
    login_as("viewer")
    from_the_report = client.get(f"/reports/plenary?{query}&format=json").get_json()
    assert from_api.get_json() == from_the_report
    assert api.get(f"/api/v1/reports/plenary?{query}").status_code == 401


def test_a_bad_period_is_refused_as_the_report_refuses_it(api, token_for):
    _user, token = token_for("viewer")
    response = api.get("/api/v1/reports/plenary?from=2024-12-01&to=2024-01-01", token)
    assert response.status_code == 422
    assert response.get_json()["message"] == "The period ends (2024-01-01) before it starts (2024-12-01)."


def test_the_cli_writes_the_document_that_is_served(app, client, tmp_path):
    import json

    target = tmp_path / "openapi.json"
    result = app.test_cli_runner().invoke(args=["openapi", "write", str(target)])
    assert result.exit_code == 0, result.output
    assert json.loads(target.read_text()) == client.get("/api/v1/openapi.json").get_json()
