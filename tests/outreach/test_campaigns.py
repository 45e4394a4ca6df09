"""Campaigns end to end: started from the page or the CLI, mailed through a real SMTP server, answered
through the links found in the captured mails, counted per country, reminded, exported, closed."""

import re
from datetime import date, timedelta

from sqlalchemy import func, select

from tests.directory import factories as directory_factories
from tracker.core.audit import AuditEvent
from tracker.core.mail import OutboxMessage
from tracker.core.mail_sending import mail_send_pending
from tracker.core.time import utcnow
from tracker.extensions import db
from tracker.outreach import services
from tracker.outreach.models import Campaign, CampaignKind, OutreachRequest, PhoneTest

LINK = re.compile(r"http://127\.0\.0\.1:5000(/outreach/v/[A-Za-z0-9._-]+)")


def _network():
    return {
        "fra1": directory_factories.contact_point("FRA", email="fra1@example.org"),
        "fra2": directory_factories.contact_point("FRA", email="fra2@example.org", last_verified_on=None),
        "fra_no_mail": directory_factories.contact_point("FRA", email=None),
        "deu": directory_factories.contact_point("DEU", email="deu@example.org", last_verified_on=None),
    }


def _count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def test_an_editor_starts_a_verification_campaign_and_answers_come_back_per_country(
    client, login_as, smtp_server
):
    _network()
    db.session.commit()
    login_as("editor")
    response = client.post(
        "/outreach/campaigns/new",
        data={"kind": "verification", "countries": "fra, DEU", "reminder_after_days": 7},
    )
    assert response.status_code == 302
    campaign = db.session.scalar(select(Campaign))
    assert len(campaign.requests) == 3 and _count(OutboxMessage) == 3  # the one without e-mail is skipped
    assert mail_send_pending().sent == 3
    mails = {r.recipients[0]: r for r in smtp_server.received}
    links = {to: LINK.search(mail.text).group(1) for to, mail in mails.items()}
    assert len(set(links.values())) == 3  # each contact point its own link
    assert links["fra1@example.org"] in mails["fra1@example.org"].html

    client.post("/logout")
    assert client.post(links["fra1@example.org"] + "/confirm").status_code == 200
    client.post(
        links["deu@example.org"] + "/correct",
        data={
            "institution": "BKA",
            "email": "deu@example.org",
            "phone": "+49 30 1234567",
            "available_24_7": "y",
        },
    )
    login_as("editor")
    page = client.get(f"/outreach/campaigns/{campaign.id}").get_data(as_text=True)
    rows = {
        name: re.findall(r"<td class=\"text-end\">(\d+)</td>", row)
        for name, row in re.findall(r'<th scope="row" class="fw-normal">([^<]+)</th>(.*?)</tr>', page, re.S)
    }
    # contact points, sent, failed, waiting, confirmed, corrected, no answer
    assert rows["France"] == ["2", "2", "0", "0", "1", "0", "1"]
    assert rows["Germany"] == ["1", "1", "0", "0", "0", "1", "0"]
    assert rows["All countries"] == ["3", "3", "0", "0", "1", "1", "1"]


def test_a_campaign_and_its_mails_are_written_together_or_not_at_all(app):
    _network()
    services.campaign_start(kind=CampaignKind.VERIFICATION, by=None)
    db.session.rollback()
    assert (_count(Campaign), _count(OutreachRequest), _count(OutboxMessage)) == (0, 0, 0)


def test_stale_only_and_unknown_countries(app, client, login_as):
    _network()
    campaign = services.campaign_start(kind=CampaignKind.VERIFICATION, stale_only=True, by=None)
    assert sorted(r.to_address for r in campaign.requests) == ["deu@example.org", "fra2@example.org"]
    db.session.commit()
    login_as("editor")
    page = client.post("/outreach/campaigns/new", data={"kind": "verification", "countries": "FRA, XYZ"})
    assert "Not an ISO alpha-3 country code: XYZ" in page.get_data(as_text=True)
    assert _count(Campaign) == 1


