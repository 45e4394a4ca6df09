from datetime import date

import pytest

from tracker.core.validation import (
    format_phone,
    language_name,
    normalise_email,
    normalise_language,
    normalise_phone,
    normalise_timezone,
    parse_date,
)


def test_email():
    assert normalise_email(" Anna.Kovacs@Example.ORG ") == "anna.kovacs@example.org"
    for bad in ["anna", "anna@", "@example.org", "a b@example.org"]:
        with pytest.raises(ValueError, match="Not a valid e-mail address"):
            normalise_email(bad)


def test_phone_is_stored_in_e164_and_shown_internationally():
    assert normalise_phone("+41 22 345 67 89") == "+41223456789"
    assert normalise_phone("022 345 67 89", "CH") == "+41223456789"
    assert format_phone("+41223456789") == "+41 22 345 67 89"
    for bad in ["12", "+999 123", "call me", "+33 1"]:
        with pytest.raises(ValueError, match="phone number"):
            normalise_phone(bad)


def test_language():
    assert normalise_language("fr") == normalise_language("FRA") == normalise_language("French") == "fra"
    assert language_name("eng") == "English"
    with pytest.raises(ValueError, match="not a language"):
        normalise_language("xx")


def test_timezone_and_date():
    assert normalise_timezone("Europe/Paris") == "Europe/Paris"
    with pytest.raises(ValueError, match="IANA time zone"):
        normalise_timezone("CET+1")
    assert parse_date("2024-10-18") == date(2024, 10, 18)
    assert parse_date("2024-10-18 09:00:00") == date(2024, 10, 18)
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        parse_date("18/10/2024")
