"""The API's test helpers: a token for an account of a given role, and a client whose every answer is
checked against the OpenAPI document the app serves (status, headers and body)."""

import pytest
from openapi_core import OpenAPI
from openapi_core.contrib.werkzeug import WerkzeugOpenAPIRequest, WerkzeugOpenAPIResponse

from tests import factories
from tracker.api.tokens import token_create
from tracker.extensions import db


@pytest.fixture
def token_for(app):
    """token_for("viewer") -> (user, the plain token) for a new account with that role."""

    def make(role: str = "viewer", *, days: int = 90, user=None, name: str = "tests"):
        user = user or factories.user(role=role)
        created = token_create(user=user, name=name, days=days, by=user)
        db.session.commit()
        return user, created.secret

    return make


@pytest.fixture
def openapi(app):
    document = app.test_client().get("/api/v1/openapi.json")
    assert document.status_code == 200
    return OpenAPI.from_dict(document.get_json())


class ApiClient:
    """GETs with a bearer token; validates each answer against the OpenAPI document before returning it."""

    def __init__(self, client, openapi):
        self.client, self.openapi = client, openapi
        self.validated = 0

    def get(self, url, token: str | None = None, headers: dict | None = None, **kwargs):
        headers = dict(headers or {})
        if token is not None:
            headers["Authorization"] = f"Bearer {token}"
        response = self.client.get(url, headers=headers, **kwargs)
        self.openapi.validate_response(
            WerkzeugOpenAPIRequest(response.request), WerkzeugOpenAPIResponse(response)
        )
        self.validated += 1
        return response


@pytest.fixture
def api(client, openapi):
    return ApiClient(client, openapi)