def test_reminders_go_once_to_those_who_have_not_answered(app, client):
    _network()
    campaign = services.campaign_start(kind=CampaignKind.VERIFICATION, reminder_after_days=7, by=None)
    db.session.commit()
    first = campaign.requests[0]
    client.post(f"/outreach/v/{services.links.sign(first)}/confirm")
    assert services.campaign_remind(campaign, now=utcnow() + timedelta(days=6)) == 0
    later = utcnow() + timedelta(days=7, minutes=1)
    assert services.campaign_remind(campaign, now=later) == 2
    assert services.campaign_remind(campaign, now=later) == 0  # once
    db.session.commit()
    reminders = db.session.scalars(select(OutboxMessage).where(OutboxMessage.subject.startswith("Reminder")))
    assert sorted(m.to_address for m in reminders) == sorted(
        r.to_address for r in campaign.requests if r is not first
    )


def test_cli_starts_a_reachability_test_and_the_acknowledgement_times_it(app, client, smtp_server):
    _network()
    db.session.commit()
    runner = app.test_cli_runner()
    result = runner.invoke(args=["campaigns", "start", "reachability", "--countries", "FRA"])
    assert result.exit_code == 0 and "2 mails queued" in result.output, result.output
    assert runner.invoke(args=["campaigns", "start", "verification", "--countries", "ZZZ"]).exit_code == 1
    runner.invoke(args=["mail", "send"])
    link = LINK.search(smtp_server.received[0].text).group(1)
    assert "acknowledge" in smtp_server.received[0].text
    assert client.post(link + "/acknowledge").status_code == 200
    request = db.session.scalar(select(OutreachRequest).where(OutreachRequest.answered_at.is_not(None)))
    assert request.response_minutes == 0 and request.outcome.value == "acknowledged"
    assert runner.invoke(args=["campaigns", "remind"]).exit_code == 0


def test_the_export_is_audited_and_has_each_country(app, client, login_as):
    _network()
    campaign = services.campaign_start(kind=CampaignKind.REACHABILITY, by=None)
    db.session.commit()
    login_as("editor")
    csv = client.get(f"/outreach/campaigns/{campaign.id}/export.csv").get_data(as_text=True)
    assert "France" in csv and "Germany" in csv and "All countries" in csv
    xlsx = client.get(f"/outreach/campaigns/{campaign.id}/export.xlsx")
    assert xlsx.data[:2] == b"PK"
    exports = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "export")).all()
    assert [e.entity_type for e in exports] == ["campaign", "campaign"]


def test_closing_a_campaign_stops_its_links(app, client, login_as):
    _network()
    campaign = services.campaign_start(kind=CampaignKind.VERIFICATION, by=None)
    db.session.commit()
    token = services.links.sign(campaign.requests[0])
    login_as("editor")
    client.post(f"/outreach/campaigns/{campaign.id}/close")
    client.post("/logout")
    assert client.get(f"/outreach/v/{token}").status_code == 410


def test_phone_tests_are_logged_by_hand(app, client, login_as):
    cp = _network()["fra1"]
    db.session.commit()
    user = login_as("editor")
    called = (utcnow() - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M")
    bad = client.post(
        "/outreach/phone-tests",
        data={"contact_point_id": cp.id, "called_at": called, "minutes_to_answer": 3},
    )
    assert "not answered has no time to answer" in bad.get_data(as_text=True)
    client.post(
        "/outreach/phone-tests",
        data={"contact_point_id": cp.id, "called_at": called, "answered": "y", "minutes_to_answer": 3},
    )
    test = db.session.scalar(select(PhoneTest))
    assert test.answered and test.minutes_to_answer == 3 and test.called_by_id == user.id


def test_an_editor_sends_one_link_from_the_entry_page(app, client, login_as):
    cp = _network()["fra1"]
    db.session.commit()
    login_as("editor")
    client.post(f"/outreach/contact-points/{cp.id}/send-link", data={"kind": "verification"})
    assert db.session.scalar(select(OutboxMessage.to_address)) == "fra1@example.org"
    assert "Send a verification link" in client.get(f"/directory/{cp.id}").get_data(as_text=True)


def test_the_verification_date_moves_when_the_contact_point_confirms(app, client):
    cp = _network()["fra2"]
    campaign = services.campaign_start(kind=CampaignKind.VERIFICATION, countries=["FRA"], by=None)
    db.session.commit()
    request = next(r for r in campaign.requests if r.contact_point_id == cp.id)
    client.post(f"/outreach/v/{services.links.sign(request)}/confirm")
    db.session.refresh(cp)
    assert cp.last_verified_on == date.today()
