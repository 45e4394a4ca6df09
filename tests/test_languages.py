"""Languages by the names people use (CLDR, English and French) or ISO 639 code; shown by common name."""

import pytest

from tracker.core.languages import language_name, normalise_language


@pytest.mark.parametrize(
    ("typed", "code", "shown"),
    [
        ("Greek", "ell", "Greek"),
        ("grec", "ell", "Greek"),
        ("Swahili", "swa", "Swahili"),
        ("swa", "swa", "Swahili"),
        ("sw", "swa", "Swahili"),
        ("Malay", "msa", "Malay"),
        ("Nepali", "nep", "Nepali"),
        ("Pashto", "pus", "Pashto"),
        ("Tongan", "ton", "Tongan"),
        ("français", "fra", "French"),
        ("FRANCAIS", "fra", "French"),
        ("fre", "fra", "French"),
        ("allemand", "deu", "German"),
        ("Ga", "gaa", "Ga"),
        ("  Portuguese ", "por", "Portuguese"),
    ],
)
def test_language_by_name_or_code_shown_by_common_name(typed, code, shown):
    assert normalise_language(typed) == code
    assert language_name(code) == shown


def test_unknown_language_says_how_to_write_it():
    with pytest.raises(ValueError, match="Klingonese.*English or French.*ISO 639"):
        normalise_language("Klingonese")


def test_unknown_code_is_shown_as_is():
    assert language_name("qqq") == "qqq"
