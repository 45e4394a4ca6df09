"""Who may do what: one declared policy per endpoint, enforced in one place.

Every view declares its policy with `@access(read=..., write=...)` or `@public`. The app-wide
`enforce_access` hook checks the declaration before the view runs: GET/HEAD/OPTIONS need the `read` role,
every other method the `write` role. A view without a declaration is refused, so a forgotten decorator
fails closed (and the access-matrix test names it).

A blueprint whose callers prove who they are by something other than the session cookie (the JSON API's
bearer tokens) registers an `Authenticator`: it decides the request's user before the same policy check
runs, so a page and its API endpoint are refused or allowed by one rule.
"""

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from flask import abort, current_app, request
from flask_login import current_user

from tracker.extensions import login_manager


class Role(StrEnum):
    VIEWER = "viewer"
    EDITOR = "editor"
    ADMIN = "admin"

    @property
    def rank(self) -> int:
        return list(Role).index(self)

    def includes(self, other: "Role") -> bool:
        """An admin may do what an editor may, an editor what a viewer may."""
        return self.rank >= Role(other).rank

    @property
    def label(self) -> str:
        return {"viewer": "Viewer (read only)", "editor": "Editor (secretariat)", "admin": "Administrator"}[
            self.value
        ]


PUBLIC = "public"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


@dataclass(frozen=True)
class Policy:
    read: Role | str | None  # Role, PUBLIC, or None (no one)
    write: Role | str | None

    def required_for(self, method: str):
        return self.read if method in SAFE_METHODS else self.write


def access(read: Role | str | None = Role.VIEWER, write: Role | str | None = None):
    """Declare who may read (GET) and write (POST...) through this view."""

    def decorate(view):
        view.access_policy = Policy(read, write)
        return view

    return decorate


def public(view):
    view.access_policy = Policy(PUBLIC, PUBLIC)
    return view


def policy_for(endpoint: str) -> Policy | None:
    if endpoint == "static":
        return Policy(PUBLIC, None)
    view = current_app.view_functions.get(endpoint)
    return getattr(view, "access_policy", None)


@dataclass(frozen=True)
class Authenticator:
    """`load()` sets the request's user (or leaves it anonymous); `unauthorized()` answers a caller without
    one. The session is never consulted for such a blueprint: a browser's cookie does not open the API."""

    load: Callable[[], None]
    unauthorized: Callable[[], object]


AUTHENTICATORS = "tracker.access.authenticators"


def authenticate_blueprint(app, blueprint_name: str, authenticator: Authenticator) -> None:
    app.extensions.setdefault(AUTHENTICATORS, {})[blueprint_name] = authenticator


def has_role(user, role: Role) -> bool:
    return bool(user.is_authenticated) and Role(user.role).includes(role)


def enforce_access():
    if request.endpoint is None:  # no such route: let the 404/405 handlers answer
        return None
    authenticator = current_app.extensions.get(AUTHENTICATORS, {}).get(request.blueprint)
    if authenticator is not None:
        authenticator.load()
    policy = policy_for(request.endpoint)
    if policy is None:
        abort(403)
    required = policy.required_for(request.method)
    if required == PUBLIC:
        return None
    if not current_user.is_authenticated:
        return authenticator.unauthorized() if authenticator else login_manager.unauthorized()
    if required is None or not has_role(current_user, Role(required)):
        abort(403)
    return None
