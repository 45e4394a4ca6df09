"""Domain rules of the directory of authorities: bad input is refused with a message and writes nothing."""

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from tests import factories
from tests.authorities import factories as af
from tracker.authorities import declaration_services, input_services, services
from tracker.authorities.models import Article, Authority, Field, PartyInput, Source
from tracker.core.audit import AuditEvent
from tracker.core.errors import DomainError
from tracker.extensions import db


def data(**overrides) -> dict:
    values = {
        "article": "27",
        "declaration_id": None,
        "notes": None,
        "name": "Ministère de la Justice",
        "name_source": "party_input",
        "name_received_on": date(2024, 9, 2),
        "address": "13 Place Vendôme\nParis",
        "address_source": "party_input",
        "address_received_on": date(2024, 9, 2),
        "phone": "01 23 45 00 00",  # a national number: read as French
        "phone_source": "party_input",
        "phone_received_on": date(2024, 9, 2),
        "email": "MLA.FRA@example.org",
        "email_source": "party_input",
        "email_received_on": date(2024, 9, 2),
    }
    return values | overrides


def authorities() -> int:
    return db.session.scalar(select(func.count(Authority.id)))


@pytest.mark.parametrize("text", ["24", "Article 24", "art. 24", "Art 24", "extradition", " 24 "])
def test_article_24_is_read_in_many_spellings(text):
    assert services.parse_article(text) == Article.EXTRADITION


@pytest.mark.parametrize("text", ["27", "Article 27", "mutual assistance", "Mutual legal assistance", "MLA"])
def test_article_27_is_read_in_many_spellings(text):
    assert services.parse_article(text) == Article.MUTUAL_ASSISTANCE


@pytest.mark.parametrize("text", ["25", "35", "", "Article", "24/7", "2 4"])
def test_other_articles_are_refused(text):
    with pytest.raises(ValueError, match="use 24 .extradition. or 27 .mutual assistance."):
        services.parse_article(text)


def test_create_normalises_values_and_links_the_only_declaration(app):
    declaration = af.declaration()
    editor = factories.user()
    authority = services.authority_create(country=factories.country("FRA"), data=data(), by=editor)
    assert authority.phone == "+33123450000" and authority.email == "mla.fra@example.org"
    assert authority.declaration == declaration and authority.name_source == Source.PARTY_INPUT
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.entity_type == "authority"))
    assert event.action == "create" and event.user_id == editor.id


def test_a_party_may_name_several_authorities_per_article(app):
    country = factories.country("FRA")
    services.authority_create(country=country, data=data(), by=None)
    services.authority_create(
        country=country, data=data(name="Parquet général – phase préliminaire"), by=None
    )
    assert authorities() == 2


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"article": "25"}, "article", "“25” is not an article of this directory"),
        ({"email": "not-an-email"}, "email", "Not a valid e-mail address"),
        ({"phone": "12"}, "phone", "not a valid phone number"),
        ({"phone": "call us"}, "phone", "is not a phone number"),
        ({"name": "  "}, "name", "needs a name"),
        ({"email_source": ""}, "email_source", "Say where the e-mail comes from"),
        ({"phone_received_on": date.today() + timedelta(days=1)}, "phone_received_on", "in the future"),
    ],
)
def test_bad_values_are_refused_naming_the_field(app, overrides, field, message):
    with pytest.raises(DomainError, match=message) as caught:
        services.authority_create(country=factories.country("FRA"), data=data(**overrides), by=None)
    assert caught.value.field == field


def test_party_input_from_before_the_country_was_a_party_is_refused(app):
    # Benin deposited its instrument of accession on 20 June 2024
    benin = factories.country("BEN")
    with pytest.raises(DomainError, match="Benin was not a Party .* on 19 Jun 2024") as caught:
        services.authority_create(
            country=benin, data=data(phone=None, email_received_on=date(2024, 6, 19)), by=None
        )
    assert caught.value.field == "email_received_on"
    # the same value taken from a declaration made earlier is fine: it is not the Party's input
    services.authority_create(
        country=benin,
        data=data(phone=None, email_received_on=date(2024, 6, 19), email_source="official_declaration"),
        by=None,
    )
    with pytest.raises(DomainError, match="not a Party"):
        input_services.party_input_record(country=benin, received_on=date(2024, 6, 19), note=None, by=None)
    input_services.party_input_record(country=benin, received_on=date(2024, 6, 20), note=None, by=None)


