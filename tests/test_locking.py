"""No lost update on any edited entity: two editors open the same row, both save; the second is told,
keeps their input, sees what was saved meanwhile, and only a deliberate second save replaces it.

One scenario, run for every entity with an edit form (tracker/core/locking.py). Each case names the row to
make, its edit page, a valid form for it, and the field the two editors change.
"""

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from sqlalchemy import func, select

from tests import factories
from tests.activities import factories as make_activity
from tests.authorities import factories as make_authority
from tests.directory.factories import contact_point
from tests.events import factories as make_event
from tracker.core.audit import AuditEvent
from tracker.directory.records import form_values
from tracker.extensions import db


@dataclass
class Case:
    role: str
    make: Callable
    url: Callable
    form: Callable  # row -> the form's other fields
    field: str
    values: tuple[str, str] = ("Saved by editor one", "Typed by editor two")


def _cid(iso3: str) -> str:
    return str(factories.country(iso3).id)


CASES = {
    "activity": Case(
        "editor",
        make=lambda: make_activity.activity(title="Workshop"),
        url=lambda row: f"/activities/{row.id}/edit",
        form=lambda row: {
            "kind": row.kind.value,
            "status": row.status.value,
            "start_date": row.start_date.isoformat(),
            "beneficiary_ids": [_cid("ECU")],
        },
        field="title",
    ),
    "topic": Case(
        "admin",
        make=lambda: make_activity.topic("Legislation"),
        url=lambda row: f"/admin/topics/{row.id}",
        form=lambda row: {},
        field="name",
    ),
    "authority": Case(
        "editor",
        make=lambda: make_authority.authority(),
        url=lambda row: f"/authorities/{row.id}/edit",
        form=lambda row: {
            "article": row.article.value,
            "declaration_id": "0",
            "name": row.name,
            "name_source": row.name_source.value,
            "name_received_on": row.name_received_on.isoformat(),
        },
        field="notes",
    ),
    "declaration": Case(
        "editor",
        make=lambda: make_authority.declaration(),
        url=lambda row: f"/authorities/declarations/{row.id}/edit",
        form=lambda row: {"article": row.article.value, "authority_name": row.authority_name},
        field="address",
    ),
    "contact point": Case(
        "editor",
        make=lambda: contact_point("ALB", unit="Cybercrime unit"),
        url=lambda row: f"/directory/{row.id}/edit",
        form=lambda row: {
            key: value.isoformat() if hasattr(value, "isoformat") else value
            for key, value in form_values(row).items()
            if value not in (None, False) and key != "version"
        },
        field="unit",
    ),
    "event": Case(
        "editor",
        make=lambda: make_event.event(title="Annual meeting", place="The Hague"),
        url=lambda row: f"/events/{row.id}/edit",
        form=lambda row: {
            "kind": row.kind.value,
            "start_date": row.start_date.isoformat(),
            "format": row.format.value,
            "title": row.title,
        },
        field="place",
    ),
    "participant": Case(
        "editor",
        make=lambda: make_event.participant(make_event.event(), name="A. Delegate"),
        url=lambda row: f"/participants/{row.id}/edit",
        form=lambda row: {
            "country_id": str(row.country_id),
            "role": row.role.value,
            "mode": row.mode.value,
            "status": "attended",
        },
        field="name",
    ),
    "action item": Case(
        "editor",
        make=lambda: make_event.action_item(make_event.event()),
        url=lambda row: f"/action-items/{row.id}/edit",
        form=lambda row: {"title": row.title, "status": row.status.value},
        field="owner",
    ),
    "account": Case(
        "admin",
        make=lambda: factories.user(role="viewer", name="Party reader"),
        url=lambda row: f"/admin/users/{row.id}",
        form=lambda row: {"role": row.role.value, "active": "y"},
        field="name",
    ),
    "organisation": Case(
        "editor",
        make=lambda: factories.organisation(name="Europol"),
        url=lambda row: f"/organisations/{row.id}/edit",
        form=lambda row: {"kind": row.kind.value},
        field="name",
    ),
}


def _updates() -> int:
    return db.session.scalar(select(func.count(AuditEvent.id)).where(AuditEvent.action == "update"))


def _value(row, field):
    db.session.expire_all()
    return getattr(db.session.get(type(row), row.id), field)


@pytest.mark.parametrize("entity", sorted(CASES))
def test_the_second_save_of_a_stale_form_is_refused_kept_and_can_then_replace(entity, client, login_as):
    case = CASES[entity]
    login_as(case.role)
    row = case.make()
    db.session.commit()
    loaded = row.version  # both editors opened the form at this version
    first, second = case.values
    url = case.url(row)
    assert f'name="version" type="hidden" value="{loaded}"' in client.get(url).get_data(as_text=True)

    assert client.post(url, data=case.form(row) | {case.field: first, "version": loaded}).status_code == 302
    updates = _updates()

    response = client.post(url, data=case.form(row) | {case.field: second, "version": loaded})
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Someone else saved this" in page and "nothing of yours was saved" in page
    assert f"Saved meanwhile: {first}" in page  # what the other editor saved, under the field
    assert second in page  # the second editor's input is kept
    assert _value(row, case.field) == first  # and nothing of it was written
    assert _updates() == updates

    # the re-shown form carries the new version: saving again is a knowing choice, and it goes through
    current = _value(row, "version")
    assert f'name="version" type="hidden" value="{current}"' in page
    assert client.post(url, data=case.form(row) | {case.field: second, "version": current}).status_code == 302
    assert _value(row, case.field) == second


@pytest.mark.parametrize("entity", sorted(CASES))
def test_a_form_without_its_version_is_never_taken_for_current(entity, client, login_as):
    case = CASES[entity]
    login_as(case.role)
    row = case.make()
    db.session.commit()
    response = client.post(case.url(row), data=case.form(row) | {case.field: "Unversioned"})
    assert response.status_code == 200 and "Someone else saved this" in response.get_data(as_text=True)
    assert _value(row, case.field) != "Unversioned"
