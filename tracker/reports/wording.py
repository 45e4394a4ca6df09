"""The sentences of the plenary report, shared by the HTML page and the PowerPoint deck."""

from tracker.reports.model import PlenaryReport

LONGEST_LIST = 12


def _names(names: list[str], longest: int | None = None) -> str:
    """Names in full, or their number when a list is longer than `longest` (e.g. every Party)."""
    return ", ".join(names) if longest is None or len(names) <= longest else f"{len(names)} countries"


def wording(report: PlenaryReport) -> dict:
    authorities = report.authorities
    period = f"{report.period_from:%d %B %Y} – {report.period_to:%d %B %Y}"
    versions = "version" if report.release_count == 1 else "versions"
    return {
        "period": f"Period: {period}",
        "releases": f"{report.release_count} updated {versions} shared with the Network"
        + (
            f" ({_names([name for _, name in report.release_countries])})" if report.release_countries else ""
        ),
        "parties_with_contact_point": f"Parties with contact points: {report.parties_with_contact_point} "
        f"of {report.parties}",
        "parties_with_multiple": "Parties with more than 1 contact point: "
        f"{report.parties_with_multiple_contact_points}",
        "types": [f"{report.type_labels[k]}: {v}" for k, v in report.contact_points_by_type.items()],
        "new_contact_points": [f"{name}: {institution}" for _, name, institution in report.new_contact_points]
        or ["No new contact point designated in the period"],
        "activities": [
            f"{a.kind_label}: {a.title}"
            + (f" (beneficiaries: {_names(a.beneficiaries, LONGEST_LIST)})" if a.beneficiaries else "")
            + (
                f"; contribution of the 24/7 contact points of {_names(a.contributors, LONGEST_LIST)}"
                if a.contributors
                else ""
            )
            for a in report.activities
        ]
        or ["No capacity-building activity in the period"],
        "meetings": [
            [m.sentence if m.place else f"Participation: {m.sentence}"]
            + ([f"Updates by new members: {_names(m.new_member_updates)}"] if m.new_member_updates else [])
            + ([f"Good practices: {_names(m.good_practices)}"] if m.good_practices else [])
            for m in report.meetings
        ],
        "authorities": [
            f"{authorities.get('provided_input', 0)}/{authorities.get('parties', 0)} Parties provided input",
            f"{authorities.get('incomplete', 0)} Parties did not fill in all fields",
            f"{authorities.get('differs_from_declaration', 0)} Parties inserted data that differ from their "
            "official declarations",
        ],
        "reachability": _reachability(report.reachability),
        "open_action_items_title": f"Open action items ({report.outstanding_action_items})",
        "open_action_items": [
            f"{text}"
            + (f" — {owner}" if owner else "")
            + (f" (due {due:%d %b %Y})" if due else "")
            + f" [{event}]"
            for text, owner, due, event in report.open_action_items
        ]
        or ["No open action item"],
    }


def _reachability(figures: dict) -> list[str]:
    """The reachability tests of the period, as a plenary reads them."""
    if not figures.get("tests"):
        return ["No reachability test of the contact points in the period"]
    tests = "test" if figures["tests"] == 1 else "tests"
    lines = [
        f"{figures['tests']} reachability {tests}: {figures['contact_points_tested']} contact points tested",
        f"{figures['answered']} answered, {figures['answered_within_24h']} of them within 24 hours",
    ]
    if figures.get("median_response_minutes") is not None:
        lines.append(f"Median time to answer: {figures['median_response_minutes']:g} minutes")
    return lines
