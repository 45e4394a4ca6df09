"""Sending the outbox: one pass over the messages that are due, with retries and exponential backoff.

Each message is claimed (its next attempt moved forward by a lease, committed) before it is sent and its
outcome committed right after, because sending is a side effect no rollback can take back: a crash
between the two sends that one message again later (at least once), never loses it. On PostgreSQL the
claim skips rows another sender holds, so two `tracker mail send --watch` can run side by side.

How an attempt ends:
- accepted by the server: `sent`;
- a permanent refusal (a 5xx answer): `failed` at once, with the answer; a refused recipient is also
  reported to the features (`tracker.core.mail.report_refusal`), which mark the address;
- anything temporary (a 4xx answer, the server down or unreachable, a time-out): tried again after
  MAIL_RETRY_SECONDS × 2^(attempts−1), and `failed` after MAIL_MAX_ATTEMPTS attempts.
"""

import smtplib
import sys
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import current_app
from flask_mail import Message
from sqlalchemy import select

from tracker.core import audit
from tracker.core.errors import DomainError
from tracker.core.mail import MailStatus, OutboxMessage, report_refusal
from tracker.core.time import utcnow
from tracker.extensions import db

LEASE = timedelta(minutes=10)
MAX_ANSWER = 2000


@dataclass
class SendReport:
    sent: int = 0
    retrying: int = 0
    failed: int = 0

    @property
    def attempted(self) -> int:
        return self.sent + self.retrying + self.failed

    def __str__(self) -> str:
        return f"{self.sent} sent, {self.retrying} to try again, {self.failed} failed"


class TemporaryFailure(Exception):
    """The message could not be handed over now; try again later. `connection_lost`: neither can the
    messages after it, in this pass."""

    def __init__(self, answer: str, *, connection_lost: bool = False):
        super().__init__(answer)
        self.connection_lost = connection_lost


class PermanentFailure(Exception):
    """The server refused the message for good."""

    def __init__(self, answer: str, *, refused_recipient: bool = False):
        super().__init__(answer)
        self.refused_recipient = refused_recipient


def _answer(code, text) -> str:
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    return f"{code} {text}".strip()[:MAX_ANSWER]


class ConsoleTransport:
    """No MAIL_SERVER: the demo prints each message instead of sending it."""

    def __init__(self, stream=None):
        self.stream = stream or sys.stdout

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def send(self, message: OutboxMessage) -> None:
        print(
            f"--- mail {message.id} to {message.to_address}: {message.subject}\n{message.body_text}\n---",
            file=self.stream,
        )


class SMTPTransport:
    """One SMTP connection for a pass, from Flask-Mail's settings; messages are built by Flask-Mail."""

    def __init__(self, config):
        self.config = config
        self.host: smtplib.SMTP | None = None

    def __enter__(self):
        config = self.config
        timeout = config["MAIL_TIMEOUT_SECONDS"]
        server, port = config["MAIL_SERVER"], config["MAIL_PORT"]
        try:
            if config.get("MAIL_USE_SSL"):
                self.host = smtplib.SMTP_SSL(server, port, timeout=timeout)
            else:
                self.host = smtplib.SMTP(server, port, timeout=timeout)
            if config.get("MAIL_USE_TLS"):
                self.host.starttls()
            if config.get("MAIL_USERNAME") and config.get("MAIL_PASSWORD"):
                self.host.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"])
        except smtplib.SMTPResponseException as error:
            raise TemporaryFailure(_answer(error.smtp_code, error.smtp_error), connection_lost=True) from None
        except (OSError, smtplib.SMTPException) as error:
            raise TemporaryFailure(
                connection_lost=True, answer=f"Could not connect to {server}:{port}: {error}"
            ) from None
        return self

    def __exit__(self, *exc):
        if self.host is not None:
            try:
                self.host.quit()
            except (OSError, smtplib.SMTPException):
                self.host.close()
        return False

    def send(self, message: OutboxMessage) -> None:
        mime = Message(
            subject=message.subject,
            recipients=[message.to_address],
            body=message.body_text,
            html=message.body_html,
            sender=self.config["MAIL_DEFAULT_SENDER"],
            extra_headers={"Auto-Submitted": "auto-generated", "Content-Language": message.language},
        )
        try:
            self.host.sendmail(mime.sender, [message.to_address], mime.as_bytes())
        except smtplib.SMTPRecipientsRefused as error:
            code, text = next(iter(error.recipients.values()))
            if 500 <= code < 600:
                raise PermanentFailure(_answer(code, text), refused_recipient=True) from None
            raise TemporaryFailure(_answer(code, text)) from None
        except smtplib.SMTPResponseException as error:
            if 500 <= error.smtp_code < 600:
                raise PermanentFailure(_answer(error.smtp_code, error.smtp_error)) from None
            raise TemporaryFailure(_answer(error.smtp_code, error.smtp_error)) from None
        except (OSError, smtplib.SMTPException) as error:
            raise TemporaryFailure(f"Connection lost: {error}", connection_lost=True) from None


