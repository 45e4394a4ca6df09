"""Reading an uploaded CSV or XLSX file into a `Table`, once, within bounds, refusing hostile files.

An upload is read once (the rows are then kept with the import batch), and the reading is bounded so that
no file can take the server's time or memory: at most `MAX_IMPORT_ROWS` data rows (reading stops at the
first row beyond, it does not read the rest and count afterwards), at most `MAX_COLUMNS` columns, CSV
values up to `MAX_FIELD_CHARS` characters, and a workbook that unpacks to at most `MAX_UNPACKED_BYTES`.
Blank rows cost nothing and count for nothing: a sheet that claims a million rows but holds ten is read as
ten, and an XLSX sheet is read until `MAX_BLANK_RUN` blank rows in a row, where its data is taken to end.

Workbooks are XML: a document type declaration can define entities that expand a few bytes into gigabytes
("billion laughs") or read files from the server (external entities). openpyxl parses with `defusedxml`
(a dependency), which refuses entities; any part that declares a DTD is refused here before parsing.
Every problem is an `ImportFileError` with a message for the user, never a server error.
"""

import csv
import io
import re
import zipfile
from dataclasses import dataclass
from datetime import date, datetime

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import ParseError
from flask import current_app, has_app_context
from openpyxl import load_workbook

EXTENSIONS = (".csv", ".xlsx")
DEFAULT_MAX_ROWS = 20_000
MAX_COLUMNS = 500
MAX_FIELD_CHARS = 1_000_000
MAX_BLANK_RUN = 10_000
MAX_HEADER_ROW = 1_000  # the header row of a sheet is looked for among its first thousand rows
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
FILENAME_LENGTH = 255  # ImportBatch.filename
DTD = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)

# The csv module's limit is per process; 131,072 characters refused a long free-text cell with an error.
csv.field_size_limit(MAX_FIELD_CHARS)


class ImportFileError(ValueError):
    """The file as a whole is refused: not CSV/XLSX, unreadable, empty, too big, or missing columns."""


@dataclass
class Table:
    filename: str
    headers: list[str]
    rows: list[tuple[int, dict[str, str]]]  # (row number, {header: text})
    notes: tuple[str, ...] = ()  # what the user should know about the reading (e.g. where it stopped)

    def to_json(self) -> dict:
        """A compact form for the import batch: each row's values in the order of the headers."""
        return {
            "headers": self.headers,
            "rows": [[number, [values.get(h, "") for h in self.headers]] for number, values in self.rows],
            "notes": list(self.notes),
        }

    @classmethod
    def from_json(cls, filename: str, data: dict) -> "Table":
        headers = data["headers"]
        rows = [(number, dict(zip(headers, values, strict=False))) for number, values in data["rows"]]
        return cls(filename=filename, headers=headers, rows=rows, notes=tuple(data.get("notes", ())))


def max_rows() -> int:
    if has_app_context():
        return int(current_app.config.get("MAX_IMPORT_ROWS", DEFAULT_MAX_ROWS))
    return DEFAULT_MAX_ROWS


def clean_filename(filename: str) -> str:
    """The name as it can be stored and shown: no control characters, at most 255 characters."""
    name = "".join(ch for ch in (filename or "") if ch.isprintable()).strip() or "upload"
    if len(name) <= FILENAME_LENGTH:
        return name
    stem, dot, extension = name.rpartition(".")
    extension = dot + extension if stem and len(extension) <= 10 else ""
    return name[: FILENAME_LENGTH - len(extension) - 1] + "…" + extension


def _too_many_rows(cap: int) -> ImportFileError:
    return ImportFileError(
        f"The file has more than {cap:,} data rows, the most one import takes; "
        f"split it into files of at most {cap:,} rows."
    )


def _too_many_columns() -> ImportFileError:
    return ImportFileError(f"The file has more than {MAX_COLUMNS} columns; remove the columns not needed.")


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).replace("\x00", "").strip()


def _headers(values) -> list[str]:
    headers = [_text(v) for v in values]
    while headers and not headers[-1]:
        headers.pop()
    if len(headers) > MAX_COLUMNS:
        raise _too_many_columns()
    return headers


def _read_csv(data: bytes, cap: int) -> tuple[list[str], list[tuple[int, dict]], tuple[str, ...]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportFileError(
            "The file is not UTF-8 text; save it as “CSV UTF-8” and upload it again."
        ) from None
    if "\x00" in text:
        raise ImportFileError("The file is not a CSV or XLSX file.")
    # Windows (CRLF), Unix (LF) and old Mac (CR only) line endings alike.
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text), dialect)
    headers: list[str] | None = None
    body = []
    number = 0  # the record's number, as a spreadsheet shows it (a quoted value may span lines)
    try:
        for number, values in enumerate(reader, start=1):  # noqa: B007  # read in the except below
            if headers is None:
                headers = _headers(values)
                continue
            if not any(v.strip() for v in values):
                continue
            if len(values) > len(headers) and any(v.strip() for v in values[len(headers) :]):
                raise ImportFileError(f"Row {number} has more values than there are columns.")
            if len(body) == cap:
                raise _too_many_rows(cap)
            body.append(
                (number, {h: (values[i].strip() if i < len(values) else "") for i, h in enumerate(headers)})
            )
    except csv.Error as error:
        row = number + 1
        if "field larger than field limit" in str(error):
            raise ImportFileError(
                f"Row {row}: a value is longer than {MAX_FIELD_CHARS:,} characters, the most a cell may hold."
            ) from None
        raise ImportFileError(f"Row {row}: the CSV file is malformed ({error}).") from None
    return headers or [], body, ()


