"""The country page's "Capacity building" section: the activities a country received and contributed to,
on one timeline with the events it took part in."""

from tracker.activities import queries
from tracker.countries.profile import register_section


def _load(country, day, params) -> dict:
    return {"timeline": queries.country_timeline(country.id)}


register_section(
    "activities", "Capacity building and events", "activities/_country_section.html", _load, order=50
)
