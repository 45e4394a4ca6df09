"""Validation of values that several features share (e-mail now; phone numbers and languages later)."""

from email_validator import EmailNotValidError, validate_email


def normalise_email(value: str) -> str:
    """The normalised, lower-cased address, or ValueError with a readable reason. No DNS look-up."""
    try:
        result = validate_email(value.strip(), check_deliverability=False)
    except EmailNotValidError as error:
        raise ValueError(f"Not a valid e-mail address: {error}") from None
    return result.normalized.lower()
