"""Timings of the heavy tasks: plenary PPTX, directory XLSX export, import of 10,000 participant rows.

    python -m benchmarks.tasks --scale 10 [--database-url ...]

Each task runs --repeat times on a data set built like benchmarks/pages.py builds it; the median and the
worst are printed as Markdown rows for benchmarks/RESULTS.md.
"""

import argparse
import statistics
import tempfile
import time

from benchmarks.pages import build
from tracker import create_app
from tracker.extensions import db


def _participants_csv(rows: int, event_countries: list[str]) -> bytes:
    lines = ["Name,E-mail,Country,Attendance,Attended"]
    for i in range(rows):
        lines.append(
            f"Delegate {i},bench{i}@example.org,{event_countries[i % len(event_countries)]},"
            f"{'In person' if i % 5 else 'Online'},yes"
        )
    return ("\n".join(lines) + "\n").encode()


def measure(database_url: str, repeat: int) -> list[tuple[str, float, float]]:
    from datetime import date

    from sqlalchemy import select

    from tracker.core.imports import read_table, run_import
    from tracker.countries.models import Country
    from tracker.events.imports import ParticipantImporter
    from tracker.events.models import Event, EventFormat, EventKind
    from tracker.reports.deck import report_pptx
    from tracker.reports.plenary import plenary_report

    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": database_url,
            "SECRET_KEY": "benchmark",
            "TESTING": True,
            "WTF_CSRF_ENABLED": False,
        }
    )
    results = []
    with app.app_context():
        client = app.test_client()
        client.post("/login", data={"email": "admin@example.org", "password": "demo-admin-pass"})

        def timed(label, task):
            samples = []
            for _ in range(repeat):
                started = time.perf_counter()
                task()
                samples.append(time.perf_counter() - started)
            results.append((label, statistics.median(samples), max(samples)))
            print(f"  {label:<55} median {results[-1][1]:.2f} s, worst {results[-1][2]:.2f} s", flush=True)

        from tracker.core.cache import cache

        period = (date(2024, 6, 21), date(2024, 12, 10))

        def uncached(path):
            cache.clear()
            assert client.get(path).status_code == 200

        timed("Dashboard, uncached (computed from the data)", lambda: uncached("/?on=2024-12-10"))
        timed(
            "Plenary report HTML, uncached",
            lambda: uncached("/reports/plenary?from=2024-06-21&to=2024-12-10"),
        )
        timed(
            "Plenary report as PPTX (computation and rendering)", lambda: report_pptx(plenary_report(*period))
        )
        timed(
            "Plenary report PPTX over HTTP",
            lambda: client.get("/reports/plenary?from=2024-06-21&to=2024-12-10&format=pptx").data,
        )
        timed("Directory XLSX export over HTTP", lambda: client.get("/directory/export.xlsx").data)

        codes = list(db.session.scalars(select(Country.iso3).order_by(Country.iso3).limit(60)))
        data = _participants_csv(10_000, codes)

        def import_rows():
            event = Event(
                kind=EventKind.CONFERENCE,
                title="Import benchmark",
                start_date=date(2026, 1, 1),
                end_date=date(2026, 1, 1),
                format=EventFormat.HYBRID,
            )
            db.session.add(event)
            db.session.flush()
            result = run_import(
                ParticipantImporter(options={"event_id": str(event.id)}), read_table("participants.csv", data)
            )
            assert result.valid and result.written == 10_000, result.errors[:3]
            db.session.commit()

        timed("Import of 10,000 participant rows (validate, then write)", import_rows)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--scale", type=int, default=10)
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        url = args.database_url or f"sqlite:///{folder}/bench.sqlite"
        build(url, args.scale)
        rows = measure(url, args.repeat)
    print("\n| task | median s | worst s |\n| --- | ---: | ---: |")
    for label, median, worst in rows:
        print(f"| {label} | {median:.2f} | {worst:.2f} |")


if __name__ == "__main__":
    main()
