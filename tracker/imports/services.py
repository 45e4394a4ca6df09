"""Writes for import batches: upload, resolve by hand, confirm (all rows or none), discard.

The file is read once, at upload; its rows are kept with the batch, and the preview and the confirmation
validate those rows (against the database as it is then) without parsing the file again.
"""

from tracker.core import audit
from tracker.core.errors import DomainError
from tracker.core.import_files import Table, clean_filename
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
    filename = clean_filename(filename)
    try:
        table = importer.read(filename, content)  # refuse a file that is not CSV/XLSX before keeping it
    except ImportFileError as error:
        raise DomainError(str(error), field="file") from None
    batch = ImportBatch(
        kind=kind,
        filename=filename,
        content=content,
        rows=table.to_json(),
        options=options,
        created_by_id=by.id,
    )
    db.session.add(batch)
    db.session.flush()
    return batch


def batch_table(batch: ImportBatch, importer) -> Table:
    """The rows read at upload (a batch uploaded before they were kept is read from its file)."""
    if batch.rows is not None:
        return Table.from_json(batch.filename, batch.rows)
    return importer.read(batch.filename, batch.content)


PREVIEW_ROWS = 50


def batch_preview(batch: ImportBatch, *, by=None) -> tuple[object, ImportResult]:
    """Validate the rows; the values to resolve and the preview's cells are computed here, not in the page."""
    importer = importer_for(batch, by=by)
    result = validate(importer, batch_table(batch, importer))
    if batch.status == BatchStatus.PENDING:
        result.unresolved = importer.unresolved()
    result.preview_rows = [importer.preview(item) for item in result.items[:PREVIEW_ROWS]]
    return importer, result


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
    result = run_import(importer, batch_table(batch, importer))
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
