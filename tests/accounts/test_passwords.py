"""Passwords as NIST SP 800-63B asks: long enough, not breached or guessable, not the e-mail, not the
current one; no composition rules; each refusal says what is wrong."""

import pytest
from sqlalchemy import select

from tests import factories
from tracker.accounts.models import User
from tracker.accounts.passwords import password_problem
from tracker.extensions import db

EMAIL = "jane.doe@example.org"


@pytest.mark.parametrize(
    ("password", "reason"),
    [
        ("abcdabcdab", "Use at least 12 characters."),
        ("abcdabcdabcd", "repeats a pattern"),
        ("aaaaaaaaaaaaaaa", "repeats a pattern"),
        ("password1234", "too common: it is on a list of breached passwords"),
        ("1qaz2wsx3edc", "too common"),
        ("QWERTYUIOPAS", "built on the common password “QWERTYUIOP”"),
        ("asdfghjkl;'\\", "keyboard pattern"),
        ("jane.doe@example.org", "e-mail address"),
        ("Jane.Doe", "Use at least 12"),
        ("jane.doe1234", "built on your e-mail address or name"),
        ("x" * 129, "Use at most 128 characters."),
    ],
)
def test_weak_passwords_are_refused_with_their_reason(app, password, reason):
    problem = password_problem(password, email=EMAIL, name="Jane Doe")
    assert problem is not None and reason in problem


def test_the_local_part_of_the_e_mail_is_refused():
    problem = password_problem("jane.doe.smith", email="jane.doe.smith@example.org")
    assert problem == "Do not use your e-mail address (or the part before the @) as your password."


@pytest.mark.parametrize(
    "password",
    [
        "correct horse battery",
        "a much better secret",
        "kdjfhgqpwoei",
        "lowercase only passphrase",
        "x" * 4 + "Tr0ub4dor&3",
    ],
)
def test_long_unguessable_passwords_pass_without_composition_rules(password):
    assert password_problem(password, email=EMAIL) is None


def test_the_demo_passwords_pass():
    from tracker.demo.foundation import DEMO_ACCOUNTS

    for email, name, _role, password in DEMO_ACCOUNTS:
        assert password_problem(password, email=email, name=name) is None, email


def _change(client, new, current=factories.PASSWORD):
    return client.post(
        "/account/password", data={"current_password": current, "new_password": new, "confirm": new}
    )


def test_the_current_password_cannot_be_the_new_one(client, login_as):
    user = login_as("viewer")
    response = _change(client, factories.PASSWORD)
    assert response.status_code == 200
    assert "The new password must differ from the current one." in response.get_data(as_text=True)
    assert db.session.get(User, user.id).password_hash == user.password_hash


def test_the_own_e_mail_is_refused_on_change(client, login_as):
    user = login_as("viewer", email="maria.rossi.lopez@example.org")
    for new in ("maria.rossi.lopez@example.org", "Maria.Rossi.Lopez"):
        body = _change(client, new).get_data(as_text=True)
        assert "Do not use your e-mail address" in body, new
    assert db.session.get(User, user.id).password_hash == user.password_hash


def test_an_administrator_cannot_give_a_new_account_its_own_e_mail_as_password(client, login_as):
    login_as("admin")
    response = client.post(
        "/admin/users/new",
        data={
            "email": "new.person.here@example.org",
            "name": "New Person",
            "role": "viewer",
            "password": "new.person.here@example.org",
        },
    )
    assert "Do not use your e-mail address" in response.get_data(as_text=True)
    assert db.session.scalar(select(User).where(User.email == "new.person.here@example.org")) is None
