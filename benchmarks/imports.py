"""Timing of a 20,000-row participant import over HTTP: upload, preview, confirm (CSV and XLSX).

    python -m benchmarks.imports [--rows 20000] [--scale 1] [--database-url ...]

The goal: each request well within gunicorn's default 30-second worker time-out. The file is read once,
at upload; the preview and the confirmation validate the rows kept with the batch.
"""

import argparse
import io
import tempfile
import time
from datetime import date

from openpyxl import Workbook

from benchmarks.pages import build
from tracker import create_app
from tracker.extensions import db

HEADER = ["Name", "E-mail", "Country", "Attendance", "Attended"]


def _rows(count: int, countries: list[str]) -> list[list[str]]:
    return [
        [
            f"Delegate {i}",
            f"bench{i}@example.org",
            countries[i % len(countries)],
            "In person" if i % 5 else "Online",
            "yes",
        ]
        for i in range(count)
    ]


def _csv(rows: list[list[str]]) -> bytes:
    return ("\n".join(",".join(row) for row in [HEADER, *rows]) + "\n").encode()


def _xlsx(rows: list[list[str]]) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    for row in [HEADER, *rows]:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def measure(database_url: str, count: int) -> list[tuple[str, float, float, float]]:
    from sqlalchemy import func, select

    from tracker.countries.models import Country
    from tracker.events.models import Event, EventFormat, EventKind, Participant

    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": database_url,
            "SECRET_KEY": "benchmark",
            "TESTING": True,
            "WTF_CSRF_ENABLED": False,
        }
    )
    app.config["MAX_IMPORT_ROWS"] = max(count, app.config.get("MAX_IMPORT_ROWS", 0))
    results = []
    with app.app_context():
        client = app.test_client()
        client.post("/login", data={"email": "admin@example.org", "password": "demo-admin-pass"})
        codes = list(db.session.scalars(select(Country.iso3).order_by(Country.iso3).limit(60)))
        rows = _rows(count, codes)
        for extension, data in (("csv", _csv(rows)), ("xlsx", _xlsx(rows))):
            event = Event(
                kind=EventKind.CONFERENCE,
                title=f"Import benchmark ({extension})",
                start_date=date(2026, 1, 1),
                end_date=date(2026, 1, 1),
                format=EventFormat.HYBRID,
            )
            db.session.add(event)
            db.session.commit()
            timings = []
            started = time.perf_counter()
            response = client.post(
                f"/imports/participants/new?event_id={event.id}",
                data={"file": (io.BytesIO(data), f"participants.{extension}")},
                content_type="multipart/form-data",
            )
            assert response.status_code == 302, response.get_data(as_text=True)[:2000]
            timings.append(time.perf_counter() - started)
            started = time.perf_counter()
            page = client.get(response.location).get_data(as_text=True)
            assert f"Import {count} row(s)" in page, page[:2000]
            timings.append(time.perf_counter() - started)
            batch_id = int(response.location.rstrip("/").rsplit("/", 1)[-1])
            started = time.perf_counter()
            assert client.post(f"/imports/{batch_id}/confirm").status_code == 302
            timings.append(time.perf_counter() - started)
            written = db.session.scalar(
                select(func.count(Participant.id)).where(Participant.event_id == event.id)
            )
            assert written == count, written
            label = f"{count:,} participant rows, {extension.upper()} ({len(data) // 1024} KB)"
            results.append((label, *timings))
            print("  " + label + ": upload {:.2f} s, preview {:.2f} s, confirm {:.2f} s".format(*timings))
    return results


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rows", type=int, default=20_000)
    parser.add_argument("--scale", type=int, default=1)
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        url = args.database_url or f"sqlite:///{folder}/bench.sqlite"
        build(url, args.scale)
        rows = measure(url, args.rows)
    print("\n| import over HTTP | upload s | preview s | confirm s |\n| --- | ---: | ---: | ---: |")
    for label, upload, preview, confirm in rows:
        print(f"| {label} | {upload:.2f} | {preview:.2f} | {confirm:.2f} |")


if __name__ == "__main__":
    main()
