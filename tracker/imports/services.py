"""Writes for import batches: upload, resolve by hand, confirm (all rows or none), discard."""

from tracker.core import audit
from tracker.core.errors import DomainError
from tracker.core.imports import IMPORTERS, ImportFileError, ImportResult, run_import, validate
from tracker.core.time import utcnow
from tracker.extensions import db
from tracker.imports.models import BatchStatus, ImportBatch


def importer_for(batch_or_kind, *, options=None, by=None):
    kind = batch_or_kind if isinstance(batch_or_kind, str) else batch_or_kind.kind
    if kind not in IMPORTERS:
        raise DomainError(f"Unknown kind of import: {kind}")
    if options is None and not isinstance(batch_or_kind, str):
        options = batch_or_kind.options
    return IMPORTERS[kind](options=dict(options or {}), by=by)


def batch_upload(*, kind: str, filename: str, content: bytes, options: dict, by) -> ImportBatch:
    importer = importer_for(kind, options=options, by=by)
    if problem := importer.check_options():
        raise DomainError(problem)
    try:
        importer.read(filename, content)  # refuse a file that is not CSV/XLSX before keeping it
    except ImportFileError as error:
        raise DomainError(str(error), field="file") from None
    batch = ImportBatch(kind=kind, filename=filename, content=content, options=options, created_by_id=by.id)
    db.session.add(batch)
    db.session.flush()
    return batch


def batch_preview(batch: ImportBatch, *, by=None) -> tuple[object, ImportResult]:
    importer = importer_for(batch, by=by)
    return importer, validate(importer, importer.read(batch.filename, batch.content))


def batch_resolve(batch: ImportBatch, *, resolutions: dict[str, dict[str, str]]) -> None:
    """Record the user's choices for values the importer could not resolve ({column: {raw: choice}})."""
    _require_pending(batch)
    options = dict(batch.options)
    merged = {column: dict(values) for column, values in options.get("resolutions", {}).items()}
    for column, values in resolutions.items():
        merged.setdefault(column, {}).update({raw: choice for raw, choice in values.items() if choice})
    options["resolutions"] = merged
    batch.options = options
    db.session.flush()


def batch_confirm(batch: ImportBatch, *, by) -> ImportResult:
    """Validate again (the data may have changed since the preview) and write every row, or none."""
    _require_pending(batch)
    importer = importer_for(batch, by=by)
    result = run_import(importer, importer.read(batch.filename, batch.content))
    if result.valid:
        batch.status = BatchStatus.DONE
        batch.rows_written = result.written
        batch.finished_at = utcnow()
        audit.record(
            action="import",
            entity_type=batch.kind,
            entity_id=batch.id,
            by=by,
            summary=f"Imported {result.written} row(s) from {batch.filename} ({importer.label})",
        )
        db.session.flush()
    return result


def batch_discard(batch: ImportBatch) -> None:
    _require_pending(batch)
    batch.status = BatchStatus.DISCARDED
    batch.finished_at = utcnow()
    db.session.flush()


def _require_pending(batch: ImportBatch) -> None:
    if batch.status != BatchStatus.PENDING:
        raise DomainError(f"This import is already {batch.status.value}.")
