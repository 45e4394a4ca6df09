"""Demo directory: the 24/7 contact points of the 76 Parties as the T-CY 31st plenary saw them.

On 2024-12-10: 90 contact points of Parties (police 65, prosecution 16, ministry of justice 4, security
services 3, cybersecurity 2), 12 Parties with more than one. Between 2024-06-21 and 2024-12-10 the only
new designations are the seed's (Côte d'Ivoire, Benin, Kiribati, Fiji twice), and 12 versions were
shared whose changed countries are the 15 the seed names. Two versions precede the period, and a few
designations ended before it, so that history, diffs and "who was the contact point on date D" have
something to show. Every contact detail is fictitious: e-mails @example.org, phone numbers from ranges
reserved for drama or documentation, or the patterned example numbers of libphonenumber.

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
from tracker.demo.foundation import demo_user
from tracker.directory import services
from tracker.directory.models import ContactPoint
from tracker.extensions import db

POLICE, PROSECUTION, MOJ = "police", "prosecution", "ministry_of_justice"
SECURITY, CYBER = "security_services", "cybersecurity"

FIRST_RELEASE = date(2024, 1, 15)

# Parties with one contact point that is not the police.
SINGLE_TYPES = {
    "AND": (PROSECUTION, "Public Prosecutor's Office", "Cybercrime Unit"),
    "LIE": (PROSECUTION, "Office of the Public Prosecutor", "Economic and Cybercrime Section"),
    "MCO": (PROSECUTION, "Public Prosecutor's Office", "International Cooperation Desk"),
    "SMR": (PROSECUTION, "Single Court – Prosecutor's Office", "Cybercrime Desk"),
    "LUX": (PROSECUTION, "Public Prosecutor's Office", "Cybercrime Section"),
    "PRY": (PROSECUTION, "Public Prosecution Service", "Specialised Cybercrime Unit"),
    "MUS": (PROSECUTION, "Office of the Director of Public Prosecutions", "Cybercrime Unit"),
    "CPV": (MOJ, "Ministry of Justice", "Directorate of International Cooperation"),
    "TON": (MOJ, "Attorney General's Office and Ministry of Justice", "Cybercrime Desk"),
    "AZE": (SECURITY, "State Security Service", "Cyber Security Department"),
    "LKA": (CYBER, "Sri Lanka Computer Emergency Readiness Team", "24/7 Desk"),
}

# The 12 Parties with more than one contact point (Fiji's two are designated in the period).
MULTIPLE = {
    "DEU": [
        (POLICE, "Federal Criminal Police Office", "Cybercrime Division – 24/7 Desk"),
        (PROSECUTION, "Central Office for Combating Internet Crime", "Public Prosecutor's Office"),
    ],
    "ESP": [
        (POLICE, "National Police", "Central Cybercrime Unit"),
        (PROSECUTION, "State Prosecutor's Office", "Cybercrime Prosecution Unit"),
    ],
    "ROU": [
        (POLICE, "General Inspectorate of the Romanian Police", "Cybercrime Service"),
        (
            PROSECUTION,
            "Prosecutor's Office attached to the High Court of Cassation and Justice",
            "Cybercrime Section",
        ),
    ],
    "PRT": [
        (POLICE, "Judiciary Police", "National Cybercrime Unit"),
        (PROSECUTION, "Prosecutor General's Office", "Cybercrime Office"),
    ],
    "CHL": [
        (POLICE, "Investigations Police of Chile", "Cybercrime Brigade"),
        (PROSECUTION, "Public Prosecutor's Office", "Specialised Cybercrime Unit"),
    ],
    "ARG": [
        (POLICE, "Federal Police", "Cybercrime Department"),
        (PROSECUTION, "Public Prosecution Service", "Specialised Cybercrime Prosecutor's Office"),
    ],
    "EST": [
        (POLICE, "Police and Border Guard Board", "Cybercrime Bureau"),
        (CYBER, "Information System Authority", "CERT-EE"),
    ],
    "TUR": [
        (POLICE, "Turkish National Police", "Department of Cybercrime"),
        (SECURITY, "National Intelligence Organisation", "Cyber Security Directorate"),
    ],
    "PHL": [
        (POLICE, "Philippine National Police", "Anti-Cybercrime Group"),
        (MOJ, "Department of Justice", "Office of Cybercrime"),
    ],
    "FRA": [
        (POLICE, "Judicial Police", "Office for Combating Cybercrime"),
        (PROSECUTION, "Paris Public Prosecutor's Office", "Cybercrime Section"),
        (MOJ, "Ministry of Justice", "Directorate of Criminal Affairs – Mutual Assistance Office"),
    ],
    "UKR": [
        (POLICE, "National Police of Ukraine", "Cyber Police Department"),
        (PROSECUTION, "Office of the Prosecutor General", "Cybercrime Unit"),
        (SECURITY, "Security Service of Ukraine", "Cyber Security Department"),
    ],
}

# The seed's "latest developments": designated inside the plenary's period.
NEW_IN_PERIOD = {
    "KIR": [
        (POLICE, "Criminal Investigation Division – Interpol and Cybercrime Unit", None, date(2024, 7, 8))
    ],
    "BEN": [(POLICE, "Centre National d'Investigations Numériques", None, date(2024, 8, 26))],
    "CIV": [
        (POLICE, "BCN-Interpol Abidjan", "Plateforme de Lutte Contre la Cybercriminalité", date(2024, 9, 16))
    ],
    "FJI": [
        (POLICE, "Fiji Police Force", "Cybercrime Unit", date(2024, 10, 1)),
        (PROSECUTION, "Office of the Director of Public Prosecutions", "Cybercrime Desk", date(2024, 10, 1)),
    ],
}

# Police contact points with their own names (the others are "National Police of <country>").
POLICE_NAMES = {
    "USA": ("Federal Bureau of Investigation", "Cyber Division"),
    "GBR": ("National Crime Agency", "National Cyber Crime Unit"),
    "JPN": ("National Police Agency", "Cyber Affairs Bureau"),
    "CAN": ("Royal Canadian Mounted Police", "National Cybercrime Coordination Centre"),
    "AUS": ("Australian Federal Police", "Cyber Command"),
    "ITA": ("State Police", "Postal and Communications Police"),
    "NLD": ("National Police", "High Tech Crime Unit"),
    "CHE": ("Federal Office of Police", "Cybercrime Division"),
    "GEO": ("Ministry of Internal Affairs", "Cybercrime Division"),
    "FIN": ("National Bureau of Investigation", "Cybercrime Centre"),
}

# Designations of the first half of 2024 (between the first two versions).
NEW_EARLY_2024 = {"CMR": date(2024, 2, 19), "SLE": date(2024, 5, 13)}

# Designations that ended before the period, each replaced: (iso3, type, institution, unit, from, to).
ENDED = [
    (
        "ARM",
        POLICE,
        "Police of the Republic of Armenia",
        "High-Tech Crime Department",
        date(2012, 3, 1),
        date(2019, 12, 31),
    ),
    (
        "SRB",
        PROSECUTION,
        "Special Prosecutor's Office for High-Tech Crime",
        None,
        date(2010, 5, 3),
        date(2023, 6, 30),
    ),
    ("NGA", POLICE, "Nigeria Police Force", "Cybercrime Unit", date(2022, 11, 15), date(2024, 2, 29)),
    (
        "MDA",
        POLICE,
        "General Police Inspectorate",
        "Cybercrime Investigation Centre",
        date(2015, 1, 12),
        date(2024, 3, 31),
    ),
]
REPLACEMENTS = {
    "ARM": ("Police of the Republic of Armenia", "Cybercrime Division", date(2020, 1, 1)),
    "SRB": ("Ministry of the Interior", "Service for Combating High-Tech Crime", date(2023, 7, 1)),
    "NGA": ("Nigeria Police Force", "National Cybercrime Centre", date(2024, 3, 1)),
    "MDA": (
        "General Police Inspectorate",
        "National Investigation Inspectorate – Cybercrime Directorate",
        date(2024, 4, 1),
    ),
}

# A non-Party's contact point: listed in the directory, never counted in the Parties' statistics.
NON_PARTY = {"IRL": (POLICE, "An Garda Síochána", "National Cyber Crime Bureau", date(2021, 5, 3))}

# In-place edits, each followed by a version shared with the network: (date, note, [(iso3, type, changes)]).
# A change value of a callable receives the entry and returns the new value.
PERIOD_RELEASES = [
    (
        date(2024, 6, 28),
        "Albania: new phone number. Croatia: new e-mail address.",
        [
            ("ALB", POLICE, {"phone": lambda cp: _variant(cp, "phone", 1)}),
            ("HRV", POLICE, {"email": "247-cybercrime.hrv@example.org"}),
        ],
    ),
    (date(2024, 7, 12), "Kiribati: new contact point.", []),
    (
        date(2024, 7, 26),
        "Bulgaria: new mobile number. Spain: secure platform handle.",
        [
            ("BGR", POLICE, {"mobile": lambda cp: _variant(cp, "mobile", 2)}),
            ("ESP", POLICE, {"secure_platform": "CYBOX @esp-247-police"}),
        ],
    ),
    (
        date(2024, 8, 9),
        "Georgia: the unit was renamed.",
        [("GEO", POLICE, {"unit": "Cybercrime Division – Central Criminal Police Department"})],
    ),
    (date(2024, 8, 30), "Benin: new contact point.", []),
    (
        date(2024, 9, 13),
        "Finland: new phone number.",
        [("FIN", POLICE, {"phone": lambda cp: _variant(cp, "phone", 3)})],
    ),
    (date(2024, 9, 27), "Côte d'Ivoire: new contact point.", []),
    (date(2024, 10, 11), "Fiji: two new contact points (police and prosecution).", []),
    (
        date(2024, 10, 25),
        "Italy: new e-mail address. North Macedonia: new phone number.",
        [
            ("ITA", POLICE, {"email": "247-postal-police.ita@example.org"}),
            ("MKD", POLICE, {"phone": lambda cp: _variant(cp, "phone", 4)}),
        ],
    ),
    (
        date(2024, 11, 8),
        "Peru: English added. Cameroon: now available 24/7.",
        [
            ("PER", POLICE, {"languages": ["spa", "eng"]}),
            ("CMR", POLICE, {"available_24_7": True, "hours": None, "timezone": None}),
        ],
    ),
    (
        date(2024, 11, 22),
        "Philippines: secure platform handle.",
        [("PHL", POLICE, {"secure_platform": "CYBOX @phl-247-acg"})],
    ),
    (
        date(2024, 12, 6),
        "Spain: new instructions for urgent requests.",
        [
            (
                "ESP",
                POLICE,
                {
                    "instructions": "Urgent requests: call the duty officer, then send the Network's "
                    "preservation template by e-mail within the hour."
                },
            )
        ],
    ),
]
EARLY_RELEASES = [
    (FIRST_RELEASE, "Directory as shared with the Network at the start of 2024."),
    (
        date(2024, 5, 27),
        "Cameroon and Sierra Leone: new contact points. Nigeria and the Republic of Moldova: "
        "contact points replaced.",
    ),
]

# Numbers reserved for drama or documentation; {n} is a one-digit variant.
RESERVED = {
    "GB": "+44 20 7946 0{n}00",
    "US": "+1 202 555 01{n}0",
    "CA": "+1 613 555 01{n}0",
    "AU": "+61 2 5550 0{n}00",
    "FR": "+33 1 99 00 0{n} 00",
}
INSTRUCTIONS = [
    "Call the duty officer first; confirm every request in writing by e-mail.",
    "Send requests by e-mail in English; urgent cases by phone at any hour.",
    "Preservation requests by e-mail with the Network's template; call to confirm receipt.",
    "Phone for emergencies; otherwise e-mail with the case reference in the subject line.",
]
EMAIL_SLUG = {
    POLICE: "police",
    PROSECUTION: "prosecution",
    MOJ: "justice",
    SECURITY: "security",
    CYBER: "cert",
}


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


def _variant(cp: ContactPoint, key: str, variant: int) -> str:
    return fictitious_number(cp.country.iso2, key, variant)


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
                values = _current_values(cp) | {k: v(cp) if callable(v) else v for k, v in changes.items()}
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
