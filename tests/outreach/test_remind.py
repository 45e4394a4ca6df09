"""`tracker remind`: one digest per editor per day, listing what waits; nothing when nothing waits."""

from datetime import date, timedelta

from sqlalchemy import func, select

from tests import factories
from tests.directory import factories as directory_factories
from tests.events import factories as event_factories
from tracker.core.mail import OutboxMessage
from tracker.core.mail_sending import mail_send_pending
from tracker.extensions import db
from tracker.outreach import services
from tracker.outreach.digest import digests_send
from tracker.outreach.models import CampaignKind, Digest


def _digests() -> list[OutboxMessage]:
    return list(db.session.scalars(select(OutboxMessage).where(OutboxMessage.kind == "digest")))


def test_nothing_waiting_sends_nothing(app):
    factories.user(role="editor")
    directory_factories.contact_point()  # verified today
    assert digests_send() == 0 and _digests() == []


def test_each_editor_gets_one_digest_a_day(app, smtp_server):
    editor = factories.user(role="editor", name="Ana Editor")
    factories.user(role="admin")
    factories.user(role="viewer")
    factories.user(role="editor", active=False)
    event = event_factories.event()
    yours = event_factories.action_item(event, owner="Ana Editor", due_date=date.today() - timedelta(days=3))
    yours.title = "Send the minutes"
    directory_factories.contact_point(last_verified_on=None, institution="Never Verified Police")
    services.campaign_start(kind=CampaignKind.VERIFICATION, by=None)
    db.session.commit()

    result = app.test_cli_runner().invoke(args=["remind"])
    assert result.exit_code == 0 and "2 digests queued" in result.output, result.output
    assert app.test_cli_runner().invoke(args=["remind"]).output.count("0 digests") == 1  # idempotent per day
    assert db.session.scalar(select(func.count()).select_from(Digest)) == 2
    mail_send_pending()
    mail = next(m for m in smtp_server.received if m.recipients == [editor.email])
    assert "Yours:" in mail.text and "Send the minutes" in mail.text
    assert "Never Verified Police" in mail.text and "without answer" in mail.text
    assert "http://127.0.0.1:5000/outreach/campaigns/" in mail.text
    assert digests_send(day=date.today() + timedelta(days=1)) == 2  # tomorrow is another day
