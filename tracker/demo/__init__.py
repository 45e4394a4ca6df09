"""`tracker demo`: the demo world of the T-CY 31st plenary (December 2024).

Idempotent: running it again changes nothing. It refuses, writing nothing, on a database that holds
data it did not write (unless --force), so it cannot be run against production by mistake.
"""

import click
from flask.cli import with_appcontext
from sqlalchemy import exists, select

from tracker.extensions import db

# Tables whose rows are not user data: reference data the demo itself loads, and the audit trail.
NOT_USER_DATA = {"countries", "treaty_memberships", "audit_events", "alembic_version", "data_version"}


def user_data_present() -> bool:
    for table in db.metadata.sorted_tables:
        if table.name not in NOT_USER_DATA and db.session.scalar(select(exists().select_from(table))):
            return True
    return False


def load_demo() -> list:
    """Load every feature's demo data; return the demo accounts as (email, role, password)."""
    from tracker.countries.services import reference_load
    from tracker.demo import activities, authorities, directory, events, foundation, outreach

    reference_load()
    foundation.load_organisations()
    accounts = foundation.load_accounts()
    authorities.load()
    db.session.flush()
    directory.load()
    events.load()
    activities.load()
    outreach.load()
    return accounts


@click.command("demo", help="Load the demo data set (idempotent).")
@click.option("--force", is_flag=True, help="Load even though the database holds other data.")
@with_appcontext
def demo_command(force: bool):
    from tracker.demo.foundation import demo_loaded

    if not force and not demo_loaded() and user_data_present():
        raise click.ClickException(
            "This database already holds data that the demo did not write; nothing was changed. "
            "Use a new database, or pass --force to add the demo data to it."
        )
    accounts = load_demo()
    db.session.commit()
    click.echo("Demo data loaded.")
    click.echo("Log in at http://127.0.0.1:5000/login with one of these accounts:")
    for email, role, password in accounts:
        click.echo(f"  {role:<7} {email:<22} password: {password}")
