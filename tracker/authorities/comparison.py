"""Party input against the official declaration, field by field.

Values are compared after normalising case, accents, punctuation and whitespace (the same folding the
country-name matcher uses), so "MINISTERE DE LA JUSTICE" and "Ministère de la Justice." agree. Only values
the Party itself gave are compared: a value copied from the declaration cannot differ from it, and an
empty value on either side is an empty field, not a difference.
"""

from dataclasses import dataclass
from datetime import date

from tracker.authorities.models import FIELDS, Authority, DifferenceReview, Field, Source
from tracker.countries.matching import normalise


def comparable(field: Field, value: str | None) -> str:
    if not value:
        return ""
    if field is Field.PHONE:
        return "".join(ch for ch in value if ch.isdigit())
    if field is Field.EMAIL:
        return value.strip().casefold()
    return normalise(value)


def same(field: Field, a: str | None, b: str | None) -> bool:
    return comparable(field, a) == comparable(field, b)


@dataclass(frozen=True)
class Difference:
    field: Field
    party_value: str
    declared_value: str
    review: DifferenceReview | None  # a review made for exactly these two values

    @property
    def reviewed(self) -> bool:
        return self.review is not None


def current_review(authority: Authority, field: Field, party_value: str, declared_value: str):
    for review in authority.reviews:
        if (
            review.field == field
            and same(field, review.party_value, party_value)
            and same(field, review.declared_value, declared_value)
        ):
            return review
    return None


def differences(authority: Authority, as_of: date | None = None) -> list[Difference]:
    """How the Party's own values differ from its declaration (needs `declaration` and `reviews` loaded).

    With `as_of`, only values received on or before that day count.
    """
    declaration = authority.declaration
    if declaration is None:
        return []
    found = []
    for field in FIELDS:
        if authority.source(field) != Source.PARTY_INPUT:
            continue
        if as_of is not None and authority.received_on(field) > as_of:
            continue
        party_value, declared_value = authority.value(field), declaration.value(field)
        if party_value and declared_value and not same(field, party_value, declared_value):
            review = current_review(authority, field, party_value, declared_value)
            found.append(Difference(field, party_value, declared_value, review))
    return found


def fillable_fields(authority: Authority) -> list[Field]:
    """The empty fields that the linked declaration could fill."""
    declaration = authority.declaration
    if declaration is None:
        return []
    return [f for f in authority.empty_fields if declaration.value(f)]
