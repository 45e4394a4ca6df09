"""The country page's section "Contact points at the annual meetings": for each recent annual meeting,
the country's contact points designated then and whether each attended.

A contact point is shown by its designation (institution and unit, as the directory section shows it to
every reader), never by a person's name; the link to the person's page is for editors only.
"""

from tracker.countries.profile import register_section
from tracker.people import queries


def _load(country, day, params) -> dict:
    return {"meetings": queries.contact_points_at_annual_meetings(country.id, day)}


register_section(
    "contact_point_attendance",
    "Contact points at the annual meetings",
    "people/_country_section.html",
    _load,
    order=45,
)
