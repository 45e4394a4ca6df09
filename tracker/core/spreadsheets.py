"""Tabular exports: one helper for CSV and XLSX, with spreadsheet formulas neutralised.

A cell that starts with =, +, -, @, a tab or a carriage return is run as a formula by Excel and
LibreOffice; an attacker who can type into a contact point's "unit" field could otherwise make a Party's
spreadsheet fetch a URL or run a command. Such text gets a leading apostrophe-quote, as OWASP advises.
"""

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date, datetime

from flask import Response
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from tracker.core.validation import normalise_phone

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


# A phone number in international format (+41 22 345 67 89) holds no function call a spreadsheet could
# run, and is the commonest value starting with "+": in a column declared a phone column, a value made of
# phone characters only that is a valid E.164 number is written as it is. Anywhere else, "+1-1" is the
# formula it looks like.
PHONE_CHARACTERS = re.compile(r"\+[0-9][0-9 ()./-]*")


def _is_phone_number(value: str) -> bool:
    if not PHONE_CHARACTERS.fullmatch(value):
        return False
    try:
        normalise_phone(value)
    except ValueError:
        return False
    return True


def neutralise(value, *, phone: bool = False):
    """The value, with a leading apostrophe-quote if a spreadsheet would run it as a formula. `phone`:
    the value is in a phone column, where a valid international number is left as it is."""
    formula_like = isinstance(value, str) and value.startswith(FORMULA_TRIGGERS)
    if formula_like and not (phone and _is_phone_number(value)):
        return "'" + value
    return value


@dataclass
class Column:
    header: str
    width: int = 18
    phone: bool = False  # holds phone numbers: see neutralise


@dataclass
class Sheet:
    title: str
    columns: list[Column]
    rows: list[list] = field(default_factory=list)
    heading: str | None = None  # a line above the header row, e.g. "Directory version 12 of 10 Dec 2024"


def _cell(value, phone: bool = False):
    if isinstance(value, (list, tuple)):
        value = "; ".join(str(v) for v in value)
    return neutralise(value, phone=phone)


def to_csv(sheet: Sheet) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([c.header for c in sheet.columns])
    for row in sheet.rows:
        writer.writerow(
            [
                "" if v is None else (v.isoformat() if isinstance(v, (date, datetime)) else _cell(v, c.phone))
                for v, c in zip(row, _padded(sheet.columns, row), strict=False)
            ]
        )
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")  # BOM: Excel then reads UTF-8 correctly


HEADER_FILL = PatternFill("solid", fgColor="DDE6F4")


TOP_WRAP = Alignment(vertical="top", wrap_text=True)


def to_xlsx(sheets: list[Sheet]) -> bytes:
    """An XLSX workbook, streamed row by row (openpyxl's write-only mode keeps large exports fast)."""
    workbook = Workbook(write_only=True)
    for sheet in sheets:
        ws = workbook.create_sheet(title=sheet.title[:31])
        for col, column in enumerate(sheet.columns, start=1):
            ws.column_dimensions[get_column_letter(col)].width = column.width
        first = 2 if sheet.heading else 1
        ws.freeze_panes = f"A{first + 1}"
        if sheet.columns:
            last_row = max(first, first + len(sheet.rows))
            ws.auto_filter.ref = f"A{first}:{get_column_letter(len(sheet.columns))}{last_row}"
        ws.print_title_rows = f"{first}:{first}"
        _print_setup(ws)
        if sheet.heading:
            title = WriteOnlyCell(ws, value=neutralise(sheet.heading))
            title.font = Font(bold=True, size=13)
            ws.append([title])
        ws.row_dimensions[first].height = _row_height([c.header for c in sheet.columns], sheet.columns)
        ws.append([_header_cell(ws, column.header) for column in sheet.columns])
        for number, row in enumerate(sheet.rows, start=first + 1):
            columns = _padded(sheet.columns, row)
            ws.row_dimensions[number].height = _row_height(row, columns)
            ws.append([_body_cell(ws, v, c.phone) for v, c in zip(row, columns, strict=False)])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# Points per line of 11-pt text. LibreOffice and Excel do not grow a row for wrapped text written by a
# library (they only do when a person types it), so the lines would overlap: the height is set here.
LINE_HEIGHT = 15


def _print_setup(ws) -> None:
    """Printed landscape on A4, as wide as one page (as many pages tall as it takes), header row repeated
    on each page (print_title_rows): a sheet never splits its columns across pages."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.gridLines = True


def _row_height(row: list, columns: list[Column]) -> float | None:
    """Enough height for the wrapped text of the row's tallest cell (None: the default single line)."""
    lines = 1
    for value, column in zip(row, columns, strict=False):
        text = _cell(value)
        if isinstance(text, str) and text:
            per_line = max(int(column.width * 1.1), 1)  # characters of 11-pt Calibri per width unit
            wrapped = sum(max(1, -(-len(part) // per_line)) for part in text.split("\n"))
            lines = max(lines, wrapped)
    return None if lines == 1 else lines * LINE_HEIGHT


def _header_cell(ws, text: str) -> WriteOnlyCell:
    cell = WriteOnlyCell(ws, value=text)
    cell.font, cell.fill, cell.alignment = Font(bold=True), HEADER_FILL, TOP_WRAP
    return cell


def _padded(columns: list[Column], row: list) -> list[Column]:
    """The columns, lengthened with plain ones if a row is longer than the header."""
    return columns + [Column("")] * (len(row) - len(columns))


def _body_cell(ws, value, phone: bool = False) -> WriteOnlyCell:
    cell = WriteOnlyCell(ws, value=_cell(value, phone))
    cell.alignment = TOP_WRAP
    if isinstance(value, date):
        cell.number_format = "yyyy-mm-dd"
    return cell


def render(sheets: list[Sheet], fmt: str) -> bytes:
    """The file's bytes: CSV takes the first sheet; XLSX takes them all."""
    if fmt == "csv":
        return to_csv(sheets[0])
    if fmt == "xlsx":
        return to_xlsx(sheets)
    raise ValueError(f"Unknown format {fmt!r}: use csv or xlsx")


def download(sheets: list[Sheet], fmt: str, filename: str) -> Response:
    return Response(
        render(sheets, fmt),
        mimetype=FORMATS[fmt],
        # An export is confidential whoever asks for it: never kept in a browser's or a proxy's cache.
        headers={
            "Content-Disposition": f'attachment; filename="{filename}.{fmt}"',
            "Cache-Control": "no-store",
        },
    )
