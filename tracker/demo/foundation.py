"""Demo organisations and accounts."""

from sqlalchemy import select

from tracker.accounts.models import User
from tracker.accounts.services import user_by_email, user_create
from tracker.countries.models import Organisation, OrganisationKind
from tracker.extensions import db

DEMO_ACCOUNTS = [
    ("admin@example.org", "Ada Admin", "admin", "demo-admin-pass"),
    ("editor@example.org", "Eddie Editor", "editor", "demo-editor-pass"),
    ("viewer@example.org", "Vera Viewer", "viewer", "demo-viewer-pass"),
]

# The organisations the plenary presentation names, and those that attend network meetings.
ORGANISATIONS = [
    ("Council of Europe", "CoE", OrganisationKind.INTERNATIONAL, "https://www.coe.int"),
    (
        "European Union Agency for Law Enforcement Cooperation",
        "Europol",
        OrganisationKind.INTERNATIONAL,
        "https://www.europol.europa.eu",
    ),
    (
        "International Criminal Police Organization",
        "INTERPOL",
        OrganisationKind.INTERNATIONAL,
        "https://www.interpol.int",
    ),
    (
        "European Union Agency for Criminal Justice Cooperation",
        "Eurojust",
        OrganisationKind.INTERNATIONAL,
        "https://www.eurojust.europa.eu",
    ),
    ("European Commission", "EC", OrganisationKind.REGIONAL, "https://commission.europa.eu"),
    (
        "United Nations Office on Drugs and Crime",
        "UNODC",
        OrganisationKind.INTERNATIONAL,
        "https://www.unodc.org",
    ),
    ("G7 24/7 Network (Roma-Lyon Group)", "G7", OrganisationKind.NETWORK, None),
    ("Organization of American States", "OAS", OrganisationKind.REGIONAL, "https://www.oas.org"),
]


def demo_loaded() -> bool:
    return user_by_email(DEMO_ACCOUNTS[0][0]) is not None


def load_accounts() -> list[tuple[str, str, str]]:
    for email, name, role, password in DEMO_ACCOUNTS:
        if user_by_email(email) is None:
            user_create(email=email, name=name, role=role, password=password)
    return [(email, role, password) for email, _name, role, password in DEMO_ACCOUNTS]


def load_organisations() -> None:
    existing = set(db.session.scalars(select(Organisation.name)))
    for name, acronym, kind, website in ORGANISATIONS:
        if name not in existing:
            db.session.add(Organisation(name=name, acronym=acronym, kind=kind, website=website))


def demo_user(role: str = "editor") -> User:
    return db.session.scalar(select(User).where(User.email == f"{role}@example.org"))
