"""The country page's "Reachability and verification" section: the reachability tests of the country's
contact points (the last one first, response times over time), the verifications by source, and the
directory versions its contact points were sent."""

from collections import Counter

from tracker.countries.profile import register_section
from tracker.outreach import distribution, results


def _load(country, day, params) -> dict:
    tests, verifications = results.country_outreach(country.id)
    return {
        "last_test": tests[-1] if tests else None,
        "tests": list(reversed(tests)),  # newest first, as people read a history
        "verifications": verifications[:10],
        "by_source": Counter(v.source.label for v in verifications).most_common(),
        "distributions": distribution.country_distributions(country.id),
    }


register_section(
    "outreach", "Reachability and verification", "outreach/_country_section.html", _load, order=15
)
