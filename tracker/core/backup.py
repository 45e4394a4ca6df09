"""Backups: SQLite's online backup API; pg_dump / pg_restore (custom format) for PostgreSQL.

Both run while the app serves requests: SQLite's backup copies a consistent snapshot page by page;
pg_dump reads one consistent transaction. A backup holds the whole confidential directory, so its file is
readable by its owner only (0600). A restore first checks that the file is a tracker database at a
migration this code knows, with that migration's tables, before it touches the live database: restoring
some other SQLite file or dump would silently replace the directory with something the app cannot use.
"""

import os
import re
import shutil
import sqlite3

# Runs pg_dump/pg_restore with an argument list, never a shell.
import subprocess  # nosec B404
import tempfile
from pathlib import Path

from sqlalchemy.engine import URL, make_url


class BackupError(RuntimeError):
    pass


MIGRATIONS = Path(__file__).resolve().parents[2] / "migrations" / "versions"
_ASSIGNMENT = r"^{name}\s*=\s*['\"]([^'\"]+)['\"]"
_TABLE_OP = re.compile(r"op\.(create_table|drop_table)\(\s*['\"](\w+)['\"]")


def schema_by_revision(directory: Path = MIGRATIONS) -> dict[str, frozenset[str]]:
    """{revision: the tables the database has at that revision}, read from the migration scripts' upgrade
    steps (and alembic_version), so a new migration is known the day it is written."""
    steps = {}
    for script in directory.glob("*.py"):
        text = script.read_text(encoding="utf-8")
        revision = re.search(_ASSIGNMENT.format(name="revision"), text, re.M)
        if not revision:
            continue
        down = re.search(_ASSIGNMENT.format(name="down_revision"), text, re.M)
        upgrade = text.split("def downgrade", 1)[0]
        steps[revision.group(1)] = (down.group(1) if down else None, _TABLE_OP.findall(upgrade))
    schemas: dict[str, frozenset[str]] = {}

    def tables_at(revision: str, seen: frozenset = frozenset()) -> frozenset[str]:
        if revision not in schemas:
            if revision in seen or revision not in steps:
                raise BackupError(f"The migration chain is broken at {revision}.")
            down, operations = steps[revision]
            tables = set(tables_at(down, seen | {revision}) if down else {"alembic_version"})
            for operation, table in operations:
                (tables.add if operation == "create_table" else tables.discard)(table)
            schemas[revision] = frozenset(tables)
        return schemas[revision]

    for revision in steps:
        tables_at(revision)
    return schemas


def check_tracker_database(source: Path, revisions: list[str], tables: set[str]) -> str:
    """The backup's revision if `source` is a tracker database at a known migration with that migration's
    tables; BackupError saying what is wrong otherwise."""
    name = Path(source).name
    if len(revisions) != 1:
        raise BackupError(
            f"{name} is not a tracker backup: it has no single alembic_version row (found {len(revisions)})."
        )
    schemas = schema_by_revision()
    revision = revisions[0]
    if revision not in schemas:
        raise BackupError(
            f"{name} is at migration {revision!r}, which this version of the tracker does not know "
            f"(known: {', '.join(sorted(schemas))})."
        )
    missing = schemas[revision] - tables
    if missing:
        raise BackupError(
            f"{name} is not a complete tracker backup: tables {', '.join(sorted(missing))} are missing."
        )
    return revision


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
    """Write the backup beside `target` in a file only its owner can read (mkstemp makes it 0600), then
    rename it: `target` is a complete backup or untouched, and never readable by others."""
    url = make_url(database_url)
    target = Path(target)
    if url.get_backend_name() not in ("sqlite", "postgresql"):
        raise BackupError(f"No backup method for {url.get_backend_name()}.")
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
    os.close(handle)
    try:
        if url.get_backend_name() == "sqlite":
            _sqlite_backup(_sqlite_path(url), temporary)
        else:
            args, env = _pg_command("pg_dump", url)
            _run(args + ["--format=custom", "--file", temporary, url.database or "postgres"], env)
        os.chmod(temporary, 0o600)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _sqlite_backup(database: str, target: str) -> None:
    source = sqlite3.connect(database)
    destination = sqlite3.connect(target)
    try:
        with destination:
            source.backup(destination)
    finally:
        destination.close()
        source.close()


def _check_sqlite_backup(backup_db: sqlite3.Connection, source: Path) -> None:
    try:
        tables = {row[0] for row in backup_db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        revisions = (
            [row[0] for row in backup_db.execute("SELECT version_num FROM alembic_version")]
            if "alembic_version" in tables
            else []
        )
    except sqlite3.DatabaseError:
        raise BackupError(f"{source} is not an SQLite backup") from None
    check_tracker_database(source, revisions, tables)


_LISTED_TABLE = re.compile(r"^\d+; \d+ \d+ TABLE (?:public) (\w+) ", re.M)


def _check_pg_backup(source: Path) -> None:
    """pg_restore reads the archive without a database: its table of contents names the tables, and the
    alembic_version data, printed as a script, names the revision."""
    executable = shutil.which("pg_restore")
    if executable is None:
        raise BackupError(
            "pg_restore is not installed; install the PostgreSQL client tools (postgresql-client)."
        )
    listing = _output([executable, "--list", str(source)], source)
    tables = set(_LISTED_TABLE.findall(listing))
    revisions = []
    if "alembic_version" in tables:
        script = _output(
            [executable, "--data-only", "--table=alembic_version", "--file=-", str(source)], source
        )
        copied = re.search(r"^COPY [^\n]*alembic_version[^\n]* FROM stdin;\n(.*?)^\\\.$", script, re.M | re.S)
        revisions = copied.group(1).split() if copied else []
    check_tracker_database(source, revisions, tables)


def _output(args: list[str], source: Path) -> str:
    # A fixed executable found by shutil.which, an argument list, no shell.
    result = subprocess.run(args, capture_output=True, text=True, check=False)  # noqa: S603  # nosec B603
    if result.returncode != 0:
        raise BackupError(f"{source} is not a PostgreSQL backup (pg_restore: {result.stderr.strip()})")
    return result.stdout


def restore(database_url: str, source: Path) -> None:
    """Replace the database's content with the backup's, once the backup is known to be a tracker
    database at a known migration (nothing is touched otherwise)."""
    url = make_url(database_url)
    source = Path(source)
    if not source.is_file():
        raise BackupError(f"{source}: no such file")
    if url.get_backend_name() == "sqlite":
        backup_db = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        try:
            _check_sqlite_backup(backup_db, source)
        except BackupError:
            backup_db.close()
            raise
        live = sqlite3.connect(_sqlite_path(url))
        try:
            with live:
                backup_db.backup(live)
        finally:
            live.close()
            backup_db.close()
    elif url.get_backend_name() == "postgresql":
        _check_pg_backup(source)
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
