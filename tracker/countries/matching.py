"""The one country-name matcher every import uses.

Exact look-up on an index of known names, normalised for case, accents, apostrophes and punctuation:
pycountry's names (short, official, common), Babel's CLDR territory names in English and French, and a
short alias list. Never fuzzy: a name that is not in the index is unknown, and a name that two countries
share is left out so that it is unknown too, rather than guessed.
"""

import re
import unicodedata
from collections import defaultdict
from functools import lru_cache

import pycountry
from babel import Locale

# Names found in Party returns and older documents that neither pycountry nor CLDR lists.
ALIASES = {
    "Turkey": "TUR",
    "Ivory Coast": "CIV",
    "Republic of Korea": "KOR",
    "Macedonia": "MKD",
    "The former Yugoslav Republic of Macedonia": "MKD",
    "Swaziland": "SWZ",
    "Cape Verde": "CPV",
    "Holy See": "VAT",
    "Vatican": "VAT",
    "Russia": "RUS",
    "Brunei": "BRN",
    "Micronesia": "FSM",
    "Palestine": "PSE",
    "East Timor": "TLS",
    "Burma": "MMR",
    "Democratic Republic of the Congo": "COD",
    "DR Congo": "COD",
    "United States of America": "USA",
    "UK": "GBR",
    "Great Britain": "GBR",
}

_NON_ALNUM = re.compile(r"[^0-9a-z]+")


def normalise(name: str) -> str:
    """Fold case and accents, turn every apostrophe and punctuation mark into a space."""
    decomposed = unicodedata.normalize("NFKD", name)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    words = _NON_ALNUM.sub(" ", stripped.casefold().replace("&", " and ")).split()
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def _known_names():
    english, french = Locale("en").territories, Locale("fr").territories
    for country in pycountry.countries:
        iso3 = country.alpha_3
        for attr in ("name", "official_name", "common_name"):
            if value := getattr(country, attr, None):
                yield value, iso3
        for territories in (english, french):
            if value := territories.get(country.alpha_2):
                yield value, iso3
    yield from ALIASES.items()


@lru_cache(maxsize=1)
def _index() -> dict[str, str]:
    candidates: dict[str, set[str]] = defaultdict(set)
    for name, iso3 in _known_names():
        if key := normalise(name):
            candidates[key].add(iso3)
    return {key: next(iter(codes)) for key, codes in candidates.items() if len(codes) == 1}


@lru_cache(maxsize=1)
def _codes() -> dict[str, str]:
    codes = {}
    for country in pycountry.countries:
        codes[country.alpha_3] = country.alpha_3
        codes[country.alpha_2] = country.alpha_3
    return codes


def match_country(text: str | None) -> str | None:
    """The ISO 3166 alpha-3 code that `text` names (a code or a known name), or None if unknown."""
    if not text or not text.strip():
        return None
    value = text.strip()
    if len(value) in (2, 3) and value.isalpha() and (code := _codes().get(value.upper())):
        return code
    return _index().get(normalise(value))
