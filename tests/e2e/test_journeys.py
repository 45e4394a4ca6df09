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
