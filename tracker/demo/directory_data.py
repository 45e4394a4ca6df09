"""The demo directory's story as data: who designated what, when, and what each shared version changed.

`tracker.demo.directory` replays it through the directory services (its docstring tells the story).
"""

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class NewNumber:
    """A change to another fictitious number of the entry's country: `kind` (phone, mobile or fax) and a
    `variant` other than the entry's first."""

    kind: str
    variant: int


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
# A NewNumber change gives the entry another fictitious number of its country.
PERIOD_RELEASES = [
    (
        date(2024, 6, 28),
        "Albania: new phone number. Croatia: new e-mail address.",
        [
            ("ALB", POLICE, {"phone": NewNumber("phone", 1)}),
            ("HRV", POLICE, {"email": "247-cybercrime.hrv@example.org"}),
        ],
    ),
    (date(2024, 7, 12), "Kiribati: new contact point.", []),
    (
        date(2024, 7, 26),
        "Bulgaria: new mobile number. Spain: secure platform handle.",
        [
            ("BGR", POLICE, {"mobile": NewNumber("mobile", 2)}),
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
        [("FIN", POLICE, {"phone": NewNumber("phone", 3)})],
    ),
    (date(2024, 9, 27), "Côte d'Ivoire: new contact point.", []),
    (date(2024, 10, 11), "Fiji: two new contact points (police and prosecution).", []),
    (
        date(2024, 10, 25),
        "Italy: new e-mail address. North Macedonia: new phone number.",
        [
            ("ITA", POLICE, {"email": "247-postal-police.ita@example.org"}),
            ("MKD", POLICE, {"phone": NewNumber("phone", 4)}),
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
