import pytest

from tracker.countries.matching import match_country, normalise


@pytest.mark.parametrize(
    ("text", "iso3"),
    [
        ("Cote D'Ivoire", "CIV"),  # a Party return
        ("Côte d’Ivoire", "CIV"),  # Indico / CLDR, typographic apostrophe
        ("Côte d'Ivoire", "CIV"),
        ("CIV", "CIV"),
        ("ci", "CIV"),
        ("Türkiye", "TUR"),
        ("Turkey", "TUR"),
        ("Republic of Moldova", "MDA"),
        ("Moldova", "MDA"),
        ("Czech Republic", "CZE"),
        ("Czechia", "CZE"),
        ("The Netherlands", "NLD"),
        ("Pays-Bas", "NLD"),  # CLDR French
        ("  north   macedonia ", "MKD"),
        ("United States of America", "USA"),
        ("Congo - Kinshasa", "COD"),
        ("Dominican Republic", "DOM"),
    ],
)
def test_known_names_match(text, iso3):
    assert match_country(text) == iso3


@pytest.mark.parametrize("text", ["Kosovo", "Columbia", "Atlantis", "", "   ", None, "Korea", "Europe"])
def test_unknown_names_are_never_guessed(text):
    assert match_country(text) is None


def test_normalise_folds_case_accents_and_punctuation():
    assert normalise("Côte d’Ivoire") == normalise("COTE D'IVOIRE") == "cote d ivoire"
    assert normalise("Bosnia & Herzegovina") == "bosnia and herzegovina"