def _check_package(data: bytes) -> None:
    """Refuse a workbook that unpacks to too much, or whose XML declares a DTD, before openpyxl reads it."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            members = package.infolist()
            if sum(member.file_size for member in members) > MAX_UNPACKED_BYTES:
                raise ImportFileError(
                    f"The workbook unpacks to more than {MAX_UNPACKED_BYTES // 1024 // 1024} MB; "
                    "save its first sheet alone, or as CSV."
                )
            for member in members:
                if member.filename.endswith((".xml", ".rels")):
                    with package.open(member) as part:
                        # A DTD can only come before the root element: the start of the part.
                        if DTD.search(part.read(65_536)):
                            raise ImportFileError(
                                "The workbook contains an XML document type declaration (DTD), which is "
                                "refused for safety; save it again from Excel or LibreOffice."
                            )
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, NotImplementedError, RuntimeError):
        raise ImportFileError("The file is not a readable XLSX workbook.") from None


def _xlsx_header(sheet) -> tuple[int, list[str]]:
    """The first row with a value (within the first MAX_HEADER_ROW rows) is the header row."""
    for number, values in enumerate(sheet.iter_rows(max_row=MAX_HEADER_ROW, values_only=True), 1):
        if any(_text(v) for v in values):
            return number, _headers(values)
    return 0, []


def _xlsx_rows(sheet, cap: int, header_row: int, headers: list[str], notes: list[str]):
    """The data rows below the header, only as wide as the header: a stray cell in column XFD adds nothing."""
    blank_run = 0
    body = []
    first = header_row + 1
    rows = sheet.iter_rows(min_row=first, max_col=len(headers), values_only=True)
    for number, values in enumerate(rows, first):
        texts = [_text(v) for v in values]
        if not any(texts):
            blank_run += 1
            if blank_run >= MAX_BLANK_RUN:
                notes.append(
                    f"Reading stopped at row {number}, after {MAX_BLANK_RUN:,} blank rows in a row; "
                    "anything below was not read."
                )
                break
            continue
        blank_run = 0
        if len(body) == cap:
            raise _too_many_rows(cap)
        body.append((number, {h: (texts[i] if i < len(texts) else "") for i, h in enumerate(headers) if h}))
    return body


def _workbook_error(error: BaseException) -> ImportFileError:
    """The message for openpyxl's failure, which often wraps the XML parser's in a ValueError."""
    while error is not None:
        if isinstance(error, DefusedXmlException):
            return ImportFileError(
                "The workbook's XML declares entities, which are refused for safety; "
                "save it again from Excel or LibreOffice."
            )
        if isinstance(error, ParseError):
            return ImportFileError(
                f"The file is not a readable XLSX workbook: its XML is malformed ({error})."
            )
        error = error.__cause__ or error.__context__
    return ImportFileError("The file is not a readable XLSX workbook.")


def _read_xlsx(data: bytes, cap: int) -> tuple[list[str], list[tuple[int, dict]], tuple[str, ...]]:
    _check_package(data)
    notes: list[str] = []
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            if not workbook.worksheets:
                raise ImportFileError("The workbook has no worksheet.")
            sheet = workbook.worksheets[0]
            # The dimension written in the file is not trusted: a sheet claiming A1:XFD1048576 would
            # otherwise be padded out to a million rows of 16,384 cells.
            sheet.reset_dimensions()
            header_row, headers = _xlsx_header(sheet)
            body = _xlsx_rows(sheet, cap, header_row, headers, notes) if headers else []
        finally:
            workbook.close()
    except ImportFileError:
        raise
    except Exception as error:  # openpyxl fails on a damaged package in many ways (KeyError, TypeError, ...)
        raise _workbook_error(error) from None
    return headers, body, tuple(notes)


def read_table(filename: str, data: bytes, *, row_cap: int | None = None) -> Table:
    """Parse an uploaded CSV or XLSX file (judged by its name and its content), within the bounds above."""
    name = (filename or "").lower()
    if not name.endswith(EXTENSIONS):
        raise ImportFileError(f"“{filename}” is not a CSV or XLSX file. Upload a .csv or .xlsx file.")
    if not data:
        raise ImportFileError("The file is empty.")
    is_zip = data[:4] == b"PK\x03\x04"
    if name.endswith(".xlsx") and not is_zip:
        raise ImportFileError(f"“{filename}” is not a real XLSX workbook.")
    if name.endswith(".csv") and is_zip:
        raise ImportFileError(
            f"“{filename}” is a workbook, not a CSV file; name it .xlsx or export it as CSV."
        )
    cap = max_rows() if row_cap is None else row_cap
    headers, rows, notes = _read_xlsx(data, cap) if is_zip else _read_csv(data, cap)
    if not headers:
        raise ImportFileError("The file has no header row.")
    return Table(filename=filename, headers=headers, rows=rows, notes=notes)
