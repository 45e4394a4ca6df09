"""Page benchmark: every GET page of the app, in-process and through a real WSGI server.

    python -m benchmarks.pages --scale 10                       # SQLite in a temporary folder
    python -m benchmarks.pages --scale 10 --database-url postgresql+psycopg://postgres@127.0.0.1:5432/bench

For each database it (1) builds the data set (migrations, the demo, then the generator at --scale),
(2) requests every GET page in `app.url_map` --repeat times in-process, logged in as an admin, and records
the number of SQL queries, the median and the 95th-percentile server time, (3) starts gunicorn (2 workers)
and measures the requests per second of the main pages under 8 concurrent clients, beside /healthz as the
ceiling. Results are appended to benchmarks/RESULTS.md (see --output).
"""

import argparse
import os
import platform
import re
import socket
import statistics
import subprocess  # nosec B404 - starts gunicorn, a fixed command
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass
from http.cookiejar import CookieJar
from pathlib import Path

from sqlalchemy import event

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.generate import generate, sample_arguments  # noqa: E402
from tracker import create_app  # noqa: E402
from tracker.extensions import db  # noqa: E402

ADMIN = ("admin@example.org", "demo-admin-pass")
THROUGHPUT_PAGES = [
    "/healthz",
    "/",
    "/directory/",
    "{event}",
    "/reports/plenary?from=2024-06-21&to=2024-12-10",
]
SKIP_ENDPOINTS = {"static", "main.plotly_js", "accounts.login"}


@dataclass
class PageTiming:
    endpoint: str
    url: str
    status: int
    queries: int
    median_ms: float
    p95_ms: float


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def build(database_url: str, scale: int) -> None:
    from flask_migrate import upgrade

    from tracker.demo import load_demo

    app = create_app({"SQLALCHEMY_DATABASE_URI": database_url, "SECRET_KEY": "benchmark", "TESTING": True})
    with app.app_context():
        if database_url.startswith("postgresql"):
            with db.engine.begin() as conn:
                conn.exec_driver_sql("DROP SCHEMA public CASCADE; CREATE SCHEMA public")
        upgrade()
        load_demo()
        db.session.commit()
        started = time.perf_counter()
        if scale > 1:
            generate(scale)
            db.session.commit()
        print(f"  generated scale {scale} in {time.perf_counter() - started:.1f} s", flush=True)


def page_urls(app) -> list[tuple[str, str]]:
    from flask import url_for

    arguments = sample_arguments()
    urls = []
    for rule in app.url_map.iter_rules():
        if "GET" not in rule.methods or rule.endpoint in SKIP_ENDPOINTS:
            continue
        if not set(rule.arguments) <= set(arguments):
            print(f"  (no sample value for {rule.endpoint} {sorted(rule.arguments)}; skipped)")
            continue
        with app.test_request_context():
            urls.append((rule.endpoint, url_for(rule.endpoint, **{a: arguments[a] for a in rule.arguments})))
    return urls


def measure_pages(database_url: str, repeat: int) -> list[PageTiming]:
    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": database_url,
            "SECRET_KEY": "benchmark",
            "TESTING": True,
            "WTF_CSRF_ENABLED": False,
        }
    )
    timings = []
    with app.app_context():
        client = app.test_client()
        client.post("/login", data={"email": ADMIN[0], "password": ADMIN[1]})
        counted = []
        event.listen(db.engine, "before_cursor_execute", lambda *args: counted.append(1))
        for endpoint, url in page_urls(app):
            client.get(url)  # warm-up, not counted: compiles the templates and the SQL of this page once
            samples, queries, status = [], 0, 0
            for _ in range(repeat):
                counted.clear()
                started = time.perf_counter()
                response = client.get(url)
                samples.append((time.perf_counter() - started) * 1000)
                queries, status = len(counted), response.status_code
            timings.append(
                PageTiming(
                    endpoint, url, status, queries, statistics.median(samples), percentile(samples, 0.95)
                )
            )
            print(
                f"  {url:<70} {status} q={queries:<3} median={timings[-1].median_ms:7.1f} ms "
                f"p95={timings[-1].p95_ms:7.1f} ms",
                flush=True,
            )
    return timings


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def login_opener(base: str):
    jar = CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(f"{base}/login").read().decode()  # noqa: S310 - our own server
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    data = urllib.parse.urlencode({"csrf_token": token, "email": ADMIN[0], "password": ADMIN[1]}).encode()
    opener.open(f"{base}/login", data=data).read()  # noqa: S310
    return opener


