"""The outbox against a real SMTP server on 127.0.0.1: sent, refused, deferred, server down, console."""

from datetime import timedelta

from sqlalchemy import func, select

from tests.directory import factories as directory_factories
from tracker.core.audit import AuditEvent
from tracker.core.mail import MailStatus, OutboxMessage, mail_queue
from tracker.core.mail_sending import mail_send_pending
from tracker.core.time import as_utc, utcnow
from tracker.extensions import db


def _queue(to="cp@example.org", name="Unit"):
    cp = directory_factories.contact_point(email=to) if to.startswith("cp") else None
    message = mail_queue(
        to=to,
        subject="Please check your entry",
        template="verification_request",
        context={
            "cp": cp or directory_factories.contact_point(),
            "link": "http://tracker.test/outreach/v/abc",
            "expires_on": utcnow() + timedelta(days=30),
            "reminder": False,
        },
    )
    db.session.commit()
    return message


def _outbox():
    return list(db.session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)))


def test_a_queued_mail_exists_only_if_its_transaction_commits(app):
    directory_factories.contact_point()
    mail_queue(
        to="a@example.org",
        subject="x",
        template="verification_request",
        context={
            "cp": directory_factories.contact_point(),
            "link": "l",
            "expires_on": utcnow(),
            "reminder": False,
        },
    )
    db.session.rollback()
    assert db.session.scalar(select(func.count()).select_from(OutboxMessage)) == 0
    _queue()
    assert [m.status for m in _outbox()] == [MailStatus.PENDING]


def test_pending_mails_are_sent_as_text_and_html(app, smtp_server):
    message = _queue()
    report = mail_send_pending()
    assert (report.sent, report.failed, report.retrying) == (1, 0, 0)
    [received] = smtp_server.received
    assert received.recipients == ["cp@example.org"]
    assert received.message["Subject"] == "Please check your entry"
    assert "no-reply@localhost" in received.message["From"]
    assert "http://tracker.test/outreach/v/abc" in received.text
    assert 'href="http://tracker.test/outreach/v/abc"' in received.html
    db.session.refresh(message)
    assert message.status == MailStatus.SENT and message.sent_at is not None and message.attempts == 1
    assert mail_send_pending().attempted == 0  # nothing is sent twice


def test_a_server_that_is_down_gets_retries_with_backoff_then_a_recorded_failure(app, smtp_down):
    app.config.update(MAIL_MAX_ATTEMPTS=3, MAIL_RETRY_SECONDS=60)
    message = _queue()
    now = utcnow() + timedelta(seconds=1)
    report = mail_send_pending(now=now)
    assert (report.sent, report.retrying, report.failed) == (0, 1, 0)
    db.session.refresh(message)
    assert message.status == MailStatus.PENDING and message.attempts == 1
    assert "Could not connect to 127.0.0.1" in message.last_error
    assert as_utc(message.next_attempt_at) == now + timedelta(seconds=60)
    assert mail_send_pending(now=now + timedelta(seconds=59)).attempted == 0  # not due yet
    later = now + timedelta(seconds=60)
    mail_send_pending(now=later)
    db.session.refresh(message)
    assert message.attempts == 2 and as_utc(message.next_attempt_at) == later + timedelta(seconds=120)
    report = mail_send_pending(now=later + timedelta(seconds=120))
    db.session.refresh(message)
    assert report.failed == 1 and message.status == MailStatus.FAILED and message.attempts == 3
    assert "Could not connect" in message.last_error  # kept, with the reason


def test_a_deferred_recipient_is_tried_again_and_then_sent(app, smtp_server):
    smtp_server.defer("cp@example.org")
    message = _queue()
    now = utcnow() + timedelta(seconds=1)
    assert mail_send_pending(now=now).retrying == 1
    db.session.refresh(message)
    assert message.last_error.startswith("451") and message.status == MailStatus.PENDING
    smtp_server.handler.defer.clear()
    assert mail_send_pending(now=now + timedelta(minutes=2)).sent == 1
    assert len(smtp_server.received) == 1


def test_a_refused_recipient_fails_for_good_and_marks_the_contact_point(app, smtp_server):
    refused = directory_factories.contact_point(email="gone@example.org")
    version = refused.version
    other = _queue(to="cp-ok@example.org")
    smtp_server.refuse("gone@example.org")
    message = mail_queue(
        to="gone@example.org",
        subject="Test",
        template="reachability_test",
        context={"cp": refused, "link": "l", "expires_on": utcnow(), "reminder": False},
    )
    db.session.commit()
    report = mail_send_pending()
    assert (report.sent, report.failed) == (1, 1)
    db.session.refresh(message)
    assert message.status == MailStatus.FAILED and message.refused
    assert message.last_error.startswith("550") and "User unknown" in message.last_error
    db.session.refresh(refused)
    assert refused.email_bounced_at is not None and "550" in refused.email_bounce_reason
    assert refused.version == version  # a mark on the address, not an edit of the entry
    assert db.session.scalar(select(AuditEvent).where(AuditEvent.action == "bounce")).entity_id == str(
        refused.id
    )
    assert [r.recipients for r in smtp_server.received] == [[other.to_address]]


def test_without_a_mail_server_mails_are_printed(app):
    _queue()
    result = app.test_cli_runner().invoke(args=["mail", "send"])
    assert result.exit_code == 0, result.output
    assert "to cp@example.org: Please check your entry" in result.output
    assert "1 sent, 0 to try again, 0 failed" in result.output
    assert _outbox()[0].status == MailStatus.SENT


def test_mail_send_cli_talks_to_the_configured_server(app, smtp_server):
    _queue()
    result = app.test_cli_runner().invoke(args=["mail", "send"])
    assert "1 sent" in result.output and len(smtp_server.received) == 1


def test_outbox_page_shows_the_servers_answer_and_retries_a_failed_mail(app, client, login_as, smtp_server):
    smtp_server.refuse("cp@example.org")
    message = _queue()
    mail_send_pending()
    login_as("editor")
    page = client.get("/outreach/outbox?status=failed").get_data(as_text=True)
    assert "cp@example.org" in page and "550 5.1.1" in page and "refused" in page
    response = client.post(f"/outreach/outbox/{message.id}/retry")
    assert response.status_code == 302
    db.session.refresh(message)
    assert message.status == MailStatus.PENDING and "550" in message.last_error


def test_the_contact_points_page_shows_the_refused_address(app, client, login_as, smtp_server):
    cp = directory_factories.contact_point(email="gone@example.org")
    smtp_server.refuse("gone@example.org")
    mail_queue(
        to="gone@example.org",
        subject="x",
        template="reachability_test",
        context={"cp": cp, "link": "l", "expires_on": utcnow(), "reminder": False},
    )
    db.session.commit()
    mail_send_pending()
    login_as("viewer")
    page = client.get(f"/directory/{cp.id}").get_data(as_text=True)
    assert "The mail server refused this address" in page and "User unknown" in page


def test_a_new_address_clears_the_refusal_mark(app):
    from tracker.directory import services
    from tracker.directory.records import form_values

    cp = directory_factories.contact_point(email="gone@example.org")
    cp.email_bounced_at, cp.email_bounce_reason = utcnow(), "550 User unknown"
    db.session.commit()
    same = form_values(cp) | {"unit": "Cybercrime unit"}
    services.contact_point_update(cp, data=same, version=cp.version, by=None)
    assert cp.email_bounced_at is not None  # another field changed: the address is still the refused one
    services.contact_point_update(cp, data=same | {"email": "new@example.org"}, version=cp.version, by=None)
    assert cp.email_bounced_at is None and cp.email_bounce_reason is None
