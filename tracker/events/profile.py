"""The country page's "Events" section: the events a country took part in, and its contributions."""

from tracker.countries.profile import register_section
from tracker.events import attendance, queries


def _load(country, day, params) -> dict:
    return {
        "events": attendance.country_events(country.id),
        "contributions": queries.country_contributions(country.id),
        "open_action_items": queries.country_open_action_items(country.id),
    }


register_section("events", "Events and contributions", "events/_country_section.html", _load, order=40)
