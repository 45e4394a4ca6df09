import csv
import io
from datetime import date

from openpyxl import load_workbook

from tracker.core.spreadsheets import Column, Sheet, neutralise, to_csv, to_xlsx

PAYLOADS = ['=HYPERLINK("http://evil.example","x")', "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)", "\tx", "\rx"]


def test_formulas_are_neutralised():
    for payload in PAYLOADS:
        assert neutralise(payload) == "'" + payload
    assert neutralise("Police") == "Police" and neutralise(3) == 3 and neutralise(None) is None


def sheet() -> Sheet:
    return Sheet(
        title="Directory",
        heading="Directory version 12 of 10 Dec 2024",
        columns=[Column("Country", 20), Column("Unit", 40), Column("Since", 12)],
        rows=[["Benin", PAYLOADS[0], date(2024, 7, 1)], ["Fiji", ["a", "b"], None]],
    )


def test_xlsx_has_heading_frozen_header_widths_and_safe_cells():
    ws = load_workbook(io.BytesIO(to_xlsx([sheet()]))).active
    assert ws["A1"].value == "Directory version 12 of 10 Dec 2024"
    assert [c.value for c in ws[2]] == ["Country", "Unit", "Since"]
    assert ws.freeze_panes == "A3"
    assert ws.column_dimensions["B"].width == 40
    assert ws["B3"].value.startswith("'=") and ws["B3"].data_type == "s"
    assert ws["C3"].value.date() == date(2024, 7, 1)
    assert ws["B4"].value == "a; b"


def test_csv_has_header_then_rows():
    rows = list(csv.reader(io.StringIO(to_csv(sheet()).decode("utf-8-sig"))))
    assert rows[0] == ["Country", "Unit", "Since"]
    assert rows[1] == ["Benin", "'" + PAYLOADS[0], "2024-07-01"]
