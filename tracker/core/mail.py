"""Outbound mail as an outbox: a feature writes a message in its own transaction, `tracker mail send` sends.

A feature never talks SMTP. `mail_queue` renders the message (plain text and HTML from
`templates/mail/`) and adds it to the session, so the message exists if and only if the change that
caused it is committed. The sender (`tracker.core.mail_sending`) delivers pending messages, retries the
ones a server could not take with exponential backoff, and keeps every failure with the server's answer:
nothing is lost, and the *Outbox* page shows it all.

A recipient that the server refuses for good (a 5xx answer to RCPT: a bounce as an SMTP error) is
reported to the handlers registered with `on_refused`, so that the feature that knows the address (the
directory's contact point) can mark it.
"""

from collections.abc import Callable
from datetime import datetime
from enum import StrEnum

from flask import current_app
from sqlalchemy import DateTime, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from tracker.core.time import utcnow
from tracker.db import Base, str_enum
from tracker.extensions import db

DEFAULT_LANGUAGE = "en"


class MailStatus(StrEnum):
    PENDING = "pending"
    SENT = "sent"
    FAILED = "failed"

    @property
    def label(self) -> str:
        return {"pending": "Waiting to be sent", "sent": "Sent", "failed": "Failed"}[self.value]


class OutboxMessage(Base):
    """One message to one recipient, as rendered when it was queued.

    `next_attempt_at` is when the sender may (again) try it; while a sender holds a message it is moved
    forward by a lease, so a second sender skips it and a crashed sender's message is tried again later.
    """

    __tablename__ = "outbox"
    __table_args__ = (Index("ix_outbox_due", "status", "next_attempt_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)
    kind: Mapped[str] = mapped_column(String(40), index=True)  # the template's name: what the mail is for
    to_address: Mapped[str] = mapped_column(String(254), index=True)
    subject: Mapped[str] = mapped_column(String(300))
    body_text: Mapped[str] = mapped_column(Text)
    body_html: Mapped[str | None] = mapped_column(Text)
    language: Mapped[str] = mapped_column(String(8), default=DEFAULT_LANGUAGE)
    status: Mapped[MailStatus] = mapped_column(
        str_enum(MailStatus, "mail_status"), default=MailStatus.PENDING
    )
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), default=utcnow)
    last_attempt_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    sent_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_error: Mapped[str | None] = mapped_column(Text)  # the server's answer to the last attempt
    refused: Mapped[bool] = mapped_column(default=False)  # the server refused the recipient for good

    def __repr__(self) -> str:
        return f"<OutboxMessage {self.id} {self.kind} to {self.to_address} {self.status}>"


def _render(name: str, extension: str, language: str, context: dict) -> str:
    """The template in the recipient's language when there is one, else in English."""
    env = current_app.jinja_env
    template = env.select_template([f"mail/{language}/{name}.{extension}", f"mail/{name}.{extension}"])
    return template.render(**context)


def mail_queue(
    *, to: str, subject: str, template: str, context: dict, language: str | None = None
) -> OutboxMessage:
    """Write a message to the outbox in the caller's transaction (added, not flushed: a campaign queues
    hundreds and flushes once). `template` names `templates/mail/<template>.txt` and `.html`."""
    language = language or DEFAULT_LANGUAGE
    message = OutboxMessage(
        kind=template,
        to_address=to,
        subject=subject,
        body_text=_render(template, "txt", language, context),
        body_html=_render(template, "html", language, context),
        language=language,
        status=MailStatus.PENDING,
        attempts=0,
        next_attempt_at=utcnow(),
    )
    db.session.add(message)
    return message


# Called as handler(message, answer, at) when a server refuses a recipient for good, in the sender's
# transaction.
RefusalHandler = Callable[[OutboxMessage, str, datetime], None]
_refusal_handlers: list[RefusalHandler] = []


def on_refused(handler: RefusalHandler) -> RefusalHandler:
    """Register a handler for refused recipients (a decorator; registering twice keeps one)."""
    if handler not in _refusal_handlers:
        _refusal_handlers.append(handler)
    return handler


def report_refusal(message: OutboxMessage, answer: str, at: datetime) -> None:
    for handler in _refusal_handlers:
        handler(message, answer, at)
