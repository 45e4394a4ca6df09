"""The treaty records' notes and sources as a reader of the country page wants them.

The reference data keeps the researcher's shorthand (“accession”, “invited 2024-10-09”, “dates not
found”) and bare URLs: right for checking the data, unreadable on a country page. These filters turn the
shorthand into sentences and each URL into the title of its source (“Council of Europe Treaty Office”), so
a page shows “Sources: Council of Europe Treaty Office, Dutch treaty database” instead of “[1] [2]”.
"""

import re
from datetime import date
from urllib.parse import urlsplit

from tracker.countries import bp

# host (without "www.") -> the source's name; any other host is shown as its domain
SOURCE_TITLES = {
    "coe.int": "Council of Europe Treaty Office",
    "conventions.coe.int": "Council of Europe Treaty Office",
    "rm.coe.int": "Council of Europe (document)",
    "verdragen.nl": "Dutch treaty database (depositary records)",
    "treatydatabase.overheid.nl": "Dutch treaty database (depositary records)",
    "zoek.officielebekendmakingen.nl": "Dutch official publications (Tractatenblad)",
    "cybercrimelaw.net": "Cybercrimelaw.net (Convention status table)",
    "canada.ca": "Government of Canada",
    "mofa.go.jp": "Ministry of Foreign Affairs of Japan",
    "bgbl.de": "German Federal Law Gazette",
    "legilux.public.lu": "Legilux (Luxembourg official journal)",
    "nc4.go.ke": "Kenya National Computer and Cybercrimes Coordination Committee",
}
JOINED_BY = {"accession": "accession", "ratification": "ratification", "acceptance": "acceptance"}
ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")


@bp.app_template_filter("source_title")
def source_title(url: str) -> str:
    host = (urlsplit(url.strip()).hostname or url).removeprefix("www.")
    return SOURCE_TITLES.get(host) or host


def _readable_dates(text: str) -> str:
    def replace(match: re.Match) -> str:
        try:
            return date(*map(int, match.groups())).strftime("%d %b %Y")
        except ValueError:
            return match.group(0)

    return ISO_DATE.sub(replace, text)


@bp.app_template_filter("membership_note")
def membership_note(note: str | None) -> str:
    """“accession” → “Joined by accession.”; “invited 2024-10-09” → “Invited to accede on 09 Oct 2024.”;
    anything else: its dates written out, as a sentence."""
    text = " ".join((note or "").split()).strip(' "')
    if not text:
        return ""
    if text.casefold() in JOINED_BY:
        return f"Joined by {JOINED_BY[text.casefold()]}."
    invited = re.fullmatch(r"invited (.+)", text, re.IGNORECASE)
    if invited:
        return f"Invited to accede on {_readable_dates(invited.group(1))}."
    text = _readable_dates(text)
    return text[0].upper() + text[1:] + ("" if text.endswith(".") else ".")
