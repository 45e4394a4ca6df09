"""The floors of the code base, checked: a new arrow between packages fails here until it is argued for.

Floors (docs/architecture.md): `core` (with `db`, `extensions`, `config`) → `countries` → features →
`dashboards` and `reports` → `demo`, `cli` and the app factory, which assemble everything. A feature
depends on the floors below it, on the `User` model (who did what) and, where the domain says so, on one
named neighbour. Nothing depends on a floor above it.
"""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "tracker"
FOUNDATION = {"core", "db", "extensions", "config"}
BELOW_FEATURES = FOUNDATION | {"countries", "accounts.models"}

# Every package's allowed targets. `accounts.models` is the User model only; other accounts modules are
# a feature of their own.
ALLOWED: dict[str, set[str]] = {
    "db": set(),
    "extensions": {"db"},
    "config": set(),
    "core": {"db", "extensions", "config"},
    "countries": FOUNDATION,
    "accounts": FOUNDATION,
    "directory": BELOW_FEATURES,
    "events": BELOW_FEATURES,
    "authorities": BELOW_FEATURES,
    # Capacity building is logged against events ("log an activity from an event"), and its gap view asks
    # which Parties have a designated contact point.
    "activities": BELOW_FEATURES | {"events", "directory"},
    # The upload pages and `tracker import` act for a named account (`--by E-MAIL`).
    "imports": BELOW_FEATURES | {"accounts.services"},
    # Outreach talks to the directory's contact points: it writes to their addresses, shows their entries
    # behind signed links, judges corrections with the directory's own entry checks and applies accepted
    # ones through the directory's services (history, audit, optimistic lock). The daily digest
    # (`tracker remind`) lists the overdue action items of events.
    "outreach": BELOW_FEATURES | {"directory", "events"},
    # The dashboard reads every feature (through `dashboards/queries.py` only, checked below), outreach's
    # reachability tests included.
    "dashboards": BELOW_FEATURES | {"directory", "events", "authorities", "activities", "outreach"},
    "reports": BELOW_FEATURES
    | {"directory", "events", "authorities", "activities", "outreach", "dashboards"},
    "main": FOUNDATION,
    # The JSON API serves what the pages show, through the same queries (and the plenary report's own
    # computation, so the API's object is the report's JSON); its tokens belong to the User model.
    "api": BELOW_FEATURES | {"directory", "events", "activities", "reports"},
}
# The assemblers: they exist to import everything.
ASSEMBLERS = {"__init__", "cli", "demo"}


def _package_of(path: Path) -> str:
    parts = path.relative_to(PACKAGE).with_suffix("").parts
    return parts[0]


def _target(module: str) -> str | None:
    parts = module.split(".")
    if parts[0] != "tracker" or len(parts) < 2:
        return None
    if parts[1] == "accounts" and len(parts) > 2:
        return f"accounts.{parts[2]}"
    return parts[1]


def _arrows() -> set[tuple[str, str, str]]:
    """(from package, to package, file) for every import of another tracker package, lazy ones included."""
    found = set()
    for path in PACKAGE.rglob("*.py"):
        source = _package_of(path)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                modules = [node.module, *(f"{node.module}.{alias.name}" for alias in node.names)]
                # `from tracker.accounts import cli` names a module; `from tracker.x import y` otherwise
                # counts once, by its package.
                modules = [modules[0]] if node.module != "tracker.accounts" else modules[1:]
            elif isinstance(node, ast.Import):
                modules = [alias.name for alias in node.names]
            else:
                continue
            for module in modules:
                target = _target(module)
                if target and target.split(".")[0] != source:
                    found.add((source, target, str(path.relative_to(PACKAGE.parent))))
    return found


def test_every_package_is_placed_on_a_floor():
    packages = {_package_of(path) for path in PACKAGE.rglob("*.py")}
    assert packages <= set(ALLOWED) | ASSEMBLERS, packages - set(ALLOWED) - ASSEMBLERS


def test_no_arrow_points_where_the_floors_do_not_allow():
    wrong = sorted(
        f"{file}: {source} → {target}"
        for source, target, file in _arrows()
        if source not in ASSEMBLERS and target not in ALLOWED[source]
    )
    assert not wrong, "new dependencies between packages:\n" + "\n".join(wrong)


def test_the_dashboard_reads_through_its_queries_module():
    """Only `dashboards/queries.py` reaches into the features; the rest of the package shows its results."""
    wrong = sorted(
        f"{file} → {target}"
        for source, target, file in _arrows()
        if source == "dashboards" and target not in BELOW_FEATURES and file != "tracker/dashboards/queries.py"
    )
    assert not wrong


def test_the_check_sees_lazy_imports():
    """The graph must include imports inside functions (a CLI command's), or it proves nothing."""
    assert ("cli", "accounts.cli", "tracker/cli.py") in _arrows()


@pytest.mark.parametrize("path", sorted(PACKAGE.rglob("*.py")), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_module_over_400_lines(path):
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= 400, f"{path.name} has {lines} lines: split it by what it is about"


def test_profile_loaders_and_templates_do_not_reach_for_the_request():
    """Profile loaders get the page's parameters from the route; they work outside a request too."""
    offenders = [
        str(path.relative_to(PACKAGE))
        for path in PACKAGE.rglob("profile.py")
        if "request"
        in {
            alias.name
            for node in ast.walk(ast.parse(path.read_text()))
            if isinstance(node, ast.ImportFrom)
            for alias in node.names
        }
    ]
    assert offenders == []
