"""Reads for the input received from the Parties: its status and the follow-up list.

Counts run in SQL. Differences from declarations need text normalisation, so they are computed in Python
over the authorities of the Parties, loaded in a fixed number of queries (a few hundred rows at most).

Definitions, as of a day D (all restricted to the Parties to ETS 185 on D):
- `provided_input`: Parties with a recorded input received on or before D;
- `incomplete`: among those, Parties with at least one authority with an empty name, address, phone or
  e-mail (a Party that sent nothing is counted under "no input", not here);
- `filled_from_declaration`: among those, Parties with at least one value taken from a declaration;
- `differs_from_declaration`: Parties with at least one value of their own that differs from their
  declaration, **reviewed or not** (a review records that the secretariat looked at it; the directory
  keeps the Party's value and the declaration still differs until the Party updates it);
  `differs_unreviewed` counts those with at least one difference not yet reviewed.
"""

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import distinct, func, or_, select
from sqlalchemy.orm import selectinload

from tracker.authorities.comparison import differences
from tracker.authorities.models import Authority, DifferenceReview, Field, PartyInput, Source
from tracker.authorities.queries import AuthorityView, party_ids
from tracker.core.collation import name_key, name_order
from tracker.countries.models import Country
from tracker.extensions import db

# -- who answered -------------------------------------------------------------------------------------


def provided_ids(day: date):
    """A subquery: ids of the Parties on `day` with an input received on or before `day`."""
    return select(PartyInput.country_id).where(
        PartyInput.received_on <= day, PartyInput.country_id.in_(party_ids(day))
    )


_ANY_EMPTY = or_(
    Authority.name.is_(None),
    Authority.address.is_(None),
    Authority.phone.is_(None),
    Authority.email.is_(None),
)
_ANY_FROM_DECLARATION = or_(
    *(getattr(Authority, f"{f.value}_source") == Source.OFFICIAL_DECLARATION for f in Field)
)


def _count_countries(query) -> int:
    return db.session.scalar(query) or 0


def _authorities_of_parties(day: date) -> list[Authority]:
    return list(
        db.session.scalars(
            select(Authority)
            .where(Authority.country_id.in_(party_ids(day)))
            .join(Authority.country)
            .order_by(name_order(Country.name), Authority.article, name_order(Authority.name))
            .options(
                selectinload(Authority.country),
                selectinload(Authority.declaration),
                selectinload(Authority.reviews).selectinload(DifferenceReview.reviewed_by),
            )
        )
    )


def input_headline(day: date) -> dict[str, int]:
    """{"parties": Parties on `day`, "provided_input": those with an input received on or before `day`}."""
    return {
        "parties": _count_countries(select(func.count()).select_from(party_ids(day).subquery())),
        "provided_input": _count_countries(
            select(func.count(distinct(provided_ids(day).subquery().c.country_id)))
        ),
    }


def _counts(day: date) -> dict[str, int]:
    provided = provided_ids(day)
    return input_headline(day) | {
        "incomplete": _count_countries(
            select(func.count(distinct(Authority.country_id))).where(
                Authority.country_id.in_(provided), _ANY_EMPTY
            )
        ),
        "filled_from_declaration": _count_countries(
            select(func.count(distinct(Authority.country_id))).where(
                Authority.country_id.in_(provided), _ANY_FROM_DECLARATION
            )
        ),
    }


def _difference_counts(authorities: list[Authority], day: date) -> dict[str, int]:
    differing, unreviewed = set(), set()
    for authority in authorities:
        for difference in differences(authority, as_of=day):
            differing.add(authority.country_id)
            if not difference.reviewed:
                unreviewed.add(authority.country_id)
    return {"differs_from_declaration": len(differing), "differs_unreviewed": len(unreviewed)}


def input_counts(day: date) -> dict[str, int]:
    """The plenary statistics' `authorities` section, as of `day` (plain integers, JSON-ready).

    Keys: parties, provided_input, incomplete, differs_from_declaration (reviewed or not), plus
    filled_from_declaration and differs_unreviewed. See the module's docstring for the definitions.
    """
    return _counts(day) | _difference_counts(_authorities_of_parties(day), day)


