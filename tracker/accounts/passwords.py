"""Password policy and hashing (werkzeug), in one place."""

from flask import current_app
from werkzeug.security import check_password_hash, generate_password_hash

MIN_LENGTH = 10
# The most common passwords of at least MIN_LENGTH characters in public breach lists.
COMMON = frozenset(
    {
        "1234567890",
        "12345678910",
        "0123456789",
        "1q2w3e4r5t",
        "qwertyuiop",
        "password1",
        "password12",
        "password123",
        "password1234",
        "iloveyou12",
        "1qaz2wsx3edc",
        "qwerty1234",
        "qwerty12345",
        "abcdefghij",
        "aaaaaaaaaa",
        "1111111111",
        "0000000000",
        "administrator",
        "letmein123",
        "welcome123",
        "changeme123",
        "passw0rd123",
        "football123",
        "princess123",
        "trustno1234",
    }
)


def password_problem(password: str) -> str | None:
    """Why `password` is refused, or None if it is acceptable."""
    if len(password) < MIN_LENGTH:
        return f"Use at least {MIN_LENGTH} characters."
    if password.lower() in COMMON or len(set(password)) < 4:
        return "This password is too common or too simple; choose another."
    return None


def hash_password(password: str) -> str:
    return generate_password_hash(password, method=current_app.config["PASSWORD_HASH_METHOD"])


def verify_password(password_hash: str, password: str) -> bool:
    return check_password_hash(password_hash, password)
