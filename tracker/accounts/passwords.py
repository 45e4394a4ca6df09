"""Password policy and hashing (werkzeug), in one place.

The policy follows NIST SP 800-63B §5.1.1.2: a minimum length, no composition rules, and a refusal of
passwords an attacker tries first: breached and common ones (zxcvbn's list of 30,000, drawn from public
breach corpora), repeats, sequences, keyboard walks, and the user's own e-mail address. Each refusal
names its reason, as the guideline asks.
"""

from flask import current_app
from werkzeug.security import check_password_hash, generate_password_hash
from zxcvbn import zxcvbn
from zxcvbn.frequency_lists import FREQUENCY_LISTS

MIN_LENGTH = 12
MAX_LENGTH = 128  # NIST asks verifiers to accept at least 64
# zxcvbn refuses longer input; a password's first 72 characters are enough to judge its guessability.
_ESTIMATE_LENGTH = 72
# zxcvbn's score 3 is "safely unguessable" (about 10^8 guesses): enough with a throttled log-in.
MIN_SCORE = 3
BREACHED = frozenset(FREQUENCY_LISTS["passwords"])

_WEAKNESS = {
    "repeat": "it repeats a pattern (like “abcabcabc”)",
    "sequence": "it is a sequence (like “abcdef” or “123456”)",
    "spatial": "it is a keyboard pattern (like “qwertyuiop”)",
    "date": "it is built on a date",
    "regex": "it is built on a year",
}


def password_problem(password: str, *, email: str | None = None, name: str | None = None) -> str | None:
    """Why `password` is refused for the account with `email` (and `name`), or None if it is acceptable."""
    if len(password) < MIN_LENGTH:
        return f"Use at least {MIN_LENGTH} characters."
    if len(password) > MAX_LENGTH:
        return f"Use at most {MAX_LENGTH} characters."
    lowered = password.strip().lower()
    if email:
        email = email.strip().lower()
        if lowered in {email, email.partition("@")[0]}:
            return "Do not use your e-mail address (or the part before the @) as your password."
    if lowered in BREACHED:
        return "This password is too common: it is on a list of breached passwords; choose another."
    context = [value for value in (email, email and email.partition("@")[0], name) if value]
    estimate = zxcvbn(password[:_ESTIMATE_LENGTH], user_inputs=context)
    if estimate["score"] >= MIN_SCORE:
        return None
    return f"This password is too easy to guess: {_weakness(estimate['sequence'])}; choose another."


def _weakness(matches: list[dict]) -> str:
    """The reason behind the largest guessable part of the password, in words."""
    guessable = [match for match in matches if match["pattern"] != "bruteforce"]
    if not guessable:
        return "it is too short for its variety of characters"
    match = max(guessable, key=lambda match: len(match["token"]))
    if match["pattern"] == "dictionary":
        if match.get("dictionary_name") == "user_inputs":
            return "it is built on your e-mail address or name"
        if match.get("dictionary_name") == "passwords":
            return f"it is built on the common password “{match['token']}”"
        return f"it is built on the common word or name “{match['token']}”"
    return _WEAKNESS.get(match["pattern"], "it follows a common pattern")


def hash_password(password: str) -> str:
    return generate_password_hash(password, method=current_app.config["PASSWORD_HASH_METHOD"])


def verify_password(password_hash: str, password: str) -> bool:
    return check_password_hash(password_hash, password)
