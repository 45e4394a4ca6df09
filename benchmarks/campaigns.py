"""Timing of queueing a campaign: one request, one signed link and one rendered mail (text and HTML) per
contact point, written to the outbox in one transaction. Target: 500 contact points in under 2 s.

    python -m benchmarks.campaigns [--contact-points 500] [--repeat 5] [--database-url ...]

Without --database-url it builds a fresh SQLite database in a temporary folder (migrations, reference data,
N generated contact points). With a PostgreSQL URL, use an empty database: its schema is replaced.
"""

import argparse
import statistics
import tempfile
import time
from datetime import date


def measure(database_url: str, contact_points: int, repeat: int) -> tuple[float, float]:
    from flask_migrate import upgrade
    from sqlalchemy import create_engine, select, text

    from tracker import create_app
    from tracker.countries.models import Country
    from tracker.countries.services import reference_load
    from tracker.directory.models import ContactPoint, ContactPointType
    from tracker.extensions import db
    from tracker.outreach.models import CampaignKind
    from tracker.outreach.services import campaign_start

    if database_url.startswith("postgresql"):
        engine = create_engine(database_url)
        with engine.begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
        engine.dispose()
    app = create_app({"SQLALCHEMY_DATABASE_URI": database_url, "SECRET_KEY": "benchmark", "TESTING": True})
    with app.app_context():
        upgrade()
        reference_load()
        countries = list(db.session.scalars(select(Country).order_by(Country.iso3)))
        db.session.add_all(
            ContactPoint(
                country=countries[i % len(countries)],
                institution=f"Benchmark institution {i}",
                type=ContactPointType.POLICE,
                phone="+33199000000",
                email=f"cp{i}@example.org",
                languages=["eng"],
                valid_from=date(2020, 1, 1),
                version=1,
            )
            for i in range(contact_points)
        )
        db.session.commit()
        samples = []
        for _ in range(repeat):
            started = time.perf_counter()
            campaign = campaign_start(kind=CampaignKind.VERIFICATION, by=None)
            db.session.commit()
            samples.append(time.perf_counter() - started)
            assert len(campaign.requests) == contact_points
            db.session.expunge_all()
        return statistics.median(samples), max(samples)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--contact-points", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--database-url")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        url = args.database_url or f"sqlite:///{folder}/campaigns.sqlite"
        median, worst = measure(url, args.contact_points, args.repeat)
    print(
        f"| Queue a verification campaign of {args.contact_points} contact points "
        f"(requests, links, mails, one commit) | {median:.2f} | {worst:.2f} |"
    )


if __name__ == "__main__":
    main()
