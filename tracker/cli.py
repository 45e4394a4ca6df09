"""The `tracker` command: Flask's CLI bound to this app, plus the project's own commands."""

import sys
from pathlib import Path

import click
from flask.cli import FlaskGroup, with_appcontext

from tracker import create_app


def main() -> None:
    cli = FlaskGroup(create_app=create_app, help="24/7 Network Tracker.")
    cli.main(prog_name="tracker")


@click.group("countries", help="Countries (ISO 3166, from pycountry).")
def countries_group():
    pass


@countries_group.command("sync", help="Create or update every ISO 3166 country with its UN M49 region.")
@with_appcontext
def countries_sync_command():
    from tracker.countries.services import countries_sync
    from tracker.extensions import db

    result = countries_sync()
    db.session.commit()
    click.echo(f"Countries: {result['created']} created, {result['updated']} updated.")


@click.group("reference", help="Public reference data shipped with the tracker.")
def reference_group():
    pass


@reference_group.command("load", help="Load treaty membership (ETS 185, ETS 189, CETS 224). Idempotent.")
@with_appcontext
def reference_load_command():
    from tracker.countries.reference import ReferenceDataError
    from tracker.countries.services import reference_load
    from tracker.extensions import db

    try:
        result = reference_load()
    except ReferenceDataError as error:
        db.session.rollback()
        raise click.ClickException(str(error)) from None
    db.session.commit()
    click.echo(f"Treaty memberships: {result['created']} created, {result['updated']} updated.")


@click.group("users", help="User accounts.")
def users_group():
    pass


@users_group.command("create")
@click.option("--email", required=True)
@click.option("--name", default=None, help="Display name (defaults to the e-mail's local part).")
@click.option("--role", type=click.Choice(["admin", "editor", "viewer"]), required=True)
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input.")
@with_appcontext
def users_create_command(email, name, role, password_stdin):
    """Create an account; prompts for the password unless --password-stdin is given."""
    from tracker.accounts.services import user_create
    from tracker.core.errors import DomainError
    from tracker.extensions import db

    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    try:
        user = user_create(email=email, name=name or email.split("@")[0], role=role, password=password)
    except DomainError as error:
        db.session.rollback()
        raise click.ClickException(f"{error.field}: {error}" if error.field else str(error)) from None
    db.session.commit()
    click.echo(f"Created {user.role} account {user.email}.")


@click.command("backup")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@with_appcontext
def backup_command(file: Path):
    """Write a consistent backup of the database to FILE (safe while the app runs)."""
    from flask import current_app

    from tracker.core.backup import BackupError, backup

    try:
        backup(current_app.config["SQLALCHEMY_DATABASE_URI"], file)
    except BackupError as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"Backup written to {file} ({file.stat().st_size:,} bytes).")


@click.command("restore")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@with_appcontext
def restore_command(file: Path, yes: bool):
    """Replace the database's whole content with the backup in FILE."""
    from flask import current_app

    from tracker.core.backup import BackupError, restore
    from tracker.extensions import db

    if not yes:
        click.confirm("This replaces every row in the database with the backup's. Continue?", abort=True)
    db.session.remove()
    db.engine.dispose()  # no pooled connection may hold the old database open
    try:
        restore(current_app.config["SQLALCHEMY_DATABASE_URI"], file)
    except BackupError as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"Database restored from {file}.")


def register(app) -> None:
    from tracker.demo import demo_command
    from tracker.imports.cli import import_command
    from tracker.reports.cli import report_group

    for command in (
        countries_group,
        reference_group,
        users_group,
        demo_command,
        import_command,
        backup_command,
        restore_command,
        report_group,
    ):
        app.cli.add_command(command)
