"""Validate-all-then-write imports from CSV and XLSX, shared by every feature.

A feature writes an `Importer`: the columns it reads, how one row becomes a value (reporting problems by
row and column), checks across rows (duplicates), and how the valid rows are written. `run_import`
validates every row first; only when no row has an error, and not in a dry run, are all rows written,
inside one savepoint, so either every row lands or none does.
"""

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from tracker.core.import_files import ImportFileError, Table, read_table
from tracker.extensions import db

__all__ = ["ImportFileError", "Table", "read_table"]  # the file reading lives in core/import_files.py


@dataclass(frozen=True)
class RowError:
    row: int | None  # as the user sees it: the header is row 1
    column: str | None
    message: str

    def __str__(self) -> str:
        where = [f"Row {self.row}" if self.row else None, f"column “{self.column}”" if self.column else None]
        prefix = ", ".join(part for part in where if part)
        return f"{prefix}: {self.message}" if prefix else self.message


def header_key(header: str) -> str:
    return re.sub(r"[^0-9a-z]+", "_", (header or "").strip().casefold()).strip("_")


@dataclass(frozen=True)
class Col:
    key: str
    label: str
    required: bool = False
    aliases: tuple[str, ...] = ()


class RowReader:
    """One row's values by column key, collecting errors as they are found."""

    def __init__(self, number: int, values: dict[str, str], labels: dict[str, str]):
        self.number = number
        self.values = values
        self.labels = labels
        self.errors: list[RowError] = []

    def get(self, key: str) -> str:
        return self.values.get(key, "").strip()

    def error(self, key: str | None, message: str) -> None:
        self.errors.append(RowError(self.number, self.labels.get(key, key) if key else None, message))

    def require(self, key: str) -> str | None:
        value = self.get(key)
        if not value:
            self.error(key, "a value is required")
            return None
        return value

    def convert(self, key: str, converter: Callable[[str], object], *, required: bool = False):
        """converter(text) -> value, raising ValueError with a readable reason; None when blank."""
        value = self.require(key) if required else self.get(key)
        if not value:
            return None
        try:
            return converter(value)
        except ValueError as error:
            self.error(key, str(error))
            return None


class Importer:
    """Base class: subclasses set `kind`, `label`, `columns` and implement `parse_row` and `write`."""

    kind: str = ""
    label: str = ""
    columns: list[Col] = []
    option_names: tuple[str, ...] = ()  # e.g. ("event_id",): taken from the upload page's URL
    preview_headers: list[str] = []  # headers of the preview table; see preview()
    preview_template: str | None = None  # a partial the preview page includes above the rows (rules, choices)

    def __init__(self, options: dict | None = None, by=None):
        self.options = options or {}
        self.by = by

    # -- to implement --------------------------------------------------------------------------
    def parse_row(self, row: RowReader):
        raise NotImplementedError

    def check_rows(self, parsed: list[tuple[int, object]]) -> list[RowError]:
        return []

    def write(self, items: list) -> int:
        raise NotImplementedError

    # -- optional ------------------------------------------------------------------------------
    def read(self, filename: str, data: bytes) -> Table:
        """The file as a table. An importer of a layout that is not one header row then data rows (a
        videoconference report with a summary block, UTF-16 text) overrides this."""
        return read_table(filename, data)

    def target(self) -> str | None:
        """What the rows go into (e.g. the event), named on the upload and preview pages."""
        return None

    def write_count(self, items: list) -> int:
        """How many rows `write` will write: the number on the confirm button (skipped rows excluded)."""
        return len(items)

    def check_options(self) -> str | None:
        """Why the options (from the URL) are unusable, or None."""
        return None

    def done_url(self) -> str | None:
        return None

    def preview(self, item) -> list:
        """The cells of one parsed row in the preview (by default, the row as read)."""
        return []

    def unresolved(self) -> list[tuple[str, str, list[tuple[str, str]]]]:
        """Values the user must resolve by hand: (column key, raw value, [(choice value, label)])."""
        return []

    # -- machinery -----------------------------------------------------------------------------
    def map_headers(self, headers: Iterable[str]) -> tuple[dict[str, str], list[str]]:
        """{header as in file: column key} and the headers this importer ignores."""
        wanted = {}
        for col in self.columns:
            for name in (col.key, col.label, *col.aliases):
                wanted[header_key(name)] = col.key
        mapping, ignored = {}, []
        for header in headers:
            key = wanted.get(header_key(header))
            if key and key not in mapping.values():
                mapping[header] = key
            elif header:
                ignored.append(header)
        return mapping, ignored


@dataclass
class ImportResult:
    total: int = 0
    errors: list[RowError] = field(default_factory=list)
    items: list = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)
    written: int = 0
    # Filled in by the service for the preview page, so that the template runs no query:
    unresolved: list = field(default_factory=list)  # see Importer.unresolved
    preview_rows: list[list] = field(default_factory=list)  # Importer.preview of the first rows
    notes: tuple[str, ...] = ()  # from the reading of the file (Table.notes)

    @property
    def valid(self) -> bool:
        return not self.errors


def validate(importer: Importer, table: Table, progress: Callable[[int], None] | None = None) -> ImportResult:
    mapping, ignored = importer.map_headers(table.headers)
    missing = [c.label for c in importer.columns if c.required and c.key not in mapping.values()]
    if missing:
        raise ImportFileError(f"The file lacks the column(s): {', '.join(missing)}.")
    labels = {c.key: c.label for c in importer.columns}
    result = ImportResult(total=len(table.rows), ignored_columns=ignored, notes=table.notes)
    parsed = []
    for number, raw in table.rows:
        row = RowReader(number, {key: raw.get(header, "") for header, key in mapping.items()}, labels)
        item = importer.parse_row(row)
        result.errors.extend(row.errors)
        if item is not None and not row.errors:
            parsed.append((number, item))
        if progress:
            progress(1)
    if not result.errors:
        result.errors.extend(importer.check_rows(parsed))
    result.errors.sort(key=lambda e: (e.row or 0, e.column or ""))
    result.items = [item for _, item in parsed]
    if not table.rows:
        result.errors.append(RowError(None, None, "The file has a header row but no data rows."))
    return result


def run_import(importer: Importer, table: Table, *, dry_run: bool = False, progress=None) -> ImportResult:
    """Validate every row; write all of them (one savepoint) only if none has an error and not dry_run."""
    result = validate(importer, table, progress)
    if result.valid and not dry_run:
        with db.session.begin_nested():
            result.written = importer.write(result.items)
    return result


# Features register their importers here; the upload pages and the CLI find them by kind.
IMPORTERS: dict[str, type[Importer]] = {}


def register_importer(importer: type[Importer]) -> type[Importer]:
    IMPORTERS[importer.kind] = importer
    return importer
