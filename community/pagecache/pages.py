"""`@visitor_cached`: serve a visitor the page another visitor already got.

Only what is the same for every visitor is stored: GET requests from nobody
signed in (no session user, no remember cookie), with no flashed message
waiting, answered 200 without touching the session or rendering a CSRF token.
A signed-in person never reads from or writes to this cache, so a members-only
page cannot reach a visitor through it: what is stored was rendered for an
anonymous viewer. The key holds the content version of the page's scope
(versions.py: its community's, or the site-wide lists'), the language, the
host and the full path with its query.
"""

import gzip
import hashlib
import logging
from functools import wraps

from flask import current_app, g, make_response, request, session
from flask_babel import get_locale
from redis.exceptions import RedisError

from community.extensions import cache
from community.pagecache import versions
from community.pagecache.expiry import page_expiry, seconds_left
from community.timezones import VISITOR_ZONE_COOKIE, viewer_zone_name

log = logging.getLogger(__name__)
HIT_HEADER = "X-Page-Cache"  # "hit" or "miss": for the tests and the benchmark


def is_cacheable_request() -> bool:
    # Imported here: community.main's views use this module.
    from community.main.headers import is_signed_in

    return (
        current_app.config["PAGE_CACHE_ENABLED"]
        and request.method in ("GET", "HEAD")
        and not is_signed_in()
        and "_flashes" not in session
    )


def request_parts() -> str:
    """What a page shows besides content: its language, time zone (a visitor's
    tz cookie changes every time shown, and whether one is set), host and path."""
    path = hashlib.sha256(request.full_path.encode()).hexdigest()[:32]
    zone = viewer_zone_name() + ("+" if VISITOR_ZONE_COOKIE in request.cookies else "")
    return f"{get_locale()}:{zone}:{request.host}:{path}"


def page_key(version: str) -> str:
    return f"page:{version}:{request_parts()}"


def is_storable(response) -> bool:
    """Nothing personal: a 200 that set no cookie and holds no CSRF token."""
    return (
        response.status_code == 200
        and not session.modified
        and "csrf_token" not in g
        and "Set-Cookie" not in response.headers
    )


def read_cache(key: str):
    try:
        return cache.get(key)
    except RedisError:  # the cache is an optimisation: render instead
        log.warning("page cache unavailable; rendering")
        return None


def write_cache(key: str, value, seconds: int | None = None) -> None:
    """Store for `seconds` (expiry.seconds_left), or the default; 0: not at all."""
    if seconds == 0:
        return
    try:
        cache.set(key, value, timeout=seconds)
    except RedisError:
        log.warning("page cache unavailable; page not stored")


def compressed(body: bytes) -> bytes:
    """Stored gzipped too: every hit would otherwise compress the page again."""
    return gzip.compress(body, compresslevel=current_app.config["COMPRESS_LEVEL"])


def stored_response(body: bytes, gzipped: bytes, mimetype: str):
    # Flask-Compress leaves a response that already has a Content-Encoding
    # alone, and still adds "Vary: Accept-Encoding".
    accepts_gzip = "gzip" in request.headers.get("Accept-Encoding", "").lower()
    response = current_app.response_class(
        gzipped if accepts_gzip else body, mimetype=mimetype
    )
    if accepts_gzip:
        response.headers["Content-Encoding"] = "gzip"
    response.headers[HIT_HEADER] = "hit"
    return response


def visitor_cached(view=None, *, scope=None, version=versions.current):
    """Decorate a GET view whose visitor page depends only on its URL. scope:
    the community the page belongs to, from the view's arguments, as SQL
    (scopes.py); without one the page is a site-wide list, kept under
    version() (the lists' by default)."""
    if view is None:
        return lambda view: visitor_cached(view, scope=scope, version=version)

    @wraps(view)
    def cached_view(*args, **kwargs):
        if not is_cacheable_request():
            return view(*args, **kwargs)
        # The version is read before any content.
        if scope is None:
            found = version()
        else:
            found = versions.current_for(scope(*args, **kwargs))
        key = page_key(found)
        stored = read_cache(key)
        if stored is not None:
            return stored_response(*stored)
        response = make_response(view(*args, **kwargs))
        if is_storable(response):
            body = response.get_data()
            stored = (body, compressed(body), response.mimetype)
            write_cache(key, stored, seconds_left(page_expiry()))
        response.headers[HIT_HEADER] = "miss"
        return response

    return cached_view
