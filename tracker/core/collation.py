"""Lists of names in the order people read them: the Unicode Collation Algorithm, in SQL and in Python.

Code-point order puts “Côte d'Ivoire” after “Czechia” and “Åland” after “Zambia”; ISO code order is no
order at all to a reader. Every list of names sorts with one of these two helpers:

- `name_order(column)` in a query's ORDER BY: PostgreSQL compares with ICU's root collation
  (`COLLATE "und-x-icu"`, built into PostgreSQL ≥ 10 with ICU); SQLite with the `uca` collation that
  `register_sqlite_collation` installs on every connection (pyuca, the UCA's default table).
  Paged lists must sort in SQL, so the database does it on both.
- `name_key(text)` for lists assembled in Python (report lists, pickers, exports): pyuca's sort key,
  the same order as the database's.
"""

import sqlite3
from functools import lru_cache

from pyuca import Collator
from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement
from sqlalchemy.types import String

SQLITE_COLLATION = "uca"
POSTGRESQL_COLLATION = "und-x-icu"


@lru_cache(maxsize=1)
def _collator() -> Collator:
    return Collator()


@lru_cache(maxsize=8192)
def name_key(text: str | None) -> tuple:
    """Sort key of a name under the UCA (accents and case are secondary: Cameroon < Côte d'Ivoire <
    Czechia); a missing name sorts first. Ties break on the text so the order is total."""
    text = text or ""
    return (_collator().sort_key(text), text)


def _compare(left: str | None, right: str | None) -> int:
    a, b = name_key(left), name_key(right)
    return (a > b) - (a < b)


@event.listens_for(Engine, "connect")
def register_sqlite_collation(dbapi_connection, _record=None) -> None:
    """Install `uca` on every SQLite connection (tracker/__init__.py imports this module first)."""
    if isinstance(dbapi_connection, sqlite3.Connection):
        dbapi_connection.create_collation(SQLITE_COLLATION, _compare)


class name_order(FunctionElement):  # noqa: N801 - reads as a function in ORDER BY clauses
    """`column` compared by the UCA: `.order_by(name_order(Country.name))`."""

    inherit_cache = True
    type = String()


@compiles(name_order)
def _name_order_default(element, compiler, **kw):
    return compiler.process(element.clauses, **kw)


@compiles(name_order, "sqlite")
def _name_order_sqlite(element, compiler, **kw):
    return f"{compiler.process(element.clauses, **kw)} COLLATE {SQLITE_COLLATION}"


@compiles(name_order, "postgresql")
def _name_order_postgresql(element, compiler, **kw):
    return f'{compiler.process(element.clauses, **kw)} COLLATE "{POSTGRESQL_COLLATION}"'
