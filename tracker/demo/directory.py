"""Demo directory: the 24/7 contact points of the 76 Parties as the T-CY 31st plenary saw them.

On 2024-12-10: 90 contact points of Parties (police 65, prosecution 16, ministry of justice 4, security
services 3, cybersecurity 2), 12 Parties with more than one. Between 2024-06-21 and 2024-12-10 the only
new designations are the seed's (Côte d'Ivoire, Benin, Kiribati, Fiji twice), and 12 versions were
shared whose changed countries are the 15 the seed names. Two versions precede the period, and a few
designations ended before it, so that history, diffs and "who was the contact point on date D" have
something to show. Every contact detail is fictitious: e-mails @example.org, phone numbers from ranges
reserved for drama or documentation, or the patterned example numbers of libphonenumber. The story's
tables are in `directory_data.py`.

The story is replayed through the services in date order, so each entry's history and each version's
snapshot come out as they would have; audit timestamps are then set to the story's dates.
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

import phonenumbers
from babel.core import get_global
from babel.languages import get_official_languages
from sqlalchemy import func, select, update

from tracker.core.audit import AuditEvent
from tracker.core.validation import normalise_language, normalise_phone
from tracker.countries.models import Country, Instrument, Status
from tracker.countries.queries import countries_with_status
from tracker.demo.directory_data import (
    EARLY_RELEASES,
    EMAIL_SLUG,
    ENDED,
    INSTRUCTIONS,
    MULTIPLE,
    NEW_EARLY_2024,
    NEW_IN_PERIOD,
    NON_PARTY,
    PERIOD_RELEASES,
    POLICE,
    POLICE_NAMES,
    REPLACEMENTS,
    RESERVED,
    SINGLE_TYPES,
    NewNumber,
)
from tracker.demo.foundation import demo_user
from tracker.directory import services
from tracker.directory.models import ContactPoint
from tracker.extensions import db


def fictitious_number(region: str, kind: str, variant: int = 0) -> str:
    """A valid number for `region` that is obviously not a real contact point's, in E.164."""
    if region in RESERVED and kind != "mobile":
        return normalise_phone(RESERVED[region].format(n=variant))
    number_type = (
        phonenumbers.PhoneNumberType.MOBILE if kind == "mobile" else phonenumbers.PhoneNumberType.FIXED_LINE
    )
    example = phonenumbers.example_number_for_type(region, number_type)
    digits = str(example.national_number)
    for step in range(10):  # another last digit for each variant, as long as the number stays valid
        candidate = digits[:-1] + str((int(digits[-1]) + variant + step) % 10)
        if variant and candidate == digits:
            continue
        parsed = phonenumbers.parse(f"+{example.country_code}{candidate}")
        if phonenumbers.is_valid_number(parsed):
            return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
    return phonenumbers.format_number(example, phonenumbers.PhoneNumberFormat.E164)


def _change(cp: ContactPoint, value):
    """A change's value for the entry: a NewNumber becomes another fictitious number of its country."""
    if isinstance(value, NewNumber):
        return fictitious_number(cp.country.iso2, value.kind, value.variant)
    return value


def _languages(country: Country) -> list[str]:
    codes = []
    for code in get_official_languages(country.iso2)[:2]:
        try:
            codes.append(normalise_language(code))
        except ValueError:
            continue
    return [*dict.fromkeys([*codes, "eng"])]


@dataclass
class Designation:
    iso3: str
    type: str
    institution: str
    unit: str | None
    valid_from: date
    valid_to: date | None = None


def _story(parties: list[Country]) -> list[Designation]:
    """Every designation of the demo, in no particular order."""
    designations = []
    for i, country in enumerate(parties):
        iso3 = country.iso3
        if iso3 in NEW_IN_PERIOD:
            designations += [
                Designation(iso3, t, inst, unit, start) for t, inst, unit, start in NEW_IN_PERIOD[iso3]
            ]
            continue
        start = date(2013 + i % 10, (i * 5) % 12 + 1, (i * 11) % 27 + 1)
        membership = country.membership(Instrument.ETS185)
        deposited = membership.deposited_on if membership else None
        if deposited and deposited + timedelta(days=45) > start:
            start = deposited + timedelta(days=45)
        start = NEW_EARLY_2024.get(iso3, start)
        if iso3 in REPLACEMENTS:
            institution, unit, start = REPLACEMENTS[iso3]
            designations.append(Designation(iso3, POLICE, institution, unit, start))
        elif iso3 in MULTIPLE:
            for k, (kind, institution, unit) in enumerate(MULTIPLE[iso3]):
                later = min(start + timedelta(days=230 * k), date(2023, 12, 1))
                designations.append(Designation(iso3, kind, institution, unit, later))
        elif iso3 in SINGLE_TYPES:
            kind, institution, unit = SINGLE_TYPES[iso3]
            designations.append(Designation(iso3, kind, institution, unit, start))
        else:
            institution, unit = POLICE_NAMES.get(
                iso3, (f"National Police of {country.name}", _police_unit(i))
            )
            designations.append(Designation(iso3, POLICE, institution, unit, start))
    designations += [
        Designation(iso3, t, inst, unit, start, end) for iso3, t, inst, unit, start, end in ENDED
    ]
    designations += [
        Designation(iso3, t, inst, unit, start) for iso3, (t, inst, unit, start) in NON_PARTY.items()
    ]
    return designations


