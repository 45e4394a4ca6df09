"""The country page's section on contact points: current, later and past designations, and who the
contact point was on a date the reader picks (`?cp_on=YYYY-MM-DD`)."""

from datetime import date

from tracker.core.validation import parse_date
from tracker.countries.models import Country
from tracker.countries.profile import register_section
from tracker.directory import queries
from tracker.directory.records import display


def load(country: Country, today: date, params) -> dict:
    entries = queries.country_contact_points(country.id)
    asked, error = None, None
    if text := (params.get("cp_on") or "").strip():
        try:
            asked = parse_date(text, "Who was the contact point on")
        except ValueError as problem:
            error = f"{problem}."
    by_state: dict[str, list] = {"current": [], "upcoming": [], "ended": []}
    for cp in entries:
        by_state[cp.state_on(today)].append(cp)
    return {
        "today": today,
        "iso3": country.iso3,
        "show": display,
        "current": by_state["current"],
        "upcoming": by_state["upcoming"],
        "ended": by_state["ended"],
        "asked": asked,
        "asked_error": error,
        "on_asked": [cp for cp in entries if cp.designated_on(asked)] if asked else [],
        "release_numbers": queries.country_release_numbers(country.id),
    }


register_section("directory", "24/7 contact points", "directory/_country_section.html", load, order=10)
