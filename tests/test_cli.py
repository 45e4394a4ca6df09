import os
import shutil
import subprocess
import sys

from sqlalchemy import func, select

from tests import factories
from tracker.accounts.models import User
from tracker.countries.models import Organisation
from tracker.extensions import db


def test_console_script_is_bound_to_the_app(database_url):
    script = shutil.which("tracker") or os.path.join(os.path.dirname(sys.executable), "tracker")
    env = os.environ | {"SECRET_KEY": "cli-test-" + "k" * 32, "DATABASE_URL": database_url}
    result = subprocess.run(
        [script, "routes"], capture_output=True, text=True, env=env, timeout=60, check=False
    )
    assert result.returncode == 0, result.stderr
    assert "countries.country_list" in result.stdout and "/healthz" in result.stdout


def test_users_create_reads_the_password_from_stdin(app):
    runner = app.test_cli_runner()
    result = runner.invoke(
        args=["users", "create", "--email", "Clerk@Example.org", "--role", "editor", "--password-stdin"],
        input="a long enough secret\n",
    )
    assert result.exit_code == 0, result.output
    user = db.session.scalar(select(User).where(User.email == "clerk@example.org"))
    assert user.role == "editor"


def test_users_create_prompts_for_the_password(app):
    runner = app.test_cli_runner()
    result = runner.invoke(
        args=["users", "create", "--email", "p@example.org", "--role", "viewer"],
        input="a long enough secret\na long enough secret\n",
    )
    assert result.exit_code == 0, result.output


def test_users_create_refuses_bad_input_and_writes_nothing(app):
    factories.user(email="taken@example.org")
    db.session.commit()
    runner = app.test_cli_runner()
    for email, password, message in [
        ("taken@example.org", "a long enough secret", "already exists"),
        ("not-an-email", "a long enough secret", "Not a valid e-mail address"),
        ("ok@example.org", "short", "at least 12 characters"),
    ]:
        result = runner.invoke(
            args=["users", "create", "--email", email, "--role", "viewer", "--password-stdin"], input=password
        )
        assert result.exit_code != 0 and message in result.output
    assert db.session.scalar(select(func.count(User.id))) == 1


def test_countries_sync_and_reference_load_commands(app):
    runner = app.test_cli_runner()
    assert "0 created, 0 updated" in runner.invoke(args=["countries", "sync"]).output
    assert "0 created, 0 updated" in runner.invoke(args=["reference", "load"]).output


def test_demo_loads_accounts_and_organisations_and_is_idempotent(app):
    runner = app.test_cli_runner()
    first = runner.invoke(args=["demo"])
    assert first.exit_code == 0, first.output
    assert "admin@example.org" in first.output and "password:" in first.output
    counts = (
        db.session.scalar(select(func.count(User.id))),
        db.session.scalar(select(func.count(Organisation.id))),
    )
    assert counts[0] == 3 and counts[1] >= 4
    second = runner.invoke(args=["demo"])
    assert second.exit_code == 0, second.output
    assert counts == (
        db.session.scalar(select(func.count(User.id))),
        db.session.scalar(select(func.count(Organisation.id))),
    )


def test_demo_refuses_a_database_with_other_data(app):
    factories.organisation(name="Real data")
    db.session.commit()
    result = app.test_cli_runner().invoke(args=["demo"])
    assert result.exit_code != 0
    assert "nothing was changed" in result.output
    assert db.session.scalar(select(func.count(User.id))) == 0
    forced = app.test_cli_runner().invoke(args=["demo", "--force"])
    assert forced.exit_code == 0
    assert db.session.scalar(select(func.count(User.id))) == 3
