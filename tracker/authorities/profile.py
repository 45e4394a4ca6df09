"""The country page's section: the Party's authorities, their sources, differences from its declaration."""

from datetime import date

from tracker.authorities.queries import party_directory
from tracker.countries.models import Country, Status
from tracker.countries.profile import register_section


def load(country: Country, day: date, params) -> dict:
    return {"directory": party_directory(country), "is_party": country.status_on(day) == Status.PARTY}


register_section(
    "authorities",
    "Authorities for extradition (Article 24) and mutual assistance (Article 27)",
    "authorities/_country_section.html",
    load,
    order=60,
)