def _police_unit(i: int) -> str:
    return ["Cybercrime Unit", "High-Tech Crime Unit", "Cybercrime Directorate", "Computer Crime Division"][
        i % 4
    ]


def _entry_data(d: Designation, country: Country, n: int) -> dict:
    slug = EMAIL_SLUG[d.type] + ("-old" if d.valid_to else "")
    hours = n % 11 == 4 or d.iso3 == "CMR"
    return {
        "country_id": country.id,
        "institution": d.institution,
        "unit": d.unit,
        "type": d.type,
        "phone": fictitious_number(country.iso2, "phone", n % 3),
        "mobile": fictitious_number(country.iso2, "mobile") if n % 2 == 0 else None,
        "fax": fictitious_number(country.iso2, "fax", 9) if n % 3 == 0 else None,
        "email": f"247-{slug}.{d.iso3.lower()}@example.org",
        "secure_platform": f"CYBOX @{d.iso3.lower()}-247-{EMAIL_SLUG[d.type]}" if n % 5 == 1 else None,
        "available_24_7": not hours,
        "hours": "Mon–Fri 07:30–16:30; duty officer on call outside these hours" if hours else None,
        "timezone": get_global("territory_zones").get(country.iso2, ["UTC"])[0] if hours else None,
        "languages": ["spa"] if d.iso3 == "PER" else _languages(country),
        "instructions": INSTRUCTIONS[n % len(INSTRUCTIONS)],
        "address": f"Example Street {n + 1}, {country.name}",
        "valid_from": d.valid_from,
        "valid_to": None,
    }


class _Clock:
    """Sets the time of the audit events that a step of the story records to the story's date."""

    def __init__(self):
        self.mark = db.session.scalar(select(func.max(AuditEvent.id))) or 0

    def stamp(self, day: date) -> None:
        db.session.flush()
        db.session.execute(
            update(AuditEvent)
            .where(AuditEvent.id > self.mark)
            .values(at=datetime.combine(day, time(10, 0), tzinfo=UTC))
            .execution_options(synchronize_session=False)
        )
        self.mark = db.session.scalar(select(func.max(AuditEvent.id))) or self.mark


def _parties_on(day: date) -> list[Country]:
    return [row.country for row in countries_with_status(day, status=Status.PARTY)]


def load() -> None:
    if db.session.scalar(select(func.count(ContactPoint.id))):
        return  # loaded already (or the directory holds real data): change nothing
    editor = demo_user("editor")
    countries = {c.iso3: c for c in db.session.scalars(select(Country))}
    designations = _story(_parties_on(date(2024, 12, 10)))
    clock = _Clock()
    entries: dict[tuple[str, str], ContactPoint] = {}
    steps: list[tuple[date, int, object]] = []
    for n, d in enumerate(sorted(designations, key=lambda d: (d.valid_from, d.iso3, d.institution))):
        steps.append((d.valid_from, 0, ("create", d, n)))
        if d.valid_to:
            steps.append((d.valid_to, 1, ("end", d)))
    for day, note in EARLY_RELEASES:
        steps.append((day, 3, ("release", note, [])))
    for day, note, edits in PERIOD_RELEASES:
        steps.append((day - timedelta(days=2), 2, ("edit", edits)))
        steps.append((day, 3, ("release", note, edits)))
    made: dict[int, ContactPoint] = {}
    for day, _order, step in sorted(steps, key=lambda s: (s[0], s[1])):
        kind = step[0]
        if kind == "create":
            _kind, d, n = step
            cp = services.contact_point_create(data=_entry_data(d, countries[d.iso3], n), by=editor)
            made[id(d)] = cp
            if not d.valid_to:
                entries[(d.iso3, d.type)] = entries.get((d.iso3, d.type)) or cp
        elif kind == "end":
            cp = made[id(step[1])]
            services.contact_point_end(cp, valid_to=step[1].valid_to, version=cp.version, by=editor)
        elif kind == "edit":
            for iso3, kind_of_entry, changes in step[1]:
                cp = entries[(iso3, kind_of_entry)]
                values = _current_values(cp) | {k: _change(cp, v) for k, v in changes.items()}
                services.contact_point_update(cp, data=values, version=cp.version, by=editor)
        else:
            services.release_publish(released_on=day, note=step[1], by=editor)
        clock.stamp(day)
    _verify(made.values(), editor, clock)


def _current_values(cp: ContactPoint) -> dict:
    return {key: getattr(cp, key) for key in services.ENTRY_FIELDS}


def _verify(entries, editor, clock: _Clock) -> None:
    """Most entries verified in the last months, some longer ago (stale), a few never."""
    today = date.today()
    for i, cp in enumerate(sorted(entries, key=lambda cp: cp.id)):
        if cp.valid_to is not None:
            day = cp.valid_to - timedelta(days=90)
        elif i % 17 == 5:
            continue
        elif i % 10 == 3:
            day = today - timedelta(days=400 + 3 * i)
        else:
            day = today - timedelta(days=5 + (7 * i) % 330)
        services.contact_point_verify(cp, by=editor, on=max(day, cp.valid_from))
        clock.stamp(max(day, cp.valid_from))
