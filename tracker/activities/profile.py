"""The country page's "Capacity building" section: the activities a country received and contributed to,
on one timeline with the events it took part in; and the event page's list of the activities linked to it."""

from tracker.activities import queries
from tracker.countries.profile import register_section
from tracker.events.sections import register_event_section


def _load(country, day, params) -> dict:
    return {"timeline": queries.country_timeline(country.id)}


register_section(
    "activities", "Capacity building and events", "activities/_country_section.html", _load, order=50
)


def _event_load(event) -> dict:
    return {"activities": queries.activities_of_event(event.id)}


register_event_section(
    "activities", "Capacity-building activities", "activities/_event_section.html", _event_load, order=10
)
