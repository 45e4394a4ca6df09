"""The secretariat's journeys, end to end in Chromium against a live server with the demo data."""

import re
from pathlib import Path

from openpyxl import load_workbook


def test_editor_fixes_a_phone_number_publishes_a_version_and_downloads_it(open_as, live_server, tmp_path):
    watched = open_as("editor")
    page = watched.page
    page.goto(f"{live_server}/directory/new")
    page.get_by_label("Country", exact=True).select_option(label="Vanuatu")
    page.get_by_label("Institution").fill("Vanuatu Police Force – Cyber Unit")
    page.get_by_label("Phone").fill("+678 12")
    page.get_by_label("E-mail").fill("cyber.unit@example.org")
    page.get_by_label("Valid from").fill("2026-11-01")
    page.get_by_role("button", name=re.compile("Save|Create")).click()
    error = page.locator("#phone-error")
    assert "phone number" in error.inner_text()
    assert page.get_by_label("Institution").input_value() == "Vanuatu Police Force – Cyber Unit"  # input kept
    page.get_by_label("Phone").fill("+678 22 123")
    page.get_by_role("button", name=re.compile("Save|Create")).click()
    page.wait_for_url(re.compile(r"/directory/\d+$"))
    assert "Vanuatu Police Force – Cyber Unit" in page.content()

    page.goto(f"{live_server}/directory/releases/new")
    page.get_by_role("button", name=re.compile("Publish")).click()
    page.wait_for_url(re.compile(r"/directory/releases/\d+$"))
    assert "Vanuatu" in page.content()
    with page.expect_download() as download_info:
        page.get_by_role("link", name=re.compile("XLSX", re.I)).first.click()
    path = tmp_path / "release.xlsx"
    download_info.value.save_as(path)
    sheet = load_workbook(path).active
    values = [cell for row in sheet.iter_rows(values_only=True) for cell in row if cell]
    assert "Vanuatu Police Force – Cyber Unit" in values
    assert re.search(r"directory, version \d+ of", str(sheet["A1"].value))
    watched.assert_clean()


INDICO_CSV = Path(__file__).parent / "data" / "indico_registrants.csv"  # one country no matcher knows


def test_editor_imports_indico_registrants_resolving_a_country_by_hand(open_as, live_server, tmp_path):
    watched = open_as("editor")
    page = watched.page
    page.goto(f"{live_server}/events/new")
    page.get_by_label("Kind").select_option(label="Workshop")
    page.get_by_label("Title").fill("Regional workshop on e-evidence")
    page.get_by_label("Start date").fill("2026-09-20")
    page.get_by_label("End date").fill("2026-09-21")
    page.get_by_label("Format").select_option(label="Hybrid")
    page.get_by_role("button", name=re.compile("Save|Create")).click()
    page.wait_for_url(re.compile(r"/events/\d+$"))

    page.get_by_role("link", name="Import…").click()
    page.get_by_label("CSV or XLSX file").set_input_files(str(INDICO_CSV))
    page.get_by_role("button", name="Upload and check").click()
    page.wait_for_url(re.compile(r"/imports/\d+$"))
    assert "Sakartvelo" in page.content()  # cannot be resolved: shown, never guessed
    page.get_by_label("Meaning of Sakartvelo").select_option(label="Country: Georgia")
    page.get_by_role("button", name="Save choices").click()
    page.get_by_role("button", name=re.compile(r"Import \d+ row")).click()
    page.wait_for_url(re.compile(r"/events/\d+"))
    text = page.locator("body").inner_text()
    assert "Imported 5 row(s)" in text  # the pending registration is skipped
    assert "5 delegates (4 in person and 1 online), representing 4 countries (4 Parties)" in text
    assert "and 1 international organisation" in text
    watched.assert_clean()


def test_viewer_sees_no_edit_controls_and_is_refused_on_an_edit_url(open_as, live_server):
    watched = open_as("viewer")
    page = watched.page
    page.goto(f"{live_server}/directory/")
    assert page.get_by_role("link", name=re.compile("New contact point|Import", re.I)).count() == 0
    page.goto(f"{live_server}/events/")
    assert page.get_by_role("link", name=re.compile("New event", re.I)).count() == 0
    response = page.goto(f"{live_server}/directory/1/edit")
    assert response.status == 403
    assert "You do not have permission" in page.content()
    response = page.goto(f"{live_server}/events/new")
    assert response.status == 403


def test_editor_logs_an_activity_from_an_event_page(open_as, live_server):
    watched = open_as("editor")
    page = watched.page
    page.goto(f"{live_server}/events/?kind=study_visit")
    page.get_by_role("link", name=re.compile("Study visit of Ecuador")).first.click()
    page.wait_for_url(re.compile(r"/events/\d+$"))
    event_url = page.url
    page.get_by_role("link", name=re.compile("Log an activity")).click()
    page.wait_for_url(re.compile(r"/activities/new\?event_id=\d+"))
    chosen = page.get_by_role("list", name="Chosen: Beneficiary countries")
    assert "Ecuador ×" in chosen.get_by_role("button").all_inner_texts()  # filled in from the event
    page.get_by_label("Title").fill("Follow-up of the study visit: templates and procedures")
    page.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_url(re.compile(r"/activities/\d+$"))
    body = page.locator("main").inner_text()
    assert "Follow-up of the study visit" in body and "Ecuador" in body
    assert "Study visit of Ecuador" in body  # linked to its event
    page.goto(event_url)
    watched.assert_clean()


SEED_FIGURES = [
    "12 updated versions shared with the Network",
    "Parties with contact points: 76 of 76",
    "Parties with more than 1 contact point: 12",
    "Police",
    "65",
    "Prosecution",
    "16",
    "Côte d'Ivoire: BCN-Interpol Abidjan",
    "94 delegates (81 in person and 13 online), representing 59 countries (48 Parties and 11 Observers) "
    "and 4 international organisations",
    "55/76 Parties provided input",
]


def test_editor_produces_the_plenary_report_and_downloads_it(open_as, live_server, tmp_path):
    watched = open_as("editor")
    page = watched.page
    page.goto(f"{live_server}/")
    page.get_by_role("link", name="Plenary report").click()
    page.get_by_label("From", exact=True).fill("2024-06-21")
    page.get_by_label("To", exact=True).fill("2024-12-10")
    page.get_by_role("button", name="Show").click()
    page.wait_for_selector(".chart svg.main-svg")
    text = page.locator("main").inner_text()
    for figure in SEED_FIGURES:
        assert figure in text, figure
    for link, suffix in (("PowerPoint", ".pptx"), ("Excel workbook", ".xlsx")):
        with page.expect_download() as download_info:
            page.get_by_role("link", name=link).click()
        path = tmp_path / download_info.value.suggested_filename
        download_info.value.save_as(path)
        assert path.suffix == suffix and path.read_bytes()[:2] == b"PK"
    from pptx import Presentation

    deck = Presentation(str(next(tmp_path.glob("*.pptx"))))
    assert any(shape.has_chart for slide in deck.slides for shape in slide.shapes)
    watched.assert_clean()
