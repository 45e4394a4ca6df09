"""The access matrix: every endpoint declares who may read and write, and every role gets exactly that.

The test walks `app.url_map`, so a new route is checked the moment it exists; a route without a
declared policy, or without a sample value for one of its URL arguments, fails here. The JSON API's
endpoints (`api.*`) are called with a bearer token of the role instead of the session, and answer "log in
first" with a 401.
"""

import pytest

from tests import factories
from tests.activities import factories as activity_factories
from tests.authorities import factories as authority_factories
from tests.directory import factories as directory_factories
from tests.events import factories as event_factories
from tests.outreach import factories as outreach_factories
from tracker.api.tokens import token_create
from tracker.core.access import PUBLIC, Role, policy_for
from tracker.extensions import db
from tracker.imports.models import ImportBatch

ROLES = [None, Role.VIEWER, Role.EDITOR, Role.ADMIN]


def sample_arguments() -> dict:
    """A real value for every URL argument that routes use."""
    organisation = factories.organisation()
    user = factories.user(role="viewer")
    batch = ImportBatch(
        kind="organisations", filename="o.csv", content=b"Name\nX\n", options={}, created_by_id=user.id
    )
    db.session.add(batch)
    event = event_factories.event()
    participant = event_factories.participant(event)
    contribution = event_factories.contribution(event)
    action_item = event_factories.action_item(event)
    declaration = authority_factories.declaration()
    authority = authority_factories.authority(declaration=declaration)
    party_input = authority_factories.party_input()
    contact_point, release = directory_factories.contact_point(), directory_factories.release()
    topic = activity_factories.topic()
    activity = activity_factories.activity(topics=[topic], events=[event])
    campaign = outreach_factories.campaign()
    proposal = outreach_factories.proposal()
    link = outreach_factories.link_request()
    api_token = token_create(user=user, name="matrix", by=user).token
    db.session.commit()
    return {
        "iso3": "FRA",
        "organisation_id": organisation.id,
        "user_id": user.id,
        "filename": "css/app.css",
        "kind": "organisations",
        "key": "parties-over-time",
        "batch_id": batch.id,
        "event_id": event.id,
        "participant_id": participant.id,
        "contribution_id": contribution.id,
        "action_item_id": action_item.id,
        "fmt": "csv",
        "authority_id": authority.id,
        "declaration_id": declaration.id,
        "input_id": party_input.id,
        "cp_id": contact_point.id,
        "number": release.number,
        "activity_id": activity.id,
        "topic_id": topic.id,
        "campaign_id": campaign.id,
        "proposal_id": proposal.id,
        "message_id": campaign.requests[0].message_id,
        "token": outreach_factories.token_of(link),
        "api_token_id": api_token.id,
    }


def endpoints(app):
    for rule in app.url_map.iter_rules():
        for method in sorted((rule.methods or set()) & {"GET", "POST"}):
            yield rule, method


def expected_outcome(app, endpoint: str, method: str, role: Role | None) -> str:
    with app.test_request_context():
        policy = policy_for(endpoint)
    required = policy.required_for(method)
    if required == PUBLIC:
        return "allowed"
    if role is None:
        return "login"
    if required is None or not role.includes(required):
        return "forbidden"
    return "allowed"


def outcome(response) -> str:
    if response.status_code == 302 and response.location.startswith("/login?next="):
        return "login"
    if response.status_code == 401:  # the API's "log in first": no bearer token
        return "login"
    if response.status_code == 403:
        return "forbidden"
    assert response.status_code < 500, response.status_code
    return "allowed"


def test_every_endpoint_declares_a_policy(app):
    with app.test_request_context():
        undeclared = sorted(
            {rule.endpoint for rule in app.url_map.iter_rules() if policy_for(rule.endpoint) is None}
        )
    assert undeclared == []


@pytest.mark.parametrize("role", ROLES, ids=lambda r: r or "anonymous")
def test_access_matrix(app, role):
    arguments = sample_arguments()
    checked = 0
    for rule, method in endpoints(app):
        client = app.test_client()
        headers = {}
        if role is not None:
            user = factories.user(role=role.value)
            if rule.endpoint.startswith("api."):
                headers["Authorization"] = f"Bearer {token_create(user=user, name='matrix', by=user).secret}"
            db.session.commit()
            client.post("/login", data={"email": user.email, "password": factories.PASSWORD})
        url_args = {name: arguments[name] for name in rule.arguments}
        with app.test_request_context():
            from flask import url_for

            url = url_for(rule.endpoint, **url_args)
        response = client.open(url, method=method, data={}, headers=headers)
        expected = expected_outcome(app, rule.endpoint, method, role)
        assert outcome(response) == expected, f"{role or 'anonymous'} {method} {url}"
        checked += 1
    assert checked >= 15


def test_viewer_is_refused_on_admin_pages_and_every_write(app, client, login_as):
    login_as("viewer")
    arguments = sample_arguments()
    from flask import url_for

    for rule, method in endpoints(app):
        with app.test_request_context():
            policy = policy_for(rule.endpoint)
            url = url_for(rule.endpoint, **{name: arguments[name] for name in rule.arguments})
        is_admin_page = rule.rule.startswith("/admin")
        writes = method == "POST" and policy.write not in (PUBLIC, Role.VIEWER)
        if is_admin_page or writes:
            assert client.open(url, method=method).status_code == 403, f"{method} {url}"


# Each API endpoint and the page whose data it serves.
API_MIRRORS = {
    "api.countries": "countries.country_list",
    "api.directory": "directory.contact_point_list",
    "api.releases": "directory.release_list",
    "api.release": "directory.release_detail",
    "api.events": "events.event_list",
    "api.event": "events.event_detail",
    "api.activities": "activities.activity_list",
    "api.plenary": "reports.plenary",
}


def test_the_api_declares_the_policy_of_the_page_it_mirrors(app):
    """A rule that narrows who reads a page (the directory's, say) must narrow its API endpoint too: a new
    endpoint names its page here, and a changed declaration on one side fails until the other follows."""
    with app.test_request_context():
        api_endpoints = {
            rule.endpoint for rule in app.url_map.iter_rules() if rule.endpoint.startswith("api.")
        }
        assert api_endpoints == set(API_MIRRORS)
        for endpoint, page in API_MIRRORS.items():
            assert policy_for(endpoint) == policy_for(page), endpoint
