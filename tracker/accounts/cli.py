"""`tracker users …`: accounts created from the command line (the first admin, before any page works)."""

import sys

import click
from flask.cli import with_appcontext


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
