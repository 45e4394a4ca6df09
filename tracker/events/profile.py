"""The country page's "Contributions and action items" section. The events a country took part in are
listed once, on the activities section's timeline (tracker/activities/profile.py)."""

from tracker.countries.profile import register_section
from tracker.events import queries


def _load(country, day, params) -> dict:
    return {
        "contributions": queries.country_contributions(country.id),
        "open_action_items": queries.country_open_action_items(country.id),
    }


register_section("events", "Contributions and action items", "events/_country_section.html", _load, order=40)
