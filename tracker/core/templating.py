"""Filters and globals available in every template."""

from datetime import date, datetime

from flask_login import current_user

from tracker.core.access import Role, has_role
from tracker.core.collation import name_key
from tracker.core.validation import format_phone


def format_date(value: date | datetime | None, missing: str = "—") -> str:
    if value is None:
        return missing
    if isinstance(value, datetime):
        return value.strftime("%d %b %Y %H:%M")
    return value.strftime("%d %b %Y")


def sort_names(names) -> list[str]:
    """Names in reading order (the UCA, as every list of names):
    `countries|map(attribute='name')|sort_names`."""
    return sorted(names, key=name_key)


# The main navigation, in order: (endpoint, label).
NAV_ITEMS = [
    ("dashboards.home", "Home"),
    ("directory.contact_point_list", "Directory"),
    ("countries.country_list", "Countries"),
    ("events.event_list", "Events"),
    ("activities.activity_list", "Capacity building"),
    ("authorities.directory", "Authorities"),
    ("countries.organisation_list", "Organisations"),
    ("reports.plenary", "Plenary report"),
]


def register(app) -> None:
    """Install the app-wide filters and globals: on the app, not on a blueprint, so that every template
    can use them whichever blueprints are loaded."""
    app.add_template_filter(format_date, "date")
    app.add_template_filter(format_phone, "format_phone")
    app.add_template_filter(sort_names, "sort_names")

    @app.context_processor
    def roles():
        return {
            "Role": Role,
            "can_edit": has_role(current_user, Role.EDITOR),
            "is_admin": has_role(current_user, Role.ADMIN),
            "nav_items": NAV_ITEMS,
        }
