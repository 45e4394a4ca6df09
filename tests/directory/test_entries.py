"""Entries through the pages: create, edit (with optimistic locking), end, verify, history, bad input."""

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from tests import factories
from tests.directory.factories import contact_point
from tracker.core.audit import AuditEvent
from tracker.core.locking import ConflictError
from tracker.directory import services
from tracker.directory.models import ContactPoint
from tracker.extensions import db


def form_data(**overrides) -> dict:
    data = {
        "country_id": factories.country("ALB").id,
        "institution": "National Police",
        "unit": "Cybercrime Unit",
        "type": "police",
        "phone": "04 222 0000",  # national: read as Albanian
        "mobile": "",
        "fax": "",
        "email": "Duty.Officer@Example.org",
        "secure_platform": "",
        "available_24_7": "y",
        "hours": "",
        "timezone": "",
        "languages": "sq, English",
        "instructions": "Call first.",
        "address": "",
        "valid_from": "2024-01-01",
        "valid_to": "",
    }
    return data | overrides


def service_data(cp: ContactPoint, **overrides) -> dict:
    """The entry's values as a service takes them, with some changed."""
    return {key: getattr(cp, key) for key in services.ENTRY_FIELDS} | overrides


def entries() -> int:
    return db.session.scalar(select(func.count(ContactPoint.id)))


def test_editor_creates_an_entry_with_normalised_channels(client, login_as):
    login_as("editor")
    response = client.post("/directory/new", data=form_data())
    assert response.status_code == 302
    cp = db.session.scalar(select(ContactPoint))
    assert cp.phone == "+35542220000" and cp.email == "duty.officer@example.org"
    assert cp.languages == ["sqi", "eng"] and cp.version == 1
    body = client.get(response.location).get_data(as_text=True)
    assert "+355 4 222 0000" in body and "Albanian, English" in body and "create" in body


BAD_INPUT = [
    ({"phone": "call me"}, "is not a phone number"),
    ({"phone": "12"}, "is not a valid phone number"),
    ({"email": "not-an-address"}, "Not a valid e-mail address"),
    ({"languages": "eng, klingonish"}, "Not a language name (English or French) or ISO 639 code: klingonish"),
    ({"valid_to": "2023-12-31"}, "cannot end before it starts"),
    ({"available_24_7": "", "hours": "", "timezone": ""}, "State the hours"),
    ({"available_24_7": "", "hours": "Mon–Fri 9–17", "timezone": "CET+1"}, "IANA time zone"),
    ({"phone": "", "email": ""}, "at least a phone number"),
    ({"type": "army"}, "Not a valid choice"),
]


def test_bad_input_is_refused_on_its_field_and_nothing_is_written(client, login_as):
    login_as("editor")
    for overrides, field_message in BAD_INPUT:
        response = client.post("/directory/new", data=form_data(**overrides))
        assert response.status_code == 200
        body = response.get_data(as_text=True)
        assert field_message in body and "invalid-feedback" in body, overrides
    assert entries() == 0


def test_every_bad_field_is_reported_at_once(client, login_as):
    login_as("editor")
    body = client.post("/directory/new", data=form_data(phone="x", email="y", languages="zz")).get_data(
        as_text=True
    )
    assert body.count('class="invalid-feedback"') == 3


def test_each_refusal_is_shown_on_its_own_field_with_the_input_kept(client, login_as):
    login_as("editor")
    data = form_data(country_id="0", phone="call me", email="", languages="eng, zz", valid_to="2023-12-31")
    body = client.post("/directory/new", data=data).get_data(as_text=True)
    expected = {
        "country_id": "Choose the country that designated this contact point.",
        "phone": "is not a phone number",
        "languages": "Not a language name (English or French) or ISO 639 code: zz.",
        "valid_to": "cannot end before it starts",
    }
    for field, message in expected.items():
        error = body.split(f'id="{field}-error" class="invalid-feedback">', 1)[1].split("</div>", 1)[0]
        assert message in error, field
    assert body.count('class="invalid-feedback"') == len(expected)
    assert 'value="call me"' in body and 'value="eng, zz"' in body  # the user's input stays
    assert entries() == 0


