"""The plenary statistics for a period: one computation, rendered as HTML, JSON, XLSX and PPTX.

`to_json()` gives the contract of DESIGN.md ("add keys, never rename"); the renderers in this package read
the same object, so the four outputs cannot disagree.
"""

from dataclasses import dataclass, field
from datetime import date


@dataclass
class MeetingFigures:
    """One meeting of the period as the report shows it: its attendance split and what it heard."""

    title: str
    date: date
    place: str | None
    delegates: int
    in_person: int
    online: int
    countries: int
    parties: int
    observers: int
    organisations: int
    sentence: str
    new_member_updates: list[str] = field(default_factory=list)
    good_practices: list[str] = field(default_factory=list)
    conclusions: list[str] = field(default_factory=list)
    event_id: int | None = None

    def to_json(self) -> dict:
        return {
            "title": self.title,
            "date": self.date.isoformat(),
            "place": self.place,
            "delegates": self.delegates,
            "in_person": self.in_person,
            "online": self.online,
            "countries": self.countries,
            "parties": self.parties,
            "observers": self.observers,
            "organisations": self.organisations,
            "sentence": self.sentence,
            "new_member_updates": self.new_member_updates,
            "good_practices": self.good_practices,
            "conclusions": self.conclusions,
        }


@dataclass
class ActivityLine:
    """One capacity-building activity of the period, with its countries as names."""

    kind: str
    kind_label: str
    title: str
    start: date | None
    beneficiaries: list[str]
    contributors: list[str]
    topics: list[str] = field(default_factory=list)

    def to_json(self) -> dict:
        return {
            "kind": self.kind,
            "title": self.title,
            "start": self.start.isoformat() if self.start else None,
            "beneficiaries": self.beneficiaries,
            "contributors": self.contributors,
            "topics": self.topics,
        }


@dataclass
class PlenaryReport:
    period_from: date
    period_to: date
    parties: int
    parties_with_contact_point: int
    parties_with_multiple_contact_points: int
    contact_points_by_type: dict[str, int]
    release_count: int
    release_countries: list[tuple[str, str]]  # (iso3, name)
    new_contact_points: list[tuple[str, str, str]]  # (iso3, country name, institution)
    activities: list[ActivityLine]
    meetings: list[MeetingFigures]
    authorities: dict[str, int]
    action_items: dict[str, int]
    open_action_items: list[tuple[str, str, date | None, str]] = field(
        default_factory=list
    )  # (text, owner, due, event)
    plenary_decisions: list[tuple[str, str]] = field(default_factory=list)  # (event title, decision)
    # the reachability tests of the period (tracker.outreach.results.reachability): null figures when none
    reachability: dict = field(default_factory=dict)

    @property
    def outstanding_action_items(self) -> int:
        """Action items still to do (open or in progress): the number that heads the listed ones, so a
        summary never says 5 over a list of 7."""
        return len(self.open_action_items)

    @property
    def type_labels(self) -> dict[str, str]:
        return {
            key: key.replace("_", " ").capitalize().replace("Ministry of justice", "Ministry of Justice")
            for key in self.contact_points_by_type
        }

    def to_json(self) -> dict:
        return {
            "period": {"from": self.period_from.isoformat(), "to": self.period_to.isoformat()},
            "parties": self.parties,
            "parties_with_contact_point": self.parties_with_contact_point,
            "parties_with_multiple_contact_points": self.parties_with_multiple_contact_points,
            "contact_points_by_type": self.contact_points_by_type,
            "directory_releases": {
                "count": self.release_count,
                "countries": [iso3 for iso3, _ in self.release_countries],
            },
            "new_contact_points": [
                {"country": iso3, "institution": inst} for iso3, _, inst in self.new_contact_points
            ],
            "activities": [a.to_json() for a in self.activities],
            "meetings": [m.to_json() for m in self.meetings],
            "authorities": self.authorities,
            "action_items": self.action_items,
            "reachability": self.reachability,
        }
