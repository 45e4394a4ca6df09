"""HTML, JSON, XLSX and PPTX of one plenary report show the same items: every figure, every list (in the
same reading order), the place of each meeting, the open action items. And they present and print: PPTX
axes from zero with numbers on every chart, 16 pt text at least, one title position; XLSX landscape, one
page wide, header rows repeated, rows as tall as their wrapped text. Where LibreOffice (`soffice`) is
installed, both files are converted to PDF and the pages checked."""

import html
import io
import re
import shutil
import subprocess

import pytest
from openpyxl import load_workbook
from pptx import Presentation
from pptx.util import Pt

from tests.reports.test_plenary import PERIOD
from tracker.core.collation import name_key
from tracker.demo import load_demo
from tracker.extensions import db

SOFFICE = shutil.which("soffice")


@pytest.fixture
def renderings(client, login_as, app):
    load_demo()
    db.session.commit()
    login_as("viewer")

    def get(fmt: str | None):
        query = PERIOD | ({"format": fmt} if fmt else {})
        response = client.get("/reports/plenary", query_string=query)
        assert response.status_code == 200, fmt
        return response

    page = html.unescape(re.sub(r"<[^>]+>", " ", get(None).get_data(as_text=True)))
    return {
        "html": " ".join(page.split()),
        "json": get("json").get_json(),
        "xlsx": load_workbook(io.BytesIO(get("xlsx").data)),
        "pptx_bytes": get("pptx").data,
        "xlsx_bytes": get("xlsx").data,
    }


def sheet_rows(workbook, title: str) -> list[tuple]:
    return list(workbook[title].iter_rows(min_row=3, values_only=True))


def deck_text(deck) -> str:
    return " ".join(
        shape.text_frame.text for slide in deck.slides for shape in slide.shapes if shape.has_text_frame
    )


def charts(deck) -> list:
    return [shape.chart for slide in deck.slides for shape in slide.shapes if shape.has_chart]


def test_every_figure_and_list_is_the_same_in_the_four_formats(renderings):
    report, page, workbook = renderings["json"], renderings["html"], renderings["xlsx"]
    deck = Presentation(io.BytesIO(renderings["pptx_bytes"]))
    slides = " ".join(deck_text(deck).split())

    # figures of the summary
    summary = {row[0]: row[1] for row in sheet_rows(workbook, "Summary")}
    assert summary["Parties to the Convention"] == report["parties"]
    assert summary["Parties with a contact point"] == report["parties_with_contact_point"]
    assert (
        summary["Parties with more than one contact point"] == report["parties_with_multiple_contact_points"]
    )
    assert summary["Directory versions shared with the Network"] == report["directory_releases"]["count"]
    for text in (page, slides):
        assert (
            f"Parties with contact points: {report['parties_with_contact_point']} of {report['parties']}"
            in text
        )
        assert f"{report['directory_releases']['count']} updated versions" in text

    # contact points by type: JSON = XLSX sheet = PPTX bar chart = HTML table
    types = {row[0]: row[1] for row in sheet_rows(workbook, "Contact point types")}
    assert list(types.values()) == list(report["contact_points_by_type"].values())
    bar = charts(deck)[0].plots[0]
    assert dict(zip(bar.categories, bar.series[0].values, strict=True)) == {
        k: float(v) for k, v in types.items()
    }
    for label, n in types.items():
        assert f"{label} {n}" in page

    # the countries whose entries changed, in reading order everywhere
    released = sheet_rows(workbook, "Directory versions")
    assert [iso3 for iso3, _ in released] == report["directory_releases"]["countries"]
    names = [name for _, name in released]
    assert names == sorted(names, key=name_key)
    assert names.index("Cameroon") < names.index("Côte d'Ivoire") < names.index("Spain")
    for text in (page, slides):
        assert ", ".join(names) in text

    # new contact points
    new = sheet_rows(workbook, "New contact points")
    assert [(iso3, inst) for iso3, _, inst in new] == [
        (p["country"], p["institution"]) for p in report["new_contact_points"]
    ]
    for _, name, institution in new:
        assert f"{name}: {institution}" in page and f"{name}: {institution}" in slides

    # capacity building: same titles, same countries, in reading order
    activities = sheet_rows(workbook, "Capacity building")
    assert [row[1] for row in activities] == [a["title"] for a in report["activities"]]
    for row, activity in zip(activities, report["activities"], strict=True):
        assert row[3] == ("; ".join(activity["beneficiaries"]) or None)
        assert activity["beneficiaries"] == sorted(activity["beneficiaries"], key=name_key)
        assert activity["title"] in page and activity["title"] in slides

    # meetings: figures, place, the updates by new members, good practices, conclusions
    meetings = sheet_rows(workbook, "Meetings")
    assert len(meetings) == len(report["meetings"]) > 0
    for row, meeting in zip(meetings, report["meetings"], strict=True):
        assert meeting["place"]
        assert row[2] == meeting["place"] and f"At {meeting['place']}:" in meeting["sentence"]
        assert list(row[3:10]) == [
            meeting[key]
            for key in (
                "delegates",
                "in_person",
                "online",
                "countries",
                "parties",
                "observers",
                "organisations",
            )
        ]
        assert row[10] == meeting["sentence"]
        assert row[11] == ("; ".join(meeting["new_member_updates"]) or None)
        assert row[12] == ("; ".join(meeting["good_practices"]) or None)
        assert (row[13] or "").split("\n") == (meeting["conclusions"] or [""])
        for text in (page, slides):
            assert meeting["sentence"] in text
            if meeting["new_member_updates"]:
                assert "Updates by new members: " + ", ".join(meeting["new_member_updates"]) in text
            if meeting["good_practices"]:
                assert "Good practices: " + ", ".join(meeting["good_practices"]) in text
            for conclusion in meeting["conclusions"]:
                assert conclusion in text
    attendance = [c for c in charts(deck) if list(c.plots[0].categories) == ["In person", "Online"]]
    assert [tuple(c.plots[0].series[0].values) for c in attendance] == [
        (float(m["in_person"]), float(m["online"])) for m in report["meetings"]
    ]

    # open action items: the summary's count is the number listed, in every format
    listed = sheet_rows(workbook, "Action items")
    outstanding = report["action_items"]["open"] + report["action_items"]["in_progress"]
    assert summary["Open action items (open or in progress)"] == len(listed) == outstanding
    assert f"Open action items ({outstanding})" in page and f"Open action items ({outstanding})" in slides
    for title, *_ in listed:
        assert title in page and title in slides

    # the complementary directory
    provided, parties = report["authorities"]["provided_input"], report["authorities"]["parties"]
    complementary = {row[0]: row[1] for row in sheet_rows(workbook, "Complementary directory")}
    assert complementary["Provided input"] == provided and complementary["Parties"] == parties
    for text in (page, slides):
        assert f"{provided}/{parties} Parties provided input" in text


