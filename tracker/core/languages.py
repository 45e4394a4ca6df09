"""Languages as people name them: CLDR names in English and French (Babel) or ISO 639 codes, stored as
ISO 639-3 alpha-3 codes and shown by their common English name.

ISO 639's reference names are precise but not what a secretariat types or reads: “Swahili
(macrolanguage)”, “Greek, Modern (1453-)”, “Malay (macrolanguage)”, “Nepali (macrolanguage)”. CLDR's
names (“Swahili”, “Greek”, “Malay”) are the ones used by operating systems and browsers, in both of the
Council of Europe's working languages, so a value typed in either is accepted.
"""

import unicodedata
from functools import lru_cache

import pycountry
from babel import Locale

NAME_LOCALES = ("en", "fr")


def _fold(text: str) -> str:
    """Case- and accent-insensitive form, so “Français”, “francais” and “FRANÇAIS” match."""
    decomposed = unicodedata.normalize("NFKD", " ".join(text.split()).casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _iso(code: str):
    """The pycountry language of a CLDR/ISO code (2-letter, 3-letter terminological or bibliographic)."""
    code = code.lower()
    if len(code) == 2:
        return pycountry.languages.get(alpha_2=code)
    if len(code) == 3:
        return pycountry.languages.get(alpha_3=code) or next(
            (lang for lang in pycountry.languages if getattr(lang, "bibliographic", None) == code), None
        )
    return None


@lru_cache(maxsize=1)
def _names() -> dict[str, str]:
    """Folded name → alpha-3 code, from ISO 639-3 names first, then CLDR (en, fr) which wins on clashes."""
    index = {_fold(lang.name): lang.alpha_3 for lang in pycountry.languages}
    for locale in NAME_LOCALES:
        for code, name in Locale(locale).languages.items():
            language = _iso(code) if "_" not in code else None
            if language is not None:
                index[_fold(name)] = language.alpha_3
    return index


def normalise_language(value: str) -> str:
    """The alpha-3 code of a language given by ISO code or English/French name (“fr”, “fra”, “fre”,
    “French”, “français”, “Swahili”, “grec” → …), or ValueError."""
    text = value.strip()
    # “Ga”, “Ewe”, “Fon”: a capitalised word is read as a name first (“Ga” is gaa, not Irish's “ga”).
    if text.istitle() and _fold(text) in _names():
        return _names()[_fold(text)]
    language = _iso(text) if len(text) in (2, 3) else None
    if language is not None:
        return language.alpha_3
    code = _names().get(_fold(text))
    if code is None:
        raise ValueError(
            f"“{value}” is not a language: write its name in English or French (e.g. Swahili, grec) "
            "or its ISO 639 code (sw, swa)"
        )
    return code


@lru_cache(maxsize=1024)
def language_name(code: str) -> str:
    """The common English name of an alpha-3 code (“swa” → “Swahili”, “ell” → “Greek”); ISO 639's own
    name where CLDR has none, and the code itself when it is unknown."""
    language = pycountry.languages.get(alpha_3=code) if code else None
    if language is None:
        return code
    english = Locale("en").languages
    for candidate in (getattr(language, "alpha_2", None), language.alpha_3):
        if candidate and candidate in english:
            return english[candidate]
    return language.name
