"""`tracker countries …` and `tracker reference …`: the reference data every other feature stands on."""

import click
from flask.cli import with_appcontext


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