def test_the_deck_presents_to_a_room(renderings):
    deck = Presentation(io.BytesIO(renderings["pptx_bytes"]))
    titles = {(s.shapes.title.left, s.shapes.title.top, s.shapes.title.width) for s in list(deck.slides)[1:]}
    assert len(titles) == 1, titles
    sizes = [
        paragraph.font.size
        for slide in list(deck.slides)[1:]
        for shape in slide.shapes
        if shape.has_text_frame and shape.shape_id != slide.shapes.title.shape_id
        for paragraph in shape.text_frame.paragraphs
    ]
    assert sizes and min(sizes) >= Pt(16)
    for chart in charts(deck):
        assert chart.plots[0].has_data_labels and chart.plots[0].data_labels.show_value
        if chart.chart_type not in (-4120, 5):  # doughnut, pie: no value axis
            assert chart.value_axis.minimum_scale == 0
    assert any(c.chart_type == -4120 for c in charts(deck))  # the doughnut is among them, labelled


def test_the_workbook_prints(renderings):
    workbook = renderings["xlsx"]
    for sheet in workbook.worksheets:
        assert sheet.page_setup.orientation == "landscape", sheet.title
        assert sheet.sheet_properties.pageSetUpPr.fitToPage and sheet.page_setup.fitToWidth == 1
        assert sheet.print_title_rows == "$2:$2", sheet.title
    meetings = workbook["Meetings"]
    assert meetings.row_dimensions[3].height and meetings.row_dimensions[3].height > 15


def _pdf(data: bytes, suffix: str, tmp_path) -> list[str]:
    from pypdf import PdfReader

    source = tmp_path / f"report.{suffix}"
    source.write_bytes(data)
    subprocess.run(  # noqa: S603 - a fixed program on our own file
        [SOFFICE, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
        check=True,
        capture_output=True,
        timeout=180,
        env={"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"},
    )
    return [page.extract_text() or "" for page in PdfReader(tmp_path / "report.pdf").pages]


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_prints_each_sheet_at_most_two_pages_wide(renderings, tmp_path):
    """Each sheet alone, converted by LibreOffice: its first page holds the first and the last column's
    headers (so it is one page wide), and the sheet takes few pages."""
    workbook = renderings["xlsx"]
    for title in workbook.sheetnames:
        single = load_workbook(io.BytesIO(renderings["xlsx_bytes"]))
        for other in [name for name in single.sheetnames if name != title]:
            del single[other]
        buffer = io.BytesIO()
        single.save(buffer)
        folder = tmp_path / re.sub(r"\W+", "-", title)
        folder.mkdir()
        pages = _pdf(buffer.getvalue(), "xlsx", folder)
        headers = [c.value for c in workbook[title][2] if c.value]
        first = " ".join(pages[0].split())
        assert headers[0] in first and headers[-1].split()[0] in first, (title, first[:200])
        rows = workbook[title].max_row
        assert len(pages) <= 2 * max(1, -(-rows // 20)), (title, len(pages))


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_renders_one_page_per_slide(renderings, tmp_path):
    deck = Presentation(io.BytesIO(renderings["pptx_bytes"]))
    pages = _pdf(renderings["pptx_bytes"], "pptx", tmp_path)
    assert len(pages) == len(deck.slides)
    assert "Functioning of the 24/7 Network" in " ".join(pages[0].split())
