"""The `tracker` command: Flask's CLI bound to this app, plus the project's own commands."""

from flask.cli import FlaskGroup

from tracker import create_app


def main() -> None:
    cli = FlaskGroup(create_app=create_app, help="24/7 Network Tracker.")
    cli.main(prog_name="tracker")


def register(app) -> None:
    from tracker.accounts.cli import users_group
    from tracker.api.cli import tokens_group
    from tracker.core.cli import backup_command, mail_group, restore_command
    from tracker.countries.cli import countries_group, reference_group
    from tracker.demo import demo_command
    from tracker.imports.cli import import_command
    from tracker.outreach.cli import campaigns_group, remind_command
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
        mail_group,
        campaigns_group,
        remind_command,
        tokens_group,
    ):
        app.cli.add_command(command)