def transport():
    config = current_app.config
    return SMTPTransport(config) if config.get("MAIL_SERVER") else ConsoleTransport()


def retry_delay(attempts: int) -> timedelta:
    """The wait after `attempts` failed attempts: 1, 2, 4, 8... times MAIL_RETRY_SECONDS."""
    return timedelta(seconds=current_app.config["MAIL_RETRY_SECONDS"] * 2 ** max(attempts - 1, 0))


def _claim(now: datetime, limit: int) -> list[OutboxMessage]:
    query = (
        select(OutboxMessage)
        .where(OutboxMessage.status == MailStatus.PENDING, OutboxMessage.next_attempt_at <= now)
        .order_by(OutboxMessage.next_attempt_at, OutboxMessage.id)
        .limit(limit)
    )
    if db.engine.dialect.name == "postgresql":
        query = query.with_for_update(skip_locked=True)
    messages = list(db.session.scalars(query))
    for message in messages:
        message.next_attempt_at = now + LEASE
    db.session.commit()
    return messages


def _sent(message: OutboxMessage, now: datetime) -> None:
    message.status = MailStatus.SENT
    message.attempts += 1
    message.sent_at = message.last_attempt_at = now
    message.next_attempt_at = None
    message.last_error = None


def _failed(message: OutboxMessage, answer: str, now: datetime, *, permanent: bool) -> bool:
    """Record a failed attempt; True if the message is now failed for good."""
    message.attempts += 1
    message.last_attempt_at = now
    message.last_error = answer[:MAX_ANSWER]
    if permanent or message.attempts >= current_app.config["MAIL_MAX_ATTEMPTS"]:
        message.status = MailStatus.FAILED
        message.next_attempt_at = None
        return True
    message.next_attempt_at = now + retry_delay(message.attempts)
    return False


def mail_send_pending(*, now: datetime | None = None, limit: int = 200) -> SendReport:
    """Send the messages that are due (at most `limit`); commit each outcome. Returns the counts."""
    now = now or utcnow()
    report = SendReport()
    messages = _claim(now, limit)
    if not messages:
        return report
    try:
        with transport() as connection:
            for index, message in enumerate(messages):
                try:
                    connection.send(message)
                except PermanentFailure as failure:
                    _failed(message, str(failure), now, permanent=True)
                    if failure.refused_recipient:
                        message.refused = True
                        report_refusal(message, str(failure), now)
                    report.failed += 1
                except TemporaryFailure as failure:
                    if failure.connection_lost:  # this message and the rest wait for the next pass
                        _record_temporary(messages[index:], str(failure), now, report)
                        db.session.commit()
                        break
                    _record_temporary([message], str(failure), now, report)
                else:
                    _sent(message, now)
                    report.sent += 1
                db.session.commit()
    except TemporaryFailure as failure:  # could not connect at all
        _record_temporary(messages, str(failure), now, report)
        db.session.commit()
    return report


def _record_temporary(messages: list[OutboxMessage], answer: str, now: datetime, report: SendReport) -> None:
    for message in messages:
        if _failed(message, answer, now, permanent=False):
            report.failed += 1
        else:
            report.retrying += 1


def outbox_retry(message: OutboxMessage, *, by, now: datetime | None = None) -> OutboxMessage:
    """Put a failed message back in the queue for the next pass (an editor's decision, e.g. after the
    server's problem was fixed). Its attempts and last answer stay as a record."""
    if message.status != MailStatus.FAILED:
        raise DomainError("Only a failed message can be tried again.")
    message.status = MailStatus.PENDING
    message.next_attempt_at = now or utcnow()
    db.session.flush()
    audit.record(
        action="retry",
        entity_type="outbox",
        entity_id=message.id,
        summary=f"Queued again the mail to {message.to_address} ({message.subject})",
        by=by,
    )
    return message
