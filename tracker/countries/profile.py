"""The country page is assembled from sections that each feature registers.

A feature calls `register_section(...)` with a template and a loader; the loader runs its feature's own
queries (eagerly, a fixed number per section) and returns the template's context. The countries feature
thus needs to know nothing of contact points, events or activities.

A loader is `load(country, day, params)`: `params` is the page's query string as a plain mapping, handed
in by the route, so that loaders stay free of the request and can be called from a report or a test.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date

from tracker.countries.models import Country


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    template: str
    load: Callable[[Country, date, Mapping[str, str]], dict]
    order: int = 100


SECTIONS: dict[str, Section] = {}


def register_section(key: str, title: str, template: str, load, order: int = 100) -> None:
    SECTIONS[key] = Section(key, title, template, load, order)


def sections_for(
    country: Country, day: date, params: Mapping[str, str] | None = None
) -> list[tuple[Section, dict]]:
    params = params or {}
    return [(s, s.load(country, day, params)) for s in sorted(SECTIONS.values(), key=lambda s: s.order)]
