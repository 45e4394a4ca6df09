from datetime import datetime
from enum import StrEnum

from sqlalchemy import JSON, DateTime, ForeignKey, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.accounts.models import User
from tracker.core.time import utcnow
from tracker.db import Base, str_enum


class BatchStatus(StrEnum):
    PENDING = "pending"
    DONE = "done"
    DISCARDED = "discarded"


class ImportBatch(Base):
    """An uploaded file between its preview and its confirmation (kept afterwards as a record).

    `rows` holds the file's table as read at upload (`Table.to_json`), so that the preview and the
    confirmation validate it without parsing the file again; `content` is the file itself, kept as the
    record. Both are loaded only when asked for.
    """

    __tablename__ = "import_batches"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(40))
    filename: Mapped[str] = mapped_column(String(255))
    content: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)
    rows: Mapped[dict | None] = mapped_column(JSON, deferred=True)
    options: Mapped[dict] = mapped_column(JSON, default=dict)
    status: Mapped[BatchStatus] = mapped_column(
        str_enum(BatchStatus, "batch_status"), default=BatchStatus.PENDING
    )
    rows_written: Mapped[int | None]
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    created_by: Mapped[User | None] = relationship()
