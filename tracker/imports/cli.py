from pathlib import Path

import click
from flask.cli import with_appcontext


@click.command("import")
@click.argument("kind")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--dry-run", is_flag=True, help="Validate every row and report; write nothing.")
@click.option("--option", "options", multiple=True, metavar="NAME=VALUE", help="e.g. --option event_id=3")
@click.option("--by", "by_email", default=None, help="E-mail of the account the import is recorded under.")
@with_appcontext
def import_command(kind, file, dry_run, options, by_email):
    """Import FILE (CSV or XLSX) as KIND: every row is validated first; all rows or none are written."""
    from tracker.accounts.services import user_by_email
    from tracker.core import audit
    from tracker.core.errors import DomainError
    from tracker.core.imports import IMPORTERS, ImportFileError, run_import
    from tracker.extensions import db
    from tracker.imports.services import importer_for

    if kind not in IMPORTERS:
        raise click.UsageError(f"Unknown kind {kind!r}; one of: {', '.join(sorted(IMPORTERS))}")
    by = user_by_email(by_email) if by_email else None
    if by_email and by is None:
        raise click.UsageError(f"No account with the e-mail {by_email}")
    parsed_options = {}
    for option in options:
        name, _, value = option.partition("=")
        parsed_options[name.strip()] = value.strip()
    try:
        importer = importer_for(kind, options=parsed_options, by=by)
        if problem := importer.check_options():
            raise click.UsageError(problem)
        table = importer.read(file.name, file.read_bytes())
        for note in table.notes:
            click.echo(note, err=True)
        with click.progressbar(length=len(table.rows), label=f"Checking {len(table.rows)} rows") as bar:
            result = run_import(importer, table, dry_run=dry_run, progress=bar.update)
    except (ImportFileError, DomainError) as error:
        db.session.rollback()
        raise click.ClickException(str(error)) from None
    if not result.valid:
        db.session.rollback()
        for error in result.errors:
            click.echo(str(error), err=True)
        raise click.ClickException(f"{len(result.errors)} problem(s) found; nothing was written.")
    if dry_run:
        db.session.rollback()
        click.echo(f"All {result.total} rows are valid (dry run: nothing written).")
        return
    audit.record(
        action="import",
        entity_type=kind,
        entity_id=None,
        by=by,
        summary=f"Imported {result.written} row(s) from {file.name} (command line)",
    )
    db.session.commit()
    click.echo(f"Imported {result.written} row(s).")
