"""Hostile and broken upload files: each is refused with a message (or read correctly), never a 500.

Every file is made here. Before this suite the uploads below gave HTTP 500 (long CSV values, CR-only line
endings, malformed sheet XML, DTD entities, a 300-character file name on PostgreSQL) or took minutes and
gigabytes (a sheet whose dimension claims a million rows); and each upload was parsed three times.
"""

import io
import time
import zipfile

import pytest
from flask import before_render_template, template_rendered
from openpyxl import Workbook
from sqlalchemy import event, func, select

from tracker.core import import_files
from tracker.core.import_files import MAX_BLANK_RUN, MAX_FIELD_CHARS, ImportFileError, read_table
from tracker.countries.models import Organisation
from tracker.extensions import db
from tracker.imports.models import BatchStatus, ImportBatch

SHEET = "xl/worksheets/sheet1.xml"
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def xlsx_with_sheet(sheet_xml: str, *, parts: dict[str, bytes] | None = None) -> bytes:
    """A real workbook made by openpyxl whose first sheet's XML is `sheet_xml` (and other parts replaced)."""
    buffer = io.BytesIO()
    Workbook().save(buffer)
    replaced = {SHEET: sheet_xml.encode(), **(parts or {})}
    out = io.BytesIO()
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        names = source.namelist()
        for name in names:
            target.writestr(name, replaced.get(name, source.read(name)))
        for name, data in replaced.items():
            if name not in names:
                target.writestr(name, data)
    return out.getvalue()


def cell(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def sheet(rows: str, *, dimension: str = "A1:B3", prolog: str = "") -> str:
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>{prolog}'
        f'<worksheet xmlns="{MAIN}"><dimension ref="{dimension}"/><sheetData>{rows}</sheetData></worksheet>'
    )


HEADER = f'<row r="1">{cell("A1", "Name")}{cell("B1", "Kind")}</row>'
DATA = f'<row r="2">{cell("A2", "Europol")}{cell("B2", "network")}</row>'
BOMB = (
    '<!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa">'
    + "".join(f'<!ENTITY {n} "{("&" + p + ";") * 10}">' for p, n in zip("abcdefgh", "bcdefghi", strict=True))
    + "]>"
)
EXTERNAL = '<!DOCTYPE worksheet [<!ENTITY x SYSTEM "file:///etc/passwd">]>'


def upload(client, data: bytes, filename: str, kind: str = "organisations"):
    return client.post(
        f"/imports/{kind}/new",
        data={"file": (io.BytesIO(data), filename)},
        content_type="multipart/form-data",
    )


def batches() -> int:
    return db.session.scalar(select(func.count(ImportBatch.id)))


# -- refused, with a message, through the upload page ------------------------------------------------
REFUSED = [
    (
        "long.csv",
        b"Name\n" + b"x" * (MAX_FIELD_CHARS + 1) + b"\n",
        f"Row 2: a value is longer than {MAX_FIELD_CHARS:,}",
    ),
    ("bad.xlsx", xlsx_with_sheet(sheet(HEADER + "<row r='2'><c r='A2'")), "its XML is malformed"),
    (
        "bomb.xlsx",
        xlsx_with_sheet(sheet(HEADER + f'<row r="2">{cell("A2", "&i;")}</row>', prolog=BOMB)),
        "DTD",
    ),
    (
        "xxe.xlsx",
        xlsx_with_sheet(sheet(HEADER + f'<row r="2">{cell("A2", "&x;")}</row>', prolog=EXTERNAL)),
        "DTD",
    ),
    (
        # the DTD after 70 KB of comment, beyond the scan of the part's start: defusedxml refuses it
        "late-bomb.xlsx",
        xlsx_with_sheet(
            sheet(
                HEADER + f'<row r="2">{cell("A2", "&i;")}</row>', prolog="<!--" + "x" * 70_000 + "-->" + BOMB
            )
        ),
        "declares entities",
    ),
    (
        "types.xlsx",
        xlsx_with_sheet(sheet(HEADER), parts={"[Content_Types].xml": b"<Types/>"}),
        "readable XLSX",
    ),
    (
        "nosheet.xlsx",
        xlsx_with_sheet(
            sheet(HEADER),
            parts={"xl/workbook.xml": f'<workbook xmlns="{MAIN}"><sheets/></workbook>'.encode()},
        ),
        "no worksheet",
    ),
    ("wide.csv", (",".join(f"c{i}" for i in range(501)) + "\nx\n").encode(), "more than 500 columns"),
]


