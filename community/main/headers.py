"""Security headers on every response."""

from flask import Flask, Response, current_app, g, request, session

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)


def add_security_headers(response: Response) -> Response:
    headers = response.headers
    headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
    headers.setdefault("X-Frame-Options", "DENY")
    headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
    hsts_seconds = current_app.config.get("HSTS_SECONDS") or 0
    if hsts_seconds:
        headers.setdefault(
            "Strict-Transport-Security", f"max-age={hsts_seconds}; includeSubDomains"
        )
    return response


def is_signed_in() -> bool:
    """Without loading the account: this runs on error pages too, database down."""
    user = g.get("_login_user")
    if user is not None:
        return bool(user.is_authenticated)
    cookie = current_app.config.get("REMEMBER_COOKIE_NAME", "remember_token")
    return "_user_id" in session or cookie in request.cookies


def add_cache_policy(response: Response) -> Response:
    """Nothing a signed-in person sees may be kept by a shared cache or on disk.

    Their pages carry their name, settings (the calendar token), notifications,
    members-only content and exports, and a CSRF token bound to their session.
    Responses that chose their own policy (calendar feeds) keep it.
    """
    if "Cache-Control" in response.headers or request.endpoint == "static":
        return response
    if is_signed_in():
        response.headers["Cache-Control"] = "private, no-store"
    else:
        # A shared cache must not hand a visitor's copy to someone signed in.
        response.vary.add("Cookie")
    return response


def init_security_headers(app: Flask) -> None:
    app.after_request(add_security_headers)
    app.after_request(add_cache_policy)
