"""The rules an entry's values must meet, and their stored form.

`clean_entry` is the one place an entry's values are checked and normalised: the services call it before
they write, and the importer calls it on every row, so a phone number or a language is judged the same way
everywhere. The form only parses (types, lengths, required fields); it does not call these rules.

Each field has a small cleaner that returns the stored value or raises ValueError with a sentence the user
can act on; the rules that tie fields together (a channel to reach the contact point, hours or 24/7, the
period of the designation) run after them on the cleaned values.
"""

from collections.abc import Callable

from tracker.core.parsing import text_or_none as _text
from tracker.core.validation import normalise_email, normalise_language, normalise_phone, normalise_timezone
from tracker.directory.models import ContactPointType

ENTRY_FIELDS = (
    "institution",
    "unit",
    "type",
    "phone",
    "mobile",
    "fax",
    "email",
    "secure_platform",
    "available_24_7",
    "hours",
    "timezone",
    "languages",
    "instructions",
    "address",
    "valid_from",
    "valid_to",
)
LENGTHS = {"institution": 200, "unit": 200, "secure_platform": 200, "hours": 200}
CHANNELS = ("phone", "mobile", "email")


def split_languages(value) -> list[str]:
    if isinstance(value, (list, tuple)):
        return [str(v).strip() for v in value if str(v).strip()]
    return [part.strip() for part in (value or "").replace(";", ",").split(",") if part.strip()]


# -- one field each -----------------------------------------------------------------------------------
def _text_of(key: str) -> Callable:
    """A free-text field: blank is None; a field with a limit refuses longer text."""

    def clean(value, region):
        text = _text(value)
        if text and key in LENGTHS and len(text) > LENGTHS[key]:
            raise ValueError(f"Longer than {LENGTHS[key]} characters.")
        return text

    return clean


def _institution(value, region):
    text = _text_of("institution")(value, region)
    if not text:
        raise ValueError("Name the institution.")
    return text


def _type(value, region) -> ContactPointType:
    try:
        return ContactPointType(value)
    except ValueError:
        raise ValueError(f"Choose one of: {', '.join(t.value for t in ContactPointType)}.") from None


def _phone(value, region) -> str | None:
    """E.164; a national number is read as the country's own (`region`, ISO alpha-2)."""
    text = _text(value)
    return normalise_phone(text, region) if text else None


def _email(value, region) -> str | None:
    text = _text(value)
    return normalise_email(text) if text else None


def _timezone(value, region) -> str | None:
    text = _text(value)
    return normalise_timezone(text) if text else None


def _languages(value, region) -> list[str]:
    """ISO 639 alpha-3 codes, each once, in the order given; every unknown one is named at once."""
    codes, unknown = [], []
    for text in split_languages(value):
        try:
            code = normalise_language(text)
        except ValueError:
            unknown.append(text)
        else:
            if code not in codes:
                codes.append(code)
    if unknown:
        raise ValueError(f"Not a language name (English or French) or ISO 639 code: {', '.join(unknown)}.")
    return codes


def _valid_from(value, region):
    if value is None:
        raise ValueError("Give the date from which the contact point is designated.")
    return value


CLEANERS: dict[str, Callable] = {
    "institution": _institution,
    "unit": _text_of("unit"),
    "type": _type,
    "phone": _phone,
    "mobile": _phone,
    "fax": _phone,
    "email": _email,
    "secure_platform": _text_of("secure_platform"),
    "available_24_7": lambda value, region: bool(value),
    "hours": _text_of("hours"),
    "timezone": _timezone,
    "languages": _languages,
    "instructions": _text_of("instructions"),
    "address": _text_of("address"),
    "valid_from": _valid_from,
    "valid_to": lambda value, region: value,
}


# -- rules across fields ------------------------------------------------------------------------------
def _channel_rule(values: dict, errors: dict) -> dict[str, str]:
    """At least one way to reach the contact point (unless a given one is already refused)."""
    if any(values[key] for key in CHANNELS) or errors.keys() & set(CHANNELS):
        return {}
    return {"phone": "Give at least a phone number, a mobile number or an e-mail address."}


def _hours_rule(values: dict, errors: dict) -> dict[str, str]:
    """A 24/7 contact point has no hours; any other states its hours and their time zone."""
    if values["available_24_7"]:
        if values["hours"]:
            return {"hours": "A 24/7 contact point has no stated hours: clear the hours or untick 24/7."}
        return {}
    problems = {}
    if not values["hours"] and "hours" not in errors:
        problems["hours"] = "State the hours when the contact point answers, or tick 24/7."
    if not values["timezone"] and "timezone" not in errors:
        problems["timezone"] = "Give the time zone of the stated hours (for example Europe/Paris)."
    return problems


def _period_rule(values: dict, errors: dict) -> dict[str, str]:
    start, end = values["valid_from"], values["valid_to"]
    if start is not None and end is not None and end < start:
        return {"valid_to": "The designation cannot end before it starts (valid to is before valid from)."}
    return {}


RULES = (_channel_rule, _hours_rule, _period_rule)


def clean_entry(data: dict, *, region: str | None) -> tuple[dict, dict[str, str]]:
    """The entry's stored values and {field: problem}, in the order of ENTRY_FIELDS. `region` (ISO
    alpha-2) reads national numbers. A refused field's value is None."""
    values: dict = {}
    errors: dict[str, str] = {}
    for key, clean in CLEANERS.items():
        try:
            values[key] = clean(data.get(key), region)
        except ValueError as error:
            values[key], errors[key] = None, str(error)
    for rule in RULES:
        errors |= {key: message for key, message in rule(values, errors).items() if key not in errors}
    return values, {key: errors[key] for key in ENTRY_FIELDS if key in errors}
