"""Self-service links: one entry shown without log-in, confirmed or corrected, every bad link refused."""

from datetime import date, timedelta

from itsdangerous import TimestampSigner, URLSafeTimedSerializer
from sqlalchemy import func, select

from tests.conftest import _config
from tests.directory import factories as directory_factories
from tests.outreach import factories
from tracker import create_app
from tracker.directory import services as directory_services
from tracker.extensions import db
from tracker.outreach import links
from tracker.outreach.models import (
    CampaignKind,
    ProposalStatus,
    ProposedChange,
    RequestOutcome,
    Verification,
    VerificationSource,
)


def _written():
    """What a link can write: verifications and proposals."""
    return (
        db.session.scalar(select(func.count()).select_from(Verification)),
        db.session.scalar(select(func.count()).select_from(ProposedChange)),
    )


def _link(**kwargs):
    request = factories.link_request(directory_factories.contact_point(last_verified_on=None, **kwargs))
    db.session.commit()
    return request, f"/outreach/v/{factories.token_of(request)}"


def test_the_link_shows_that_one_entry_and_nothing_else(client):
    other = directory_factories.contact_point(institution="Somebody Else Entirely")
    request, url = _link(institution="Our Cyber Unit")
    page = client.get(url).get_data(as_text=True)
    assert "Our Cyber Unit" in page and "Still correct" in page and "Propose corrections" in page
    assert other.institution not in page and "Directory" not in page  # no navigation, no other entry


def test_still_correct_records_a_verification_by_the_contact_point_once(client):
    request, url = _link()
    response = client.post(f"{url}/confirm")
    assert response.status_code == 200 and "has been recorded" in response.get_data(as_text=True)
    db.session.refresh(request)
    assert request.outcome == RequestOutcome.CONFIRMED and request.used_at is not None
    assert request.contact_point.last_verified_on == date.today()
    [verification] = db.session.scalars(select(Verification))
    assert verification.source == VerificationSource.CONTACT_POINT
    assert verification.source.label == "confirmed by the contact point"
    again = client.post(f"{url}/confirm")
    assert again.status_code == 410 and "already been used" in again.get_data(as_text=True)
    assert client.get(url).status_code == 410
    assert _written() == (1, 0)


def test_a_tampered_link_is_refused_and_writes_nothing(client):
    request, url = _link()
    for bad in (url[:-3] + "xyz", "/outreach/v/nonsense", url.replace("/v/", "/v/A")):
        response = client.post(f"{bad}/confirm")
        assert response.status_code == 400 and "not valid" in response.get_data(as_text=True)
    forged = URLSafeTimedSerializer("another key", salt=links.SALT).dumps(
        {"n": request.nonce, "cp": request.contact_point_id, "v": request.cp_version}
    )
    assert client.post(f"/outreach/v/{forged}/confirm").status_code == 400
    assert _written() == (0, 0)


def test_an_expired_link_is_refused(app, client):
    request, url = _link()

    class ThirtyOneDaysAgo(TimestampSigner):
        def get_timestamp(self):
            return super().get_timestamp() - 31 * 86400

    serializer = URLSafeTimedSerializer(app.config["SECRET_KEY"], salt=links.SALT, signer=ThirtyOneDaysAgo)
    old = serializer.dumps({"n": request.nonce, "cp": request.contact_point_id, "v": request.cp_version})
    response = client.post(f"/outreach/v/{old}/confirm")
    assert response.status_code == 410 and "has expired" in response.get_data(as_text=True)
    request.expires_at = request.created_at - timedelta(seconds=1)  # the request's own deadline too
    db.session.commit()
    assert "has expired" in client.get(url).get_data(as_text=True)
    assert _written() == (0, 0)


def test_a_link_is_superseded_when_the_entry_changes(client):
    request, url = _link()
    cp = request.contact_point
    data = {key: getattr(cp, key) for key in directory_services.ENTRY_FIELDS} | {"unit": "New unit"}
    directory_services.contact_point_update(cp, data=data, version=cp.version, by=None)
    db.session.commit()
    response = client.post(f"{url}/confirm")
    assert response.status_code == 410 and "has been replaced" in response.get_data(as_text=True)
    assert _written() == (0, 0)


def test_a_reply_after_the_campaign_closed_is_refused(client, app):
    directory_factories.contact_point()
    campaign = factories.campaign()
    request = campaign.requests[0]
    campaign.closed_at = campaign.started_at
    db.session.commit()
    response = client.post(f"/outreach/v/{factories.token_of(request)}/confirm")
    assert response.status_code == 410 and "campaign is closed" in response.get_data(as_text=True)


