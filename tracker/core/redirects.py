"""Where to send the browser after a POST or a log-in: a path on this site, never an address an attacker
planted in `next`."""

from urllib.parse import urlsplit


def is_local_path(target: str | None) -> bool:
    """True for "/events/3?tab=x"; false for "//evil.org", "https://evil.org", "/\\evil.org" and blanks."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return False
    parts = urlsplit(target)
    return not parts.scheme and not parts.netloc


def safe_next(target: str | None, default: str) -> str:
    return target if is_local_path(target) else default