def throughput(base: str, path: str, seconds: float, clients: int) -> float:
    opener = login_opener(base)
    deadline = time.perf_counter() + seconds
    counts = [0] * clients

    def hammer(index: int) -> None:
        while time.perf_counter() < deadline:
            with opener.open(base + path) as response:  # noqa: S310
                response.read()
            counts[index] += 1

    threads = [threading.Thread(target=hammer, args=(i,)) for i in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sum(counts) / (time.perf_counter() - started)


def measure_throughput(database_url: str, pages: list[str], seconds: float, clients: int) -> dict[str, float]:
    port = free_port()
    env = os.environ | {"DATABASE_URL": database_url, "SECRET_KEY": f"benchmark-{port}-" + "k" * 32}
    server = subprocess.Popen(  # noqa: S603  # nosec B603
        [
            sys.executable,
            "-m",
            "gunicorn",
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
            "tracker:create_app()",
        ],
        env=env,
        cwd=ROOT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/healthz").read()  # noqa: S310
                break
            except OSError:
                time.sleep(0.1)
        results = {}
        for path in pages:
            results[path] = throughput(base, path, seconds, clients)
            print(f"  {path:<60} {results[path]:8.1f} requests/s", flush=True)
        return results
    finally:
        server.terminate()
        server.wait(timeout=10)


def machine() -> str:
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    system = f"{platform.system()} {platform.machine()}, Python {platform.python_version()}"
    return f"{os.cpu_count()} cores, {memory:.0f} GiB memory, {system}"


def report(name: str, scale: int, timings: list[PageTiming], rates: dict[str, float], repeat: int) -> str:
    lines = [
        f"## {name}, scale {scale}",
        "",
        f"Machine: {machine()}. In-process, {repeat} requests per page, "
        "logged in as an admin; server time in milliseconds.",
        "",
        "| page | status | SQL queries | median ms | p95 ms |",
        "| --- | --- | ---: | ---: | ---: |",
    ]
    for t in timings:
        lines.append(f"| `{t.url}` | {t.status} | {t.queries} | {t.median_ms:.1f} | {t.p95_ms:.1f} |")
    if rates:
        ceiling = rates.get("/healthz") or 1
        lines += [
            "",
            "gunicorn, 2 workers, 8 concurrent clients:",
            "",
            "| page | requests/s | share of /healthz |",
            "| --- | ---: | ---: |",
        ]
        for path, rate in rates.items():
            lines.append(f"| `{path}` | {rate:.1f} | {rate / ceiling:.0%} |")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--scale", type=int, default=1)
    parser.add_argument("--database-url", default=None, help="default: SQLite in a temporary folder")
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=10.0, help="per page in the throughput test")
    parser.add_argument("--no-throughput", action="store_true")
    parser.add_argument("--output", type=Path, default=None, help="write the Markdown report here")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        url = args.database_url or f"sqlite:///{folder}/bench.sqlite"
        name = "PostgreSQL" if url.startswith("postgresql") else "SQLite"
        print(f"{name}: building scale {args.scale}", flush=True)
        build(url, args.scale)
        timings = measure_pages(url, args.repeat)
        rates = {}
        if not args.no_throughput:
            app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "benchmark", "TESTING": True})
            with app.app_context():
                pages = [
                    p.format(**{k: v for k, v in throughput_samples().items()}) for p in THROUGHPUT_PAGES
                ]
            rates = measure_throughput(url, pages, args.seconds, clients=8)
        text = report(name, args.scale, timings, rates, args.repeat)
    if args.output:
        args.output.write_text(text)
    print(text)


def throughput_samples() -> dict[str, str]:
    arguments = sample_arguments()
    return {"event": f"/events/{arguments['event_id']}" if "event_id" in arguments else "/"}


if __name__ == "__main__":
    main()