@pytest.mark.parametrize(("filename", "data", "message"), REFUSED)
def test_bad_files_are_refused_with_a_message_and_nothing_is_kept(client, login_as, filename, data, message):
    login_as("editor")
    response = upload(client, data, filename)
    assert response.status_code == 200
    assert message in response.get_data(as_text=True)
    assert batches() == 0


def test_a_dtd_entity_is_refused_not_expanded():
    data = xlsx_with_sheet(sheet(HEADER + f'<row r="2">{cell("A2", "&x;")}</row>', prolog=EXTERNAL))
    with pytest.raises(ImportFileError, match="document type declaration"):
        read_table("x.xlsx", data)
    # and without the scan, by openpyxl's XML parser (defusedxml): an entity is never expanded
    late = xlsx_with_sheet(
        sheet(HEADER + f'<row r="2">{cell("A2", "&i;")}</row>', prolog="<!--" + "x" * 70_000 + "-->" + BOMB)
    )
    with pytest.raises(ImportFileError, match="declares entities"):
        read_table("x.xlsx", late)


def test_a_workbook_that_unpacks_too_far_is_refused(monkeypatch):
    monkeypatch.setattr(import_files, "MAX_UNPACKED_BYTES", 1_000_000)
    data = xlsx_with_sheet(sheet(HEADER + DATA), parts={"xl/padding.bin": b"\0" * 2_000_000})
    assert len(data) < 100_000
    with pytest.raises(ImportFileError, match="unpacks to more than"):
        read_table("zip.xlsx", data)


# -- read correctly ----------------------------------------------------------------------------------
EXPECTED = [(2, {"Name": "Europol", "Kind": "network"}), (3, {"Name": "INTERPOL", "Kind": ""})]


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
@pytest.mark.parametrize("bom", ["", "\ufeff"])
def test_csv_line_endings_and_bom(newline, bom):
    data = (bom + newline.join(["Name,Kind", "Europol,network", "INTERPOL,", ""])).encode()
    table = read_table("o.csv", data)
    assert table.headers == ["Name", "Kind"] and table.rows == EXPECTED


def test_a_long_csv_value_is_read_whole():
    value = "x" * 200_000  # over the csv module's default limit of 131,072
    assert read_table("o.csv", f"Name\n{value}\n".encode()).rows == [(2, {"Name": value})]


def test_a_sheet_claiming_a_million_rows_is_read_fast():
    last = 1_048_576
    rows = HEADER + DATA + f'<row r="{last}"><c r="XFD{last}"/></row>'
    data = xlsx_with_sheet(sheet(rows, dimension=f"A1:XFD{last}"))
    assert len(data) < 10_000
    start = time.perf_counter()
    table = read_table("million.xlsx", data)
    assert time.perf_counter() - start < 2
    assert table.rows == [(2, {"Name": "Europol", "Kind": "network"})]


def test_reading_stops_after_a_long_run_of_blank_rows_and_says_so():
    blanks = "".join(f'<row r="{n}"/>' for n in range(3, MAX_BLANK_RUN + 10))
    after = f'<row r="{MAX_BLANK_RUN + 20}">{cell(f"A{MAX_BLANK_RUN + 20}", "Lost")}</row>'
    table = read_table("blank.xlsx", xlsx_with_sheet(sheet(HEADER + DATA + blanks + after)))
    assert [number for number, _ in table.rows] == [2]
    assert "Reading stopped at row" in table.notes[0]


# -- the row cap ---------------------------------------------------------------------------------------
def test_row_cap_refuses_the_file_naming_the_cap_and_stops_reading(app, client, login_as):
    app.config["MAX_IMPORT_ROWS"] = 100
    login_as("editor")
    rows = ["Name"] + [f"Organisation {i}" for i in range(101)]
    # a broken value after row cap + 1: reading stopped before it, so the cap is what is reported
    data = ("\n".join(rows) + "\n" + "x" * (MAX_FIELD_CHARS + 1) + "\n").encode()
    response = upload(client, data, "many.csv")
    assert response.status_code == 200
    assert "more than 100 data rows" in response.get_data(as_text=True)
    assert batches() == 0
    blank_lines = "\n" * 5000  # blank rows do not count
    assert len(read_table("o.csv", ("\n".join(rows[:101]) + blank_lines).encode(), row_cap=100).rows) == 100


