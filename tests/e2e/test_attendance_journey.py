"""The "Done when" of issue 16 in a real browser: import Indico registrants for an event, import the Zoom
participant report, and see the plenary sentence on the event page change; then the people and the
certificate that follow from it. Files in Indico's and Zoom's own layouts (tests/events/data)."""

import io
import re
from pathlib import Path

from pypdf import PdfReader

DATA = Path(__file__).resolve().parent.parent / "events" / "data"


def sentence(page) -> str:
    return page.locator("#attendance-sentence").inner_text()


def test_indico_then_zoom_changes_the_sentence_and_yields_people_and_certificates(open_as, live_server):
    watched = open_as("editor")
    page = watched.page
    page.goto(f"{live_server}/events/new")
    page.get_by_label("Kind").select_option(label="Annual meeting")
    page.get_by_label("Title").fill("Annual meeting of the 24/7 Network, hybrid")
    page.get_by_label("Start date").fill("2024-10-18")
    page.get_by_label("End date").fill("2024-10-18")
    page.get_by_label("Format").select_option(label="Hybrid")
    page.get_by_role("button", name=re.compile("Save|Create")).click()
    page.wait_for_url(re.compile(r"/events/\d+$"))
    event_url = page.url

    # 1. the Indico registrant export; "Checked in" decides for the online registrants too this time
    page.get_by_role("link", name="Import…").click()
    page.get_by_label("CSV or XLSX file").set_input_files(str(DATA / "indico_registrants_sample.csv"))
    page.get_by_role("button", name="Upload and check").click()
    page.wait_for_url(re.compile(r"/imports/\d+$"))
    page.get_by_role("button", name="Let “Checked in” decide for online registrants too").click()
    page.get_by_role("button", name=re.compile(r"Import \d+ row")).click()
    page.wait_for_url(re.compile(r"/events/\d+"))
    before = sentence(page)
    assert before.startswith("4 delegates (all in person)"), before

    # 2. the Zoom participant report: the host is no participant, ignored by hand in the preview
    page.get_by_role("link", name="Import a Zoom or Teams report…").click()
    page.get_by_label("CSV or XLSX file").set_input_files(str(DATA / "zoom_participants.csv"))
    page.get_by_role("button", name="Upload and check").click()
    page.wait_for_url(re.compile(r"/imports/\d+$"))
    page.get_by_label("Meaning of Meeting Host <host@secretariat.example.org>").select_option(value="ignore")
    page.get_by_role("button", name="Save choices").click()
    page.get_by_role("button", name=re.compile(r"Import \d+ row")).click()
    page.wait_for_url(re.compile(r"/events/\d+"))
    after = sentence(page)
    assert after != before and after.startswith("6 delegates (4 in person and 2 online)"), after

    # 3. the online delegate is a person with this meeting, and gets a certificate saying "online"
    page.goto(f"{live_server}/people/?q=joao")
    page.get_by_role("link", name="Joao Silva").click()
    meetings = page.locator("#meetings").locator("xpath=..").inner_text()
    assert "Annual meeting of the 24/7 Network, hybrid" in meetings and "Online" in meetings
    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile("PDF certificate for Annual meeting")).click()
    text = PdfReader(io.BytesIO(Path(download.value.path()).read_bytes())).pages[0].extract_text()
    assert "Joao Silva" in text and "online" in text
    page.goto(event_url)
    with page.expect_download() as download:
        page.get_by_role("link", name="Certificates (ZIP)").click()
    assert download.value.suggested_filename.startswith("certificates-2024-10-18-")
    watched.assert_clean()


def test_people_and_certificate_pages_fit_a_phone(open_as, live_server):
    watched = open_as("editor", width=390)
    page = watched.page
    for path in ("/people/", "/people/1", "/people/duplicates", "/events/1/certificate-template"):
        page.goto(live_server + path)
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, path
    page.goto(live_server + "/countries/FRA")  # this feature's section of the country page
    section = page.locator("section[aria-labelledby='section-contact_point_attendance']")
    assert "Contact points at the annual meetings" in section.inner_text()
    assert section.evaluate("element => element.scrollWidth") <= 390
    watched.assert_clean()
