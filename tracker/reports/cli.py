import os
import sys
import tempfile
from datetime import date
from pathlib import Path

import click
from flask.cli import with_appcontext


@click.group("report", help="Reports.")
def report_group():
    pass


@report_group.command("plenary")
@click.option("--from", "start", metavar="YYYY-MM-DD", help="default: the day after the previous plenary")
@click.option("--to", "end", metavar="YYYY-MM-DD", help="default: today")
@click.option(
    "--format", "fmt", type=click.Choice(["json", "xlsx", "pptx"]), default="json", show_default=True
)
@click.option(
    "--output", type=click.Path(dir_okay=False, path_type=Path), help="default: JSON to standard output"
)
@with_appcontext
def plenary_command(start, end, fmt, output):
    """The plenary statistics for a period, as JSON, XLSX or PowerPoint."""
    from tracker.reports.output import render
    from tracker.reports.plenary import PeriodError, parse_period, plenary_report

    try:
        period = parse_period(start, end, date.today())
    except PeriodError as error:
        raise click.UsageError(str(error)) from None  # exit status 2
    if output is None and fmt != "json":
        raise click.UsageError(f"--output FILE is needed for {fmt}.")
    data = render(plenary_report(*period), fmt)
    if output is None:
        sys.stdout.write(data.decode("utf-8"))
        return
    # Write beside the target, then rename: the file is complete or untouched, never half-written.
    handle, temporary = tempfile.mkstemp(dir=output.parent or Path("."), prefix=f".{output.name}.")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        os.replace(temporary, output)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    click.echo(f"Wrote {output} ({len(data):,} bytes).", err=True)
