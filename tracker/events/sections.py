"""Sections other features add to the event page, as the country page's registry does (countries/profile):
the event page lists what is linked to the event (e.g. the capacity-building activities logged from it)
without the events package importing those features."""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class EventSection:
    key: str
    title: str
    template: str
    load: Callable  # load(event) -> dict for the template (its own bounded queries)
    order: int = 100


SECTIONS: dict[str, EventSection] = {}


def register_event_section(key: str, title: str, template: str, load: Callable, order: int = 100) -> None:
    SECTIONS[key] = EventSection(key, title, template, load, order)


def sections_for(event) -> list[tuple[EventSection, dict]]:
    return [(s, s.load(event)) for s in sorted(SECTIONS.values(), key=lambda s: s.order)]
