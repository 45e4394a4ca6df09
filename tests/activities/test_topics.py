"""The controlled list of topics: administrators add, rename, retire and restore; nobody else may."""

from sqlalchemy import select

from tests.activities import factories as make
from tracker.activities.models import Topic
from tracker.core.audit import AuditEvent
from tracker.extensions import db


def test_admin_adds_renames_retires_and_restores_topics(client, login_as):
    login_as("admin")
    assert client.post("/admin/topics/", data={"name": "  Templates  "}).status_code == 302
    topic = db.session.scalar(select(Topic))
    assert topic.name == "Templates" and not topic.retired
    body = client.post("/admin/topics/", data={"name": "TEMPLATES"}).get_data(as_text=True)
    assert "A topic named “Templates” already exists." in body
    body = client.post("/admin/topics/", data={"name": ""}).get_data(as_text=True)
    assert "This field is required." in body

    make.activity(topics=[topic])
    db.session.commit()
    assert (
        client.post(f"/admin/topics/{topic.id}", data={"name": "Request templates", "version": 1}).status_code
        == 302
    )
    assert client.post(f"/admin/topics/{topic.id}/retire").status_code == 302
    db.session.expire_all()
    assert topic.name == "Request templates" and topic.retired
    page = client.get("/admin/topics/").get_data(as_text=True)
    assert "Request templates" in page and "Retired" in page and "<td>1</td>" in page  # used once
    assert "Request templates" not in client.get("/activities/new").get_data(as_text=True)
    assert client.post(f"/admin/topics/{topic.id}/restore").status_code == 302
    db.session.expire_all()
    assert not topic.retired
    assert "Request templates" in client.get("/activities/new").get_data(as_text=True)
    summaries = list(db.session.scalars(select(AuditEvent.summary).where(AuditEvent.entity_type == "topic")))
    assert len(summaries) == 4 and "Renamed topic Templates to Request templates" in summaries


def test_editors_and_viewers_cannot_change_topics(client, login_as):
    topic = make.topic("Templates")
    db.session.commit()
    for role in ("editor", "viewer"):
        login_as(role)
        assert client.get("/admin/topics/").status_code == 403
        assert client.post("/admin/topics/", data={"name": "X"}).status_code == 403
        assert client.post(f"/admin/topics/{topic.id}/retire").status_code == 403
        client.post("/logout")
    assert db.session.scalar(select(Topic.name)) == "Templates"
