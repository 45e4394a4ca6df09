"""The demo's outreach story, and the figures it feeds to the report and the dashboard."""

from datetime import date

from sqlalchemy import func, select

from tracker.core.mail import MailStatus, OutboxMessage
from tracker.countries.models import Country
from tracker.demo import load_demo
from tracker.extensions import db
from tracker.outreach import results
from tracker.outreach.models import Campaign, ProposedChange, Verification

START, END = date(2024, 6, 21), date(2024, 12, 10)


def test_demo_has_a_completed_reachability_test_and_a_verification_campaign(app, client, login_as):
    load_demo()
    db.session.commit()
    kinds = sorted(c.kind.value for c in db.session.scalars(select(Campaign)))
    assert kinds == ["reachability", "verification"]
    # Nothing waits to be sent to the demo's fictitious addresses.
    assert not db.session.scalar(
        select(func.count()).select_from(OutboxMessage).where(OutboxMessage.status != MailStatus.SENT)
    )
    assert db.session.scalar(select(func.count()).select_from(Verification)) > 50
    assert db.session.scalar(select(func.count()).select_from(ProposedChange)) == 2

    figures = results.reachability(START, END)
    assert figures["tests"] == 1 and figures["contact_points_tested"] > 80
    assert figures["answered"] < figures["contact_points_tested"]
    assert figures["answered_within_24h"] < figures["answered"]
    assert 0 < figures["median_response_minutes"] < 60
    [chart] = results.reachability_by_test(START, END)
    assert chart.within_1h + chart.within_24h + chart.later + chart.not_answered == chart.tested

    fiji = db.session.scalar(select(Country).where(Country.iso3 == "FJI"))
    tests, verifications = results.country_outreach(fiji.id)
    assert tests and all(t.started_on == date(2024, 10, 1) for t in tests)
    assert all(v.contact_point.country_id == fiji.id for v in verifications)

    load_demo()  # idempotent
    db.session.commit()
    assert db.session.scalar(select(func.count()).select_from(Campaign)) == 2

    login_as("editor")
    for path in ("/outreach/", "/outreach/proposals", "/outreach/phone-tests", "/outreach/outbox"):
        assert client.get(path).status_code == 200, path
    for campaign in db.session.scalars(select(Campaign)):
        assert client.get(f"/outreach/campaigns/{campaign.id}").status_code == 200
    for proposal in db.session.scalars(select(ProposedChange)):
        page = client.get(f"/outreach/proposals/{proposal.id}").get_data(as_text=True)
        assert "Call the duty officer first" in page

    # the country page tells the story too: the last test, the response times, verifications by source
    page = client.get("/countries/FJI").get_data(as_text=True)
    assert "Reachability and verification" in page and "Last reachability test: 01 Oct 2024" in page
    assert "Verifications by source" in page


def test_reachability_is_null_without_a_test_in_the_period(app):
    assert results.reachability(START, END) == {
        "tests": 0,
        "contact_points_tested": None,
        "answered": None,
        "answered_within_24h": None,
        "median_response_minutes": None,
    }
