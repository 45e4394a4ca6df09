"""`tracker campaigns start|remind`: campaigns from the command line (and reminders from cron)."""

import click
from flask.cli import with_appcontext


@click.group("campaigns", help="Verification campaigns and reachability tests.")
def campaigns_group():
    pass


@campaigns_group.command("start")
@click.argument("kind", type=click.Choice(["verification", "reachability"]))
@click.option("--stale", is_flag=True, help="Only contact points not verified in the last 12 months.")
@click.option("--countries", default="", help="ISO alpha-3 codes, comma-separated (default: every country).")
@click.option("--reminder-days", type=click.IntRange(1, 365), default=None, help="Remind after N days.")
@with_appcontext
def start_command(kind: str, stale: bool, countries: str, reminder_days: int | None):
    """Start a campaign: one mail with its own link per designated contact point."""
    from tracker.core.errors import DomainError
    from tracker.extensions import db
    from tracker.outreach import services
    from tracker.outreach.models import CampaignKind

    try:
        campaign = services.campaign_start(
            kind=CampaignKind(kind),
            stale_only=stale,
            countries=services.parse_countries(countries),
            reminder_after_days=reminder_days,
            by=None,
        )
    except DomainError as error:
        db.session.rollback()
        raise click.ClickException(str(error)) from None
    db.session.commit()
    click.echo(f"{campaign.title} started (#{campaign.id}): {len(campaign.requests)} mails queued.")


@campaigns_group.command("remind")
@with_appcontext
def campaigns_remind_command():
    """Queue the reminders that are due in every open campaign (run daily)."""
    from tracker.extensions import db
    from tracker.outreach import services

    count = services.campaigns_remind()
    db.session.commit()
    click.echo(f"{count} reminders queued.")


@click.command("remind")
@with_appcontext
def remind_command():
    """The daily run (cron): due campaign reminders, and a digest to each editor (once a day)."""
    from tracker.extensions import db
    from tracker.outreach.digest import remind

    reminders, digests = remind()
    db.session.commit()
    click.echo(f"{reminders} campaign reminders and {digests} digests queued (sent by `tracker mail send`).")
