"""Optimistic locking for every row an editor changes: nobody's save silently overwrites another's.

Each edited model mixes in `Versioned`: an integer `version` that SQLAlchemy raises on every UPDATE and
puts in the UPDATE's WHERE clause (`version_id_col`). The edit form carries the version the editor loaded
in a hidden field; the service calls `check_version` before writing, and `flush` turns an UPDATE that
found a newer version (a save that slipped in between) into the same `ConflictError`. The route then calls
`keep_input_after_conflict`: the editor keeps their input, sees under each field the value saved meanwhile,
and saving again — now knowingly — replaces it. Cancelling keeps the other save.
"""

from datetime import date, datetime
from enum import Enum

from sqlalchemy.orm import Mapped, declared_attr, mapped_column
from sqlalchemy.orm.exc import StaleDataError
from wtforms import HiddenField

from tracker.core.errors import DomainError
from tracker.extensions import db


class ConflictError(DomainError):
    """Someone else saved the row after this editor loaded it; nothing of theirs was written."""


class Versioned:
    """Mixin: the row's version, checked and raised by SQLAlchemy on every UPDATE."""

    version: Mapped[int] = mapped_column(server_default="1")

    @declared_attr.directive
    def __mapper_args__(cls) -> dict:
        return {"version_id_col": cls.__table__.c.version}


class VersionField(HiddenField):
    """The version the editor loaded, carried by the edit form. A submitted form without it counts as
    stale, never as current: a save must say which version it replaces."""

    def process_formdata(self, valuelist):
        self.data = valuelist[0] if valuelist else None


def conflict_message(what: str) -> str:
    return f"Someone else saved this {what} after you opened it, so nothing of yours was saved."


def check_version(row: Versioned, submitted, *, what: str) -> None:
    """Refuse the save when the form was loaded at another version than the row's (blank included)."""
    if str(submitted or "").strip() != str(row.version):
        raise ConflictError(conflict_message(what))


def flush(*, what: str) -> None:
    """Flush; an UPDATE that matched no row at the version it read means another save came first."""
    try:
        db.session.flush()
    except StaleDataError:
        raise ConflictError(conflict_message(what)) from None


def _plain(value):
    """A value as a form holds it, so an editor's input and a saved value compare equal when they are."""
    if value is None or value == "":
        return ""
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, (list, tuple, set)):
        return sorted(str(_plain(v)) for v in value)
    if isinstance(value, str):
        return value.strip()
    return str(value)


def _display(field, value) -> str:
    """The saved value as people read it: labels for choices, "(empty)" for nothing."""
    plain = _plain(value)
    if plain in ("", []):
        return "(empty)"
    labels = {str(v): label for v, label, *_ in (getattr(field, "choices", None) or [])}
    if isinstance(plain, list):
        return ", ".join(labels.get(v, v) for v in plain)
    if field.type == "BooleanField":
        return "yes" if value else "no"
    return labels.get(plain, plain)


def row_values(form, row) -> dict:
    """The row's values under the form's field names, for a form that is filled from the row itself."""
    return {field.name: getattr(row, field.name) for field in form if hasattr(row, field.name)}


def keep_input_after_conflict(
    form, error: ConflictError, *, version: int, saved: dict | None = None, differences: dict | None = None
) -> dict[str, str]:
    """Prepare the form for the editor to decide after a conflict, and return {field: saved value shown}.

    `saved` holds the row's values as saved meanwhile, shaped as the form's data (the same mapping that
    fills the form on GET); the fields whose input differs get `saved_meanwhile`, which the `field` macro
    shows under them. A feature that compares values as they would be stored (a phone number written two
    ways is one number) passes its own `differences` ({field: saved value as people read it}) instead.
    The form's version becomes the saved one, so saving again is a deliberate choice.
    """
    if differences is None:
        differences = {}
        for name, value in (saved or {}).items():
            field = getattr(form, name, None)
            if field is not None and _plain(field.data) != _plain(value):
                differences[name] = _display(field, value)
    for name, shown in differences.items():
        if (field := getattr(form, name, None)) is not None:
            field.saved_meanwhile = shown
    form.version.data = version
    form.form_errors.append(
        f"{error} Your input is kept below; under each field that differs is the value saved meanwhile. "
        "Save again to replace it with yours, or cancel to keep it."
    )
    return differences
