"""`tracker tokens …`: personal access tokens from the command line (for a service account's script)."""

import click
from flask.cli import with_appcontext


@click.group("tokens", help="Personal access tokens for the JSON API.")
def tokens_group():
    pass


@tokens_group.command("create")
@click.option("--email", required=True, help="The account the token acts for.")
@click.option("--name", required=True, help="Where the token is used, e.g. 'CYBOX import'.")
@click.option("--days", type=int, default=90, show_default=True, help="Days until it expires (at most 365).")
@with_appcontext
def tokens_create_command(email, name, days):
    """Create a token and print it (once: only its digest is stored)."""
    from sqlalchemy import func, select

    from tracker.accounts.models import User
    from tracker.api.tokens import token_create
    from tracker.core.errors import DomainError
    from tracker.extensions import db

    user = db.session.scalar(select(User).where(func.lower(User.email) == email.strip().lower()))
    if user is None:
        raise click.ClickException(f"email: no account with the e-mail {email}.")
    try:
        created = token_create(user=user, name=name, days=days, by=None)
    except DomainError as error:
        db.session.rollback()
        raise click.ClickException(f"{error.field}: {error}" if error.field else str(error)) from None
    db.session.commit()
    click.echo(
        f"Token “{created.token.name}” for {user.email} ({user.role}), valid until "
        f"{created.token.expires_on.isoformat()}. Shown once; keep it secret:",
        err=True,
    )
    click.echo(created.secret)
