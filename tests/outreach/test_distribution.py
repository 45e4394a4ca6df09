"""Sending a published directory version: a link (log-in needed) to each recipient, through a real SMTP
server, recorded per recipient, never twice, and shown on the country page."""

from datetime import date

from sqlalchemy import func, select

from tests import factories
from tests.directory import factories as directory_factories
from tracker.core.mail_sending import mail_send_pending
from tracker.extensions import db
from tracker.outreach.models import ReleaseDistribution


def test_an_editor_sends_a_version_to_viewers_and_contact_points(app, client, login_as, smtp_server):
    editor = login_as("editor")
    viewer = factories.user(role="viewer", email="party.rep@example.org")
    directory_factories.contact_point("FJI", email="cp.fiji@example.org", valid_from=date(2024, 1, 1))
    refused = directory_factories.contact_point("ALB", email="gone@example.org", valid_from=date(2024, 1, 1))
    refused.email_bounced_at = date(2024, 5, 1)
    release = directory_factories.release(released_on=date(2024, 10, 1), note="Kiribati joins.")
    db.session.commit()
    url = f"/outreach/releases/{release.number}/send"
    assert "Send to the network" in client.get(f"/directory/releases/{release.number}").get_data(as_text=True)

    response = client.post(url, data={"viewers": "y", "contact_points": "y"})
    assert response.status_code == 302
    sent = {r.email for r in db.session.scalars(select(ReleaseDistribution))}
    assert sent == {"party.rep@example.org", "cp.fiji@example.org"}  # not the refused address, not editors
    assert editor.email not in sent

    report = mail_send_pending()
    assert report.sent == 2 and report.failed == 0
    bodies = {m.recipients[0]: m.text for m in smtp_server.received}
    link = f"/directory/releases/{release.number}"
    assert all(link in body for body in bodies.values())
    assert "Kiribati joins." in bodies["cp.fiji@example.org"]

    # sending again reaches only those not sent it yet
    client.post(url, data={"viewers": "y", "contact_points": "y"})
    assert db.session.scalar(select(func.count(ReleaseDistribution.id))) == 2
    page = client.get(url).get_data(as_text=True)
    assert "Sent so far (2)" in page and viewer.email in page

    country = client.get("/countries/FJI").get_data(as_text=True)
    assert f"Version {release.number}</a>, sent" in country and "to 1 contact point" in country


def test_nobody_chosen_is_refused_on_the_form(app, client, login_as):
    login_as("editor")
    release = directory_factories.release()
    db.session.commit()
    # both boxes unticked: a browser sends neither (only the CSRF token, off in these tests)
    response = client.post(f"/outreach/releases/{release.number}/send", data={"viewers": ""})
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "Choose who receives the version" in page
    assert db.session.scalar(select(func.count(ReleaseDistribution.id))) == 0


def test_viewers_may_not_send(app, client, login_as):
    login_as("viewer")
    release = directory_factories.release()
    db.session.commit()
    assert client.post(f"/outreach/releases/{release.number}/send", data={"viewers": "y"}).status_code == 403
