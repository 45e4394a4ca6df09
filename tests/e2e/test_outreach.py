"""The outreach journey in Chromium: an editor starts a campaign, the contact point opens the link from the
mail a real SMTP server captured, corrects its phone number, the editor accepts, the country page shows it."""

import re
from datetime import date
from pathlib import Path

import pytest

from tests.e2e.conftest import CHROMIUM, DEMO_PASSWORDS, Watched
from tests.live import live_app, migrate_and_load_demo, serving
from tests.outreach.smtp import SMTPServer


@pytest.fixture(scope="module")
def outreach_live(tmp_path_factory):
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is not installed")
    smtp = SMTPServer()
    smtp.controller.start()
    app = live_app(
        tmp_path_factory.mktemp("outreach") / "live.sqlite", MAIL_SERVER="127.0.0.1", MAIL_PORT=smtp.port
    )
    migrate_and_load_demo(app)
    try:
        with serving(app) as base:
            yield app, base, smtp
    finally:
        smtp.controller.stop()


def test_campaign_link_correction_review_and_country_page(browser, outreach_live, screenshots):
    from tracker.core.mail_sending import mail_send_pending

    app, base, smtp = outreach_live
    editor_context = browser.new_context(viewport={"width": 1280, "height": 900})
    editor = Watched(editor_context.new_page(), base)
    page = editor.page
    page.goto(f"{base}/login")
    page.get_by_label("E-mail").fill("editor@example.org")
    page.get_by_label("Password").fill(DEMO_PASSWORDS["editor"])
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{base}/")

    page.get_by_role("link", name="Outreach").click()
    page.get_by_role("link", name="Start a verification campaign").click()
    page.get_by_label(re.compile("Countries")).fill("FJI")
    page.get_by_role("button", name=re.compile("Start")).click()
    page.wait_for_url(re.compile(r"/outreach/campaigns/\d+$"))
    assert "Fiji" in page.content()

    with app.app_context():
        assert mail_send_pending().sent >= 1
    mail = smtp.received[-1]
    path = re.search(r"https?://[^/\s]+(/outreach/v/[A-Za-z0-9._-]+)", mail.text).group(1)

    contact_context = browser.new_context(viewport={"width": 1000, "height": 900})
    contact = Watched(contact_context.new_page(), base)
    contact.page.goto(base + path)
    assert "Still correct" in contact.page.content() and "Log in" not in contact.page.content()
    # docs/screenshots/outreach-contact-point.png is a copy of this one.
    contact.page.screenshot(path=str(screenshots / "outreach-contact-point.png"), full_page=True)
    contact.page.get_by_role("link", name="Propose corrections").click()
    contact.page.get_by_label("Phone", exact=True).fill("+679 12")
    contact.page.get_by_role("button", name="Send my corrections").click()
    assert "phone number" in contact.page.locator("#phone-error").inner_text()
    contact.page.get_by_label("Phone", exact=True).fill("+679 331 2345")
    contact.page.get_by_role("button", name="Send my corrections").click()
    assert "will review them" in contact.page.content()
    contact.assert_clean()

    page.goto(f"{base}/outreach/proposals")
    page.get_by_role("link", name=re.compile("Fiji")).first.click()
    assert "+679 331 2345" in page.content()
    page.get_by_role("button", name=re.compile("Accept")).click()
    page.wait_for_url(re.compile(r"/directory/\d+$"))
    assert "+679 331 2345" in page.content()

    page.goto(f"{base}/countries/FJI")
    content = page.content()
    assert "+679 331 2345" in content and date.today().strftime("%d %b %Y") in content
    editor.assert_clean()
    editor_context.close()
    contact_context.close()
