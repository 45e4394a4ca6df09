"""Party input against the declaration: field by field, after normalising case, accents, punctuation."""

from datetime import date

from tests.authorities import factories
from tracker.authorities.comparison import comparable, differences, fillable_fields
from tracker.authorities.models import DifferenceReview, Field, Source


def test_normalisation_folds_case_accents_punctuation_and_spaces():
    assert comparable(Field.NAME, "MINISTERE  DE LA JUSTICE.") == comparable(
        Field.NAME, "Ministère de la Justice"
    )
    assert comparable(Field.ADDRESS, "13, Place Vendôme\n75001 Paris") == comparable(
        Field.ADDRESS, "13 place vendome 75001 PARIS"
    )
    assert comparable(Field.EMAIL, " MLA@Example.org") == "mla@example.org"
    assert comparable(Field.PHONE, "+33 1 23 45 00 00") == comparable(Field.PHONE, "+33123450000")
    assert comparable(Field.NAME, None) == ""


def test_only_the_partys_own_values_are_compared_field_by_field(app):
    declaration = factories.declaration(phone="+33123450000", email="mla.fra@example.org", address="1 Rue X")
    authority = factories.authority(
        declaration=declaration,
        name="MINISTERE DE LA JUSTICE.",  # the same, written differently
        phone="+33123450009",  # differs
        email="other@example.org",  # differs
    )
    assert [(d.field, d.party_value, d.declared_value) for d in differences(authority)] == [
        (Field.PHONE, "+33123450009", "+33123450000"),
        (Field.EMAIL, "other@example.org", "mla.fra@example.org"),
    ]
    # the address is empty on the Party's side: an empty field, not a difference; the declaration can fill it
    assert authority.empty_fields == [Field.ADDRESS] and fillable_fields(authority) == [Field.ADDRESS]
    # a value taken from the declaration (or given by the secretariat) is not Party input
    authority.email_source = Source.OFFICIAL_DECLARATION
    assert [d.field for d in differences(authority)] == [Field.PHONE]


def test_no_declaration_no_differences_and_as_of_ignores_later_input(app):
    assert differences(factories.authority(name="Anything")) == []
    declaration = factories.declaration()
    authority = factories.authority(
        declaration=declaration, name="Prosecutor General", received_on=date(2024, 9, 2)
    )
    assert len(differences(authority)) == 1
    assert differences(authority, as_of=date(2024, 9, 1)) == []


def test_a_review_holds_only_for_the_values_it_was_made_for(app):
    declaration = factories.declaration()
    authority = factories.authority(declaration=declaration, name="Prosecutor General")
    authority.reviews.append(
        DifferenceReview(
            field=Field.NAME,
            party_value="PROSECUTOR GENERAL",
            declared_value="Ministere de la Justice",
            note="ok",
        )
    )
    assert differences(authority)[0].reviewed
    authority.name = "Prosecutor General's Office"  # the Party sent a new value: a new difference
    assert not differences(authority)[0].reviewed
