"""Backups: SQLite's online backup API; pg_dump / pg_restore (custom format) for PostgreSQL.

Both run while the app serves requests: SQLite's backup copies a consistent snapshot page by page;
pg_dump reads one consistent transaction.
"""

import os
import shutil
import sqlite3

# Runs pg_dump/pg_restore with an argument list, never a shell.
import subprocess  # nosec B404
from pathlib import Path

from sqlalchemy.engine import URL, make_url


class BackupError(RuntimeError):
    pass


def _sqlite_path(url: URL) -> str:
    if not url.database or url.database == ":memory:":
        raise BackupError("An in-memory SQLite database cannot be backed up.")
    return url.database


def _pg_command(tool: str, url: URL) -> tuple[list[str], dict]:
    executable = shutil.which(tool)
    if executable is None:
        raise BackupError(
            f"{tool} is not installed; install the PostgreSQL client tools (postgresql-client)."
        )
    env = os.environ.copy()
    if url.password:
        env["PGPASSWORD"] = url.password  # not on the command line, where `ps` would show it
    args = [executable, "--no-owner", "--host", url.host or "localhost", "--port", str(url.port or 5432)]
    if url.username:
        args += ["--username", url.username]
    return args, env


def _run(args: list[str], env: dict) -> None:
    # A fixed executable found by shutil.which, an argument list, no shell.
    result = subprocess.run(args, env=env, capture_output=True, text=True, check=False)  # noqa: S603  # nosec B603
    if result.returncode != 0:
        raise BackupError(result.stderr.strip() or f"{Path(args[0]).name} failed")


def backup(database_url: str, target: Path) -> None:
    url = make_url(database_url)
    target = Path(target)
    if url.get_backend_name() == "sqlite":
        source = sqlite3.connect(_sqlite_path(url))
        destination = sqlite3.connect(target)
        try:
            with destination:
                source.backup(destination)
        finally:
            destination.close()
            source.close()
    elif url.get_backend_name() == "postgresql":
        args, env = _pg_command("pg_dump", url)
        _run(args + ["--format=custom", "--file", str(target), url.database or "postgres"], env)
    else:
        raise BackupError(f"No backup method for {url.get_backend_name()}.")


def restore(database_url: str, source: Path) -> None:
    """Replace the database's content with the backup's."""
    url = make_url(database_url)
    source = Path(source)
    if not source.is_file():
        raise BackupError(f"{source}: no such file")
    if url.get_backend_name() == "sqlite":
        backup_db = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        try:
            backup_db.execute("PRAGMA schema_version").fetchone()
        except sqlite3.DatabaseError:
            backup_db.close()
            raise BackupError(f"{source} is not an SQLite backup") from None
        live = sqlite3.connect(_sqlite_path(url))
        try:
            with live:
                backup_db.backup(live)
        finally:
            live.close()
            backup_db.close()
    elif url.get_backend_name() == "postgresql":
        args, env = _pg_command("pg_restore", url)
        _run(
            args
            + [
                "--clean",
                "--if-exists",
                "--single-transaction",
                "--dbname",
                url.database or "postgres",
                str(source),
            ],
            env,
        )
    else:
        raise BackupError(f"No restore method for {url.get_backend_name()}.")
