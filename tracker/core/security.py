"""Response headers that keep the confidential directory in its own origin and out of frames."""

from flask import Flask, request
from flask_login import current_user

# Styles allow 'unsafe-inline' because plotly.js writes <style> elements and style attributes into the
# SVG it draws; scripts never do: every script is a file under /static.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)


def set_security_headers(response):
    headers = response.headers
    headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("X-Frame-Options", "DENY")
    headers.setdefault("Referrer-Policy", "same-origin")
    headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
    headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
    return response


# Files that are the same for everyone and hold nothing confidential: browsers may keep them.
SHARED_ASSETS = {"static", "main.plotly_js"}


def forbid_storing(response):
    """Nothing a logged-in user sees is to be kept by the browser's or a proxy's cache: after logging out
    on a shared computer, the back button or the cache folder would show the directory again."""
    if request.endpoint not in SHARED_ASSETS and current_user.is_authenticated:
        response.headers["Cache-Control"] = "no-store"
    return response


def set_transport_headers(response):
    response.headers.setdefault("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
    return response


def init_app(app: Flask) -> None:
    app.after_request(set_security_headers)
    app.after_request(forbid_storing)
    if app.config.get("SESSION_COOKIE_SECURE"):
        app.after_request(set_transport_headers)