@dataclass(frozen=True)
class PartyRef:
    iso3: str
    name: str


@dataclass(frozen=True)
class InputSummary:
    iso3: str
    name: str
    first_received_on: date
    last_received_on: date
    returns: int


def input_status(day: date) -> dict:
    """Everything the status page shows, as of `day`: the counts of `input_counts(day)` and the lists

    - no_input: [PartyRef] Parties with no input received on or before `day`;
    - inputs: [InputSummary] Parties that provided input, with the first and last date received;
    - incomplete_entries: [AuthorityView] authorities (of Parties that provided input) with empty fields;
    - differing_entries: [AuthorityView] authorities whose Party input differs from the declaration.
    """
    authorities = _authorities_of_parties(day)
    provided = provided_ids(day)
    no_input = [
        PartyRef(iso3, name)
        for iso3, name in db.session.execute(
            select(Country.iso3, Country.name)
            .where(Country.id.in_(party_ids(day)), Country.id.not_in(provided))
            .order_by(name_order(Country.name))
        )
    ]
    inputs = [
        InputSummary(*row)
        for row in db.session.execute(
            select(
                Country.iso3,
                Country.name,
                func.min(PartyInput.received_on),
                func.max(PartyInput.received_on),
                func.count(PartyInput.id),
            )
            .join(PartyInput.country)
            .where(PartyInput.country_id.in_(party_ids(day)), PartyInput.received_on <= day)
            .group_by(Country.iso3, Country.name)
            .order_by(name_order(Country.name))
        )
    ]
    answered = {ref.iso3 for ref in inputs}
    views = [AuthorityView.of(a, day) for a in authorities]
    return (
        _counts(day)
        | _difference_counts(authorities, day)
        | {
            "day": day,
            "no_input": no_input,
            "inputs": inputs,
            "incomplete_entries": [
                v for v in views if v.empty_fields and v.authority.country.iso3 in answered
            ],
            "differing_entries": [v for v in views if v.differences],
        }
    )


# -- follow-up ----------------------------------------------------------------------------------------


@dataclass
class FollowUp:
    """A Party the secretariat should contact, and why."""

    iso3: str
    name: str
    no_input: bool = False
    incomplete: list[AuthorityView] = field(default_factory=list)
    differs: list[AuthorityView] = field(default_factory=list)
    last_received_on: date | None = None

    @property
    def reasons(self) -> list[str]:
        reasons = ["No input"] if self.no_input else []
        if self.incomplete:
            reasons.append("Empty fields")
        if self.differs:
            reasons.append("Differs from the declaration")
        return reasons


def follow_up(day: date) -> list[FollowUp]:
    """Parties to contact as of `day`: no input, incomplete entries, or input that differs from the
    declaration (reviewed or not: only the Party can bring its declaration up to date)."""
    status = input_status(day)
    rows: dict[str, FollowUp] = {}
    for ref in status["no_input"]:
        rows[ref.iso3] = FollowUp(ref.iso3, ref.name, no_input=True)
    last = {i.iso3: i.last_received_on for i in status["inputs"]}
    for key, views in (
        ("incomplete", status["incomplete_entries"]),
        ("differs", status["differing_entries"]),
    ):
        for view in views:
            country = view.authority.country
            row = rows.setdefault(country.iso3, FollowUp(country.iso3, country.name))
            getattr(row, key).append(view)
    for row in rows.values():
        row.last_received_on = last.get(row.iso3)
    return sorted(rows.values(), key=lambda r: name_key(r.name))


# -- the input received -------------------------------------------------------------------------------


def party_inputs_list() -> list[PartyInput]:
    return list(
        db.session.scalars(
            select(PartyInput)
            .join(PartyInput.country)
            .order_by(PartyInput.received_on.desc(), name_order(Country.name))
            .options(selectinload(PartyInput.country))
        )
    )
