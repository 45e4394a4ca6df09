from datetime import date

from sqlalchemy import select

from tests import factories
from tracker.accounts.models import User
from tracker.core.audit import AuditEvent
from tracker.extensions import db


def _create(client, **overrides):
    data = {
        "email": "new.person@example.org",
        "name": "New Person",
        "role": "editor",
        "password": "a long enough secret",
    } | overrides
    return client.post("/admin/users/new", data=data)


def test_admin_creates_an_account(client, login_as):
    admin = login_as("admin")
    response = _create(client, email="New.Person@Example.org")
    assert response.status_code == 302
    user = db.session.scalar(select(User).where(User.email == "new.person@example.org"))
    assert user.role == "editor" and user.active
    event = db.session.scalar(
        select(AuditEvent).where(AuditEvent.entity_type == "user", AuditEvent.action == "create")
    )
    assert event.user_id == admin.id


def test_invalid_and_duplicate_email_are_field_errors(client, login_as):
    login_as("admin")
    factories.user(email="taken@example.org")
    db.session.commit()
    before = db.session.query(User).count()
    for email, message in [
        ("not-an-address", "Not a valid e-mail address"),
        ("taken@example.org", "already exists"),
        ("TAKEN@example.org", "already exists"),
    ]:
        response = _create(client, email=email)
        assert response.status_code == 200
        body = response.get_data(as_text=True)
        assert message in body and 'id="email-error"' in body
    assert db.session.query(User).count() == before


def test_weak_initial_password_is_refused(client, login_as):
    login_as("admin")
    response = _create(client, password="short")
    assert "Use at least 12 characters." in response.get_data(as_text=True)


def test_admin_changes_role_and_deactivates(client, login_as):
    login_as("admin")
    user = factories.user(role="viewer")
    db.session.commit()
    response = client.post(
        f"/admin/users/{user.id}", data={"name": user.name, "role": "editor", "version": user.version}
    )
    assert response.status_code == 302
    db.session.refresh(user)
    assert user.role == "editor" and user.active is False
    changes = db.session.scalar(select(AuditEvent.changes).where(AuditEvent.action == "update"))
    assert changes == {"active": [True, False], "role": ["viewer", "editor"]}


def test_the_last_admin_cannot_be_demoted_or_deactivate_themself(client, login_as):
    admin = login_as("admin")
    response = client.post(
        f"/admin/users/{admin.id}",
        data={"name": admin.name, "role": "viewer", "active": "y", "version": admin.version},
    )
    assert "last active administrator" in response.get_data(as_text=True)
    second = factories.user(role="admin")
    db.session.commit()
    response = client.post(
        f"/admin/users/{admin.id}", data={"name": admin.name, "role": "admin", "version": admin.version}
    )
    assert "cannot deactivate your own account" in response.get_data(as_text=True)
    db.session.refresh(admin)
    assert admin.active and admin.role == "admin" and second.active


def test_user_list_shows_accounts(client, login_as):
    login_as("admin")
    factories.user(email="someone@example.org")
    db.session.commit()
    assert "someone@example.org" in client.get("/admin/users/").get_data(as_text=True)


def test_editors_and_viewers_cannot_manage_accounts(client, login_as):
    login_as("editor")
    assert client.get("/admin/users/").status_code == 403
    assert _create(client).status_code == 403
    assert db.session.scalar(select(User).where(User.email == "new.person@example.org")) is None


def test_audit_trail_filters(client, login_as):
    admin = login_as("admin")
    _create(client, email="one@example.org")
    factories.organisation(name="Not audited")
    db.session.commit()
    body = client.get("/admin/audit").get_data(as_text=True)
    assert "Created account one@example.org" in body
    body = client.get(f"/admin/audit?user={admin.id}&entity_type=user&action=create").get_data(as_text=True)
    assert "one@example.org" in body
    body = client.get("/admin/audit?action=update").get_data(as_text=True)
    assert "Created account one@example.org" not in body and "No matching events." in body
    body = client.get("/admin/audit?since=2000-01-01&until=2000-01-02").get_data(as_text=True)
    assert "No matching events." in body
    assert client.get("/admin/audit?since=garbage").status_code == 200


def test_audit_entries_read_in_words_with_links(client, login_as):
    """Labels of fields and names of records, not `last_verified_on`, `∅ → True`, `contact_point #49`."""
    from tests.directory.factories import contact_point
    from tracker.directory import services as directory_services

    admin = login_as("admin")
    cp = contact_point("ALB", institution="Albanian State Police", last_verified_on=None)
    directory_services.contact_point_verify(cp, by=admin, on=date(2024, 5, 2))
    db.session.commit()
    body = client.get("/admin/audit").get_data(as_text=True)
    assert f'<a href="/directory/{cp.id}">Contact point</a>' in body
    assert "Last verified" in body and "last_verified_on" not in body
    assert "(empty) → 2024-05-02" in body and "∅" not in body
    assert "contact_point #" not in body
    assert "verified" in body
    filters = client.get("/admin/audit").get_data(as_text=True)
    assert '<option value="contact_point">Contact point</option>' in filters
