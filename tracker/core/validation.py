"""Validation of values that forms and imports share: e-mail, phone, language, time zone, date.

Each `normalise_*` returns the stored form of a value or raises ValueError with a sentence a user can act
on; forms turn it into a field error, imports into a row-and-column error.
"""

from datetime import date
from functools import lru_cache
from zoneinfo import available_timezones as _available_timezones

import phonenumbers
from email_validator import EmailNotValidError, validate_email

from tracker.core.languages import language_name, normalise_language  # noqa: F401 - re-exported


@lru_cache(maxsize=1)
def available_timezones() -> frozenset[str]:
    return frozenset(_available_timezones())


def normalise_email(value: str) -> str:
    """The normalised, lower-cased address, or ValueError with a readable reason. No DNS look-up."""
    try:
        result = validate_email(value.strip(), check_deliverability=False)
    except EmailNotValidError as error:
        raise ValueError(f"Not a valid e-mail address: {error}") from None
    return result.normalized.lower()


def normalise_phone(value: str, region: str | None = None) -> str:
    """The number in E.164 (+41223456789), or ValueError. `region` (ISO alpha-2) lets a national
    number without its +country code be read as the country's own."""
    try:
        number = phonenumbers.parse(value.strip(), region)
    except phonenumbers.NumberParseException:
        raise ValueError(f"“{value}” is not a phone number; write it as +<country code> <number>") from None
    if not phonenumbers.is_possible_number(number) or not phonenumbers.is_valid_number(number):
        raise ValueError(f"“{value}” is not a valid phone number for its country code")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def format_phone(e164: str | None) -> str:
    """An E.164 number in international format (+41 22 345 67 89) for display."""
    if not e164:
        return ""
    try:
        return phonenumbers.format_number(
            phonenumbers.parse(e164), phonenumbers.PhoneNumberFormat.INTERNATIONAL
        )
    except phonenumbers.NumberParseException:
        return e164


def normalise_timezone(value: str) -> str:
    """An IANA time zone name (“Europe/Paris”), or ValueError."""
    text = value.strip()
    if text not in available_timezones():
        raise ValueError(f"“{value}” is not an IANA time zone such as Europe/Paris")
    return text


# The dates the tracker accepts: the network's records start in the 20th century and nothing is planned
# past the 21st. A date outside (0001-01-01, 9999-12-31) is a typo, and date arithmetic on it (a day
# after, a year before) overflows Python's calendar.
EARLIEST_DATE = date(1900, 1, 1)
LATEST_DATE = date(2100, 12, 31)


def _named(field: str | None, message: str) -> str:
    return f"{field}: {message}" if field else message[0].upper() + message[1:]


def check_date_range(value: date, field: str | None = None) -> date:
    """`value` if it lies between EARLIEST_DATE and LATEST_DATE, else ValueError naming `field`.
    Every date a user can type (forms, filters, report periods, imports) goes through this check."""
    if not EARLIEST_DATE <= value <= LATEST_DATE:
        raise ValueError(
            _named(
                field,
                f"{value.isoformat()} is outside the dates the tracker accepts "
                f"({EARLIEST_DATE.isoformat()} to {LATEST_DATE.isoformat()})",
            )
        )
    return value


def parse_date(value: str, field: str | None = None) -> date:
    """A date written YYYY-MM-DD (as ISO 8601 and spreadsheets export it) within the accepted range, or
    ValueError naming `field`."""
    try:
        parsed = date.fromisoformat(value.strip()[:10])
    except ValueError:
        raise ValueError(_named(field, f"“{value}” is not a date; write it as YYYY-MM-DD")) from None
    return check_date_range(parsed, field)