def test_a_correction_with_an_invalid_phone_is_shown_and_nothing_is_written(client):
    request, url = _link()
    form = client.get(f"{url}/correct").get_data(as_text=True)
    assert 'name="phone"' in form and 'name="type"' not in form
    response = client.post(
        f"{url}/correct",
        data={"institution": "X", "phone": "12", "email": "cp@example.org", "available_24_7": "y"},
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "“12” is not a valid phone number" in page
    db.session.refresh(request)
    assert request.used_at is None and _written() == (0, 0)


def test_corrections_wait_for_review_then_an_editor_accepts_them(client, login_as, app):
    request, url = _link(phone="+33199000000")
    cp = request.contact_point
    response = client.post(
        f"{url}/correct",
        data={
            "institution": cp.institution,
            "unit": cp.unit,
            "phone": "+33 1 99 00 00 42",
            "email": cp.email,
            "available_24_7": "y",
            "languages": "French, eng",
            "comment": "New duty phone since May.",
        },
    )
    assert "will review them" in response.get_data(as_text=True)
    db.session.refresh(cp)
    assert cp.phone == "+33199000000"  # nothing changes before review
    proposal = db.session.scalar(select(ProposedChange))
    assert proposal.values["phone"] == "+33199000042" and proposal.status == ProposalStatus.PENDING
    assert request.outcome == RequestOutcome.CORRECTED

    client.post("/logout")
    login_as("editor")
    page = client.get(f"/outreach/proposals/{proposal.id}").get_data(as_text=True)
    assert "+33 1 99 00 00 00" in page and "+33 1 99 00 00 42" in page and "New duty phone" in page
    response = client.post(f"/outreach/proposals/{proposal.id}/accept", data={"version": cp.version})
    assert response.status_code == 302
    db.session.refresh(cp)
    db.session.refresh(proposal)
    assert cp.phone == "+33199000042" and cp.last_verified_on == date.today()
    assert proposal.status == ProposalStatus.ACCEPTED
    sources = [v.source for v in db.session.scalars(select(Verification))]
    assert sources == [VerificationSource.CORRECTION]
    detail = client.get(f"/directory/{cp.id}").get_data(as_text=True)
    assert "+33 1 99 00 00 42" in detail and "+33 1 99 00 00 00" in detail  # the history's before/after


def test_accepting_against_a_changed_entry_is_a_conflict(client, login_as):
    proposal = factories.proposal()
    db.session.commit()
    login_as("editor")
    stale = proposal.contact_point.version - 1
    response = client.post(f"/outreach/proposals/{proposal.id}/accept", data={"version": stale})
    assert response.status_code == 409 and "nothing of yours was saved" in response.get_data(as_text=True)
    db.session.refresh(proposal)
    assert proposal.status == ProposalStatus.PENDING


def test_an_editor_rejects_with_a_reason(client, login_as):
    proposal = factories.proposal()
    db.session.commit()
    phone = proposal.contact_point.phone
    login_as("editor")
    assert client.post(f"/outreach/proposals/{proposal.id}/reject", data={"reason": ""}).status_code == 400
    client.post(f"/outreach/proposals/{proposal.id}/reject", data={"reason": "Number not confirmed by phone"})
    db.session.refresh(proposal)
    assert proposal.status == ProposalStatus.REJECTED and proposal.reason == "Number not confirmed by phone"
    assert proposal.contact_point.phone == phone


def test_a_reachability_link_records_the_acknowledgement(client):
    request = factories.link_request(kind=CampaignKind.REACHABILITY)
    db.session.commit()
    url = f"/outreach/v/{factories.token_of(request)}"
    assert "We received the test message" in client.get(url).get_data(as_text=True)
    assert client.post(f"{url}/confirm").status_code == 400  # a test link cannot verify the entry
    assert client.post(f"{url}/acknowledge").status_code == 200
    db.session.refresh(request)
    assert request.outcome == RequestOutcome.ACKNOWLEDGED and request.response_minutes == 0


def test_public_pages_are_rate_limited(app, database_url):
    request, url = _link()
    limited = create_app(_config(database_url) | {"OUTREACH_PUBLIC_LIMIT": "3 per hour"})
    client = limited.test_client()
    assert [client.get(url).status_code for _ in range(4)] == [200, 200, 200, 429]


def test_public_forms_need_the_csrf_token(app, database_url):
    request, url = _link()
    protected = create_app(_config(database_url) | {"WTF_CSRF_ENABLED": True})
    client = protected.test_client()
    assert client.post(f"{url}/confirm").status_code == 400
    db.session.refresh(request)
    assert request.used_at is None and _written() == (0, 0)
