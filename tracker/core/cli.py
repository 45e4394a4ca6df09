"""The commands of the shared machinery: `tracker backup`, `tracker restore` and `tracker mail send`."""

import time
from pathlib import Path

import click
from flask.cli import with_appcontext


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


@click.group("mail", help="The outbox: mails the tracker has written.")
def mail_group():
    pass


@mail_group.command("send")
@click.option("--watch", is_flag=True, help="Keep draining the outbox until interrupted.")
@click.option(
    "--interval", type=click.IntRange(1, 3600), default=30, help="Seconds between passes (--watch)."
)
@with_appcontext
def mail_send_command(watch: bool, interval: int):
    """Send the mails that are due: one pass, or every INTERVAL seconds with --watch."""

    from tracker.core.mail_sending import mail_send_pending
    from tracker.extensions import db

    while True:
        report = mail_send_pending()
        if report.attempted or not watch:
            click.echo(f"Mail: {report}.")
        if not watch:
            return
        db.session.remove()
        time.sleep(interval)