def test_row_cap_in_a_workbook():
    rows = HEADER + "".join(f'<row r="{n}">{cell(f"A{n}", f"Org {n}")}</row>' for n in range(2, 13))
    with pytest.raises(ImportFileError, match="more than 10 data rows"):
        read_table("o.xlsx", xlsx_with_sheet(sheet(rows)), row_cap=10)


# -- names, parsing once, no query in the page -------------------------------------------------------
def test_a_long_file_name_with_control_characters_is_stored_shortened(client, login_as):
    login_as("editor")
    name = "a\x00b\x1b" + "x" * 300 + ".csv"
    response = upload(client, b"Name\nEuropol\n", name)
    assert response.status_code == 302
    batch = db.session.scalar(select(ImportBatch))
    assert (
        len(batch.filename) == 255 and batch.filename.startswith("abx") and batch.filename.endswith("….csv")
    )
    assert client.get(response.location).status_code == 200


@pytest.fixture
def reader_calls(monkeypatch):
    calls = []
    for name in ("_read_csv", "_read_xlsx"):
        original = getattr(import_files, name)

        def counted(*args, _original=original, _name=name, **kwargs):
            calls.append(_name)
            return _original(*args, **kwargs)

        monkeypatch.setattr(import_files, name, counted)
    return calls


@pytest.mark.parametrize("filename", ["orgs.csv", "orgs.xlsx"])
def test_a_file_is_parsed_once_for_upload_preview_and_confirm(client, login_as, reader_calls, filename):
    login_as("editor")
    if filename.endswith(".csv"):
        data = b"Name,Kind\nEuropol,network\nUNODC,\n"
    else:
        data = xlsx_with_sheet(sheet(HEADER + DATA + f'<row r="3">{cell("A3", "UNODC")}</row>'))
    response = upload(client, data, filename)
    assert response.status_code == 302 and len(reader_calls) == 1
    assert "Import 2 row(s)" in client.get(response.location).get_data(as_text=True)
    assert "Import 2 row(s)" in client.get(response.location).get_data(as_text=True)
    batch = db.session.scalar(select(ImportBatch))
    client.post(f"/imports/{batch.id}/confirm")
    db.session.refresh(batch)
    assert batch.status == BatchStatus.DONE and batch.rows_written == 2
    assert db.session.scalar(select(func.count(Organisation.id))) == 2
    assert len(reader_calls) == 1


def test_the_preview_page_runs_no_query_while_rendering(app, client, login_as):
    """Values to resolve by hand (unknown countries) are computed by the service, not by the template."""
    login_as("editor")
    data = (
        b"Country,Institution,Type,Valid from\n"
        + b"Narnia,P,police,2024-01-01\nAtlantis,P,police,2024-01-01\n"
    )
    location = upload(client, data, "directory.csv", kind="directory").location
    rendering, queries = [False], []

    def before(sender, **extra):
        rendering[0] = True

    def after(sender, **extra):
        rendering[0] = False

    def on_query(*args):
        if rendering[0]:
            queries.append(args[2])

    before_render_template.connect(before, app)
    template_rendered.connect(after, app)
    event.listen(db.engine, "before_cursor_execute", on_query)
    try:
        body = client.get(location).get_data(as_text=True)
    finally:
        event.remove(db.engine, "before_cursor_execute", on_query)
        before_render_template.disconnect(before, app)
        template_rendered.disconnect(after, app)
    assert "Values to resolve by hand" in body and "Narnia" in body
    assert [q for q in queries if "sessions" not in q] == []


def test_the_header_is_the_first_row_with_a_value_and_stray_wide_cells_add_nothing():
    rows = (
        f'<row r="3">{cell("A3", "Name")}{cell("B3", "Kind")}</row>'
        + f'<row r="4">{cell("A4", "Europol")}{cell("B4", "network")}<c r="XFD4"><v>1</v></c></row>'
    )
    table = read_table("o.xlsx", xlsx_with_sheet(sheet(rows, dimension="A1:XFD4")))
    assert table.headers == ["Name", "Kind"]
    assert table.rows == [(4, {"Name": "Europol", "Kind": "network"})]
