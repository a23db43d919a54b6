"""Who is calling the API: a Bearer token, or nobody. Never the cookie session.

Cookies are ignored on /api/ so a page on another site cannot make a logged-in
browser act through the API (there is no CSRF token here to stop it). The
person behind the token becomes current_user for the request, so every
permission predicate and service sees the same user object the HTML views do.
"""

import time

from flask import Flask, abort, current_app, g, request
from flask_babel import gettext as _
from flask_limiter.util import get_remote_address
from flask_login import AnonymousUserMixin

from community.api import tokens
from community.api.pagination import add_link_header
from community.extensions import db, limiter

API_PREFIX = "/api/"


def is_api_request() -> bool:
    return request.path.startswith(API_PREFIX)


def bearer_value() -> str | None:
    header = request.headers.get("Authorization", "")
    scheme, _sep, value = header.partition(" ")
    if not header:
        return None
    if scheme.lower() != "bearer" or not value.strip():
        abort(401, _("Send the token as: Authorization: Bearer <token>."))
    return value.strip()


def authenticate_api_request() -> None:
    """Before anything reads current_user on /api/: token user or anonymous."""
    if not is_api_request():
        return
    g.api_token = None
    raw = bearer_value()
    if raw is None:
        g._login_user = AnonymousUserMixin()
        return
    token = tokens.find_token(raw)
    if token is None:
        g._login_user = AnonymousUserMixin()
        abort(401, _("This token is unknown, revoked or no longer valid."))
    g.api_token = token
    g._login_user = token.user
    if tokens.touch(token):
        db.session.commit()


def require_scope(scope: str) -> None:
    """401 without a token, 403 when the token lacks the scope."""
    token = g.get("api_token")
    if token is None:
        abort(401, _("This needs a personal access token (Authorization: Bearer)."))
    if scope not in token.scope_set:
        abort(403, _("This token does not have the “%(scope)s” scope.", scope=scope))


def rate_key() -> str:
    """Per token; callers without one share their address's budget."""
    token = g.get("api_token")
    return f"api-token:{token.id}" if token is not None else get_remote_address()


def api_rate_limit() -> str:
    return current_app.config["API_RATE_LIMIT"]


def api_limited(blueprint):
    """One budget per token across every API blueprint."""
    limit = limiter.shared_limit(api_rate_limit, scope="api", key_func=rate_key)
    return limit(blueprint)


def add_rate_limit_headers(response):
    """RateLimit-* headers (IETF httpapi draft), beside Flask-Limiter's X-RateLimit."""
    if not is_api_request():
        return response
    current = limiter.current_limit
    if current is not None:
        window = current.limit.get_expiry()
        response.headers["RateLimit-Policy"] = f"{current.limit.amount};w={window}"
        response.headers["RateLimit-Limit"] = str(current.limit.amount)
        response.headers["RateLimit-Remaining"] = str(max(current.remaining, 0))
        reset = max(int(current.reset_at - time.time()), 0)
        response.headers["RateLimit-Reset"] = str(reset)
    return response


def init_api_auth(app: Flask) -> None:
    # First of all before_request functions: the staff guard and others read
    # current_user, which must already be the token's person (or nobody).
    app.before_request_funcs.setdefault(None, []).insert(0, authenticate_api_request)
    app.after_request(add_rate_limit_headers)
    app.after_request(add_link_header)