def test_the_form_parses_and_the_service_judges_the_values(app):
    """One check per save: the form accepts a well-formed but wrong entry; the service refuses it, naming
    every field at once."""
    from werkzeug.datastructures import MultiDict

    from tracker.directory.forms import ContactPointForm

    with app.test_request_context(method="POST", data=form_data(phone="x", email="y")):
        form = ContactPointForm(MultiDict(form_data(phone="x", email="y")), meta={"csrf": False})
        form.country_id.choices = [(factories.country("ALB").id, "Albania")]
        assert form.validate(), form.errors
        with pytest.raises(services.EntryInvalid) as refused:
            services.contact_point_create(data=form.data, by=None)
    assert [(p.field, str(p)[:14]) for p in refused.value.problems] == [
        ("phone", "“x” is not a p"),
        ("email", "Not a valid e-"),
    ]
    assert refused.value.field == "phone"
    assert entries() == 0


def test_a_second_identical_entry_is_refused(client, login_as):
    login_as("editor")
    assert client.post("/directory/new", data=form_data()).status_code == 302
    response = client.post("/directory/new", data=form_data(institution="national police "))
    assert response.status_code == 200
    assert "is already a contact point of Albania" in response.get_data(as_text=True)
    assert entries() == 1
    # the same institution after the first designation ended is a new designation, not a duplicate
    cp = db.session.scalar(select(ContactPoint))
    services.contact_point_end(cp, valid_to=date(2024, 6, 30), version=cp.version, by=None)
    db.session.commit()
    assert client.post("/directory/new", data=form_data(valid_from="2024-07-01")).status_code == 302
    assert entries() == 2


def test_country_must_be_chosen(client, login_as):
    login_as("editor")
    response = client.post("/directory/new", data=form_data(country_id="0"))
    assert "Choose the country" in response.get_data(as_text=True)
    assert entries() == 0


def test_edit_records_field_history(client, login_as):
    editor = login_as("editor")
    cp = contact_point("ALB", phone="+35542220000")
    db.session.commit()
    data = form_data(phone="+355 4 222 0001", version=cp.version)
    assert client.post(f"/directory/{cp.id}/edit", data=data).status_code == 302
    db.session.refresh(cp)
    assert cp.phone == "+35542220001" and cp.version == 2
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "update"))
    assert event.user_id == editor.id and event.changes["phone"] == ["+35542220000", "+35542220001"]
    body = client.get(f"/directory/{cp.id}").get_data(as_text=True)
    assert "+355 4 222 0000" in body and "+355 4 222 0001" in body and editor.name in body


def test_a_stale_form_is_refused_with_the_users_input_kept(client, login_as):
    login_as("editor")
    cp = contact_point("ALB", phone="+35542220000", institution="National Police", unit="Cybercrime Unit")
    db.session.commit()
    loaded = client.get(f"/directory/{cp.id}/edit").get_data(as_text=True)
    assert f'name="version" type="hidden" value="{cp.version}"' in loaded
    # someone else saves meanwhile
    services.contact_point_update(
        cp, data=service_data(cp, phone="+355 4 222 0002"), version=cp.version, by=None
    )
    db.session.commit()
    response = client.post(
        f"/directory/{cp.id}/edit",
        data=form_data(phone="+355 4 222 0009", email="mine@example.org", version=1),
    )
    body = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Someone else saved this contact point" in body
    assert 'value="+355 4 222 0009"' in body and 'value="mine@example.org"' in body  # the user's input
    assert "Saved meanwhile: +355 4 222 0002" in body
    db.session.refresh(cp)
    assert cp.phone == "+35542220002" and cp.version == 2  # nothing overwritten
    # saving again, knowingly, replaces the values
    assert 'name="version" type="hidden" value="2"' in body
    again = client.post(f"/directory/{cp.id}/edit", data=form_data(phone="+355 4 222 0009", version=2))
    assert again.status_code == 302
    db.session.refresh(cp)
    assert cp.phone == "+35542220009"


def test_a_tampered_version_is_a_conflict_not_an_error(client, login_as):
    login_as("editor")
    cp = contact_point("ALB")
    db.session.commit()
    response = client.post(f"/directory/{cp.id}/edit", data=form_data(version="abc"))
    assert response.status_code == 200 and "Someone else saved" in response.get_data(as_text=True)


