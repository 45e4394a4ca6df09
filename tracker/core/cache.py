"""Cached computations that are never stale, in any worker.

Every write to the database moves a single version number on, in the writer's own transaction (an ORM
flush, or a bulk INSERT/UPDATE/DELETE). A cached value is stored with the version it was computed at, and
is served only while the version in the database is still the same: one cheap query per request, shared
by every worker and every server, so a figure shown after a write always includes it.
"""

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable

from sqlalchemy import Integer, event, insert, select, update
from sqlalchemy.orm import Mapped, Session, mapped_column

from tracker.db import Base

CAPACITY = 64


class DataVersion(Base):
    __tablename__ = "data_version"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version: Mapped[int] = mapped_column(default=0)


def current_version(session: Session) -> int:
    return session.scalar(select(DataVersion.version).where(DataVersion.id == 1)) or 0


def _bump(session: Session) -> None:
    connection = session.connection()
    moved = connection.execute(
        update(DataVersion).where(DataVersion.id == 1).values(version=DataVersion.version + 1)
    )
    if moved.rowcount == 0:
        connection.execute(insert(DataVersion).values(id=1, version=1))


# A transaction that wrote takes the version row's lock last, just before it commits: writers never wait
# on it while holding other locks, so it adds no deadlock, and the version moves with the data it covers.
@event.listens_for(Session, "after_flush")
def _after_flush(session: Session, _context) -> None:
    if any(not isinstance(obj, DataVersion) for obj in (*session.new, *session.dirty, *session.deleted)):
        session.info["data_written"] = True


@event.listens_for(Session, "do_orm_execute")
def _on_bulk_write(state) -> None:
    if (state.is_insert or state.is_update or state.is_delete) and not _about_version(state.statement):
        state.session.info["data_written"] = True


@event.listens_for(Session, "before_commit")
def _before_commit(session: Session) -> None:
    if session.info.pop("data_written", False):
        _bump(session)


@event.listens_for(Session, "after_rollback")
def _after_rollback(session: Session) -> None:
    session.info.pop("data_written", None)


def _about_version(statement) -> bool:
    table = getattr(statement, "table", None)
    return table is not None and table.name == DataVersion.__tablename__


class VersionedCache:
    """A small LRU store of (version, value) per key, in this process; validated against the database."""

    def __init__(self, capacity: int = CAPACITY):
        self._entries: OrderedDict[Hashable, tuple[int, object]] = OrderedDict()
        self._capacity = capacity
        self._lock = threading.Lock()

    def get_or_compute(self, session: Session, key: Hashable, compute: Callable[[], object]):
        version = current_version(session)
        with self._lock:
            entry = self._entries.get(key)
            if entry is not None and entry[0] == version:
                self._entries.move_to_end(key)
                return entry[1]
        value = compute()
        with self._lock:
            self._entries[key] = (version, value)
            self._entries.move_to_end(key)
            while len(self._entries) > self._capacity:
                self._entries.popitem(last=False)
        return value

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()


cache = VersionedCache()


def cached(key: Hashable, compute: Callable[[], object]):
    from tracker.extensions import db

    return cache.get_or_compute(db.session, key, compute)