def test_a_country_that_is_not_a_party_gets_no_authorities(app):
    ireland = factories.country("IRL")  # a signatory
    with pytest.raises(DomainError, match="Ireland was not a Party"):
        services.authority_create(country=ireland, data=data(phone=None), by=None)
    with pytest.raises(DomainError, match="Ireland was not a Party"):
        input_services.party_input_record(country=ireland, received_on=date(2024, 9, 2), note=None, by=None)
    with pytest.raises(DomainError, match="Ireland was not a Party"):
        declaration_services.declaration_create(
            country=ireland, data={"article": "27", "authority_name": "X"}, by=None
        )
    assert authorities() == 0 and db.session.scalar(select(func.count(PartyInput.id))) == 0


def test_a_declaration_of_another_party_or_article_is_refused(app):
    other = af.declaration("DEU")
    extradition = af.declaration("FRA", Article.EXTRADITION)
    for declaration, message in [(other, "not one of France's"), (extradition, "is for Article 24")]:
        with pytest.raises(DomainError, match=message):
            services.authority_create(
                country=factories.country("FRA"), data=data(declaration_id=declaration.id), by=None
            )


def test_blank_date_received_defaults_to_the_declaration_or_today(app):
    declaration = af.declaration(email="mla.fra@example.org")
    authority = services.authority_create(
        country=factories.country("FRA"),
        data=data(
            email_received_on=None, email_source="official_declaration", phone_received_on=None, address=None
        ),
        by=None,
    )
    assert authority.email_received_on == declaration.declared_on
    assert authority.phone_received_on == date.today()
    assert authority.address_source is None and authority.address_received_on is None


def test_fill_from_declaration_marks_the_source(app):
    declaration = af.declaration(email="mla.fra@example.org", address="13 Place Vendôme")
    authority = af.authority(declaration=declaration, name="Ministère de la Justice")
    assert services.authority_fill_from_declaration(authority, by=None) == [Field.ADDRESS, Field.EMAIL]
    assert authority.email == "mla.fra@example.org" and authority.email_source == Source.OFFICIAL_DECLARATION
    assert authority.email_received_on == declaration.declared_on and authority.empty_fields == [Field.PHONE]
    unlinked = af.authority("DEU", name="Bundesamt für Justiz")
    with pytest.raises(DomainError, match="not linked to an official declaration"):
        services.authority_fill_from_declaration(unlinked, by=None)


def test_fill_every_authority_from_its_declaration(app):
    af.authority(declaration=af.declaration(email="a@example.org"), name="Ministère de la Justice")
    af.authority("DEU", declaration=af.declaration("DEU"), name="Ministère de la Justice")  # nothing to fill
    assert services.authorities_fill_from_declarations(by=None) == 1


def test_review_a_difference_with_a_note(app):
    editor = factories.user()
    authority = af.authority(declaration=af.declaration(), name="Prosecutor General")
    with pytest.raises(DomainError, match="Say in a note"):
        services.difference_review(authority, field="name", note=" ", by=editor)
    with pytest.raises(DomainError, match="does not differ"):
        services.difference_review(authority, field="email", note="checked", by=editor)
    with pytest.raises(DomainError, match="not a field"):
        services.difference_review(authority, field="fax", note="checked", by=editor)
    review = services.difference_review(
        authority, field="name", note="Confirmed by the delegation", by=editor
    )
    assert review.reviewed_by_id == editor.id and review.declared_value == "Ministère de la Justice"
    again = services.difference_review(authority, field="name", note="Checked again", by=editor)
    assert again is review and len(authority.reviews) == 1


def test_update_records_the_changes_and_deleting_a_declaration_unlinks(app):
    declaration = af.declaration()
    authority = services.authority_create(country=factories.country("FRA"), data=data(), by=None)
    services.authority_update(
        authority, data=data(email="new@example.org"), version=authority.version, by=None
    )
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "update"))
    assert event.changes["email"] == ["mla.fra@example.org", "new@example.org"]
    declaration_services.declaration_delete(declaration, by=None)
    db.session.expire_all()
    assert db.session.get(Authority, authority.id).declaration_id is None