def test_the_lock_also_holds_between_loading_and_writing(app):
    cp = contact_point("ALB")
    db.session.commit()
    assert cp.version == 1  # loaded by this session
    # another connection saves the row between this session's read and its write
    with db.engine.begin() as conn:
        conn.execute(ContactPoint.__table__.update().values(version=ContactPoint.version + 1))
    with pytest.raises(ConflictError, match="after you opened it"):
        services.contact_point_update(cp, data=service_data(cp, phone="+355 4 222 0003"), version=1, by=None)
    db.session.rollback()


def test_end_designation_keeps_the_entry_and_its_history(client, login_as):
    login_as("editor")
    cp = contact_point("ALB", valid_from=date(2020, 1, 1))
    db.session.commit()
    response = client.post(f"/directory/{cp.id}/end", data={"valid_to": "2019-12-31", "version": cp.version})
    assert "cannot end before that" in response.get_data(as_text=True)
    response = client.post(f"/directory/{cp.id}/end", data={"valid_to": "2024-06-30", "version": cp.version})
    assert response.status_code == 302
    db.session.refresh(cp)
    assert cp.valid_to == date(2024, 6, 30) and entries() == 1
    body = client.get(f"/directory/{cp.id}").get_data(as_text=True)
    assert "ended" in body and "30 Jun 2024" in body
    again = client.post(f"/directory/{cp.id}/end", data={"valid_to": "2024-07-30", "version": cp.version})
    assert "already ends on 2024-06-30" in again.get_data(as_text=True)


def test_mark_verified_records_date_and_who_and_clears_staleness(client, login_as):
    editor = login_as("editor")
    cp = contact_point("ALB", last_verified_on=date.today() - timedelta(days=400))
    db.session.commit()
    assert "not verified in the last 12 months" in client.get(f"/directory/{cp.id}").get_data(as_text=True)
    assert client.post(f"/directory/{cp.id}/verify").status_code == 302
    db.session.refresh(cp)
    assert cp.last_verified_on == date.today() and cp.verified_by_id == editor.id
    body = client.get(f"/directory/{cp.id}").get_data(as_text=True)
    assert "not verified in the last 12 months" not in body and f"by {editor.name}" in body
    assert db.session.scalar(select(func.count(AuditEvent.id)).where(AuditEvent.action == "verify")) == 1


def test_viewer_reads_but_cannot_write(client, login_as):
    login_as("viewer")
    cp = contact_point("ALB")
    db.session.commit()
    assert client.get(f"/directory/{cp.id}").status_code == 200
    assert client.get("/directory/new").status_code == 403
    assert client.post("/directory/new", data=form_data()).status_code == 403
    assert client.post(f"/directory/{cp.id}/edit", data=form_data(version=1)).status_code == 403
    assert client.post(f"/directory/{cp.id}/verify").status_code == 403
    assert client.post(f"/directory/{cp.id}/end", data={"valid_to": "2024-01-01"}).status_code == 403
    assert entries() == 1 and db.session.get(ContactPoint, cp.id).last_verified_on == date.today()


def test_an_entry_from_a_designation_is_verified_on_its_date(client, login_as):
    """Entered today from a designation dated today: verified (source: the designation), not stale."""
    user = login_as("editor")
    today = date.today().isoformat()
    response = client.post("/directory/new", data=form_data(valid_from=today))
    cp = db.session.scalar(select(ContactPoint))
    assert cp.last_verified_on == date.today() and cp.verified_by_id == user.id
    assert not cp.stale_on(date.today())
    body = client.get(response.location).get_data(as_text=True)
    assert "source: the official designation" in body and "stale" not in body
    listing = client.get("/directory/?stale=y").get_data(as_text=True)
    assert "National Police" not in listing


def test_a_future_designation_is_not_verified_ahead_of_time(app):
    later = (date.today() + timedelta(days=30)).isoformat()
    data = form_data(valid_from=later, languages="sqi")
    data["available_24_7"] = True
    for key in ("valid_from",):
        data[key] = date.fromisoformat(data[key])
    cp = services.contact_point_create(data=data | {"valid_to": None}, by=None)
    assert cp.last_verified_on is None
