"""Whole calendar bodies, kept by version: an unchanged feed is read, not built.

The key is the feed's content version (it names every event's id and revision
and the feed's name), the language and the site, so an entry never goes stale:
a change is a new key and the old entry simply expires. Each body is stored
plain and gzipped, under two keys, because compressing a megabyte costs more
than building it from cached VEVENTs, and a hit reads only the copy it sends.

With REDIS_URL every host shares the bodies (Flask-Caching, as the page
cache). Without it they stay in a small per-process LRU bounded in bytes
(FEED_CACHE_MEGABYTES), so a worker's memory does not grow with its feeds.
"""

import gzip
import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable

from flask import Response, current_app, request

from community.extensions import cache
from community.i18n import current_language
from community.pagecache.pages import HIT_HEADER, read_cache

MIMETYPE = "text/calendar"

_LOCAL: OrderedDict[str, bytes] = OrderedDict()
_LOCAL_LOCK = threading.Lock()
_local_bytes = 0


def body_key(version: str) -> str:
    site = current_app.config["SITE_URL"]
    blob = f"{version}|{current_language()}|{site}".encode()
    return f"feed-body:{hashlib.sha256(blob).hexdigest()[:40]}"


def shared() -> bool:
    return bool(current_app.config.get("REDIS_URL"))


def read(key: str) -> bytes | None:
    if shared():
        return read_cache(key)
    with _LOCAL_LOCK:
        found = _LOCAL.get(key)
        if found is not None:
            _LOCAL.move_to_end(key)
        return found


def write(key: str, body: bytes) -> None:
    global _local_bytes
    if shared():
        cache_set(key, body, current_app.config["FEED_CACHE_SECONDS"])
        return
    limit = current_app.config["FEED_CACHE_MEGABYTES"] * 1024 * 1024
    if len(body) > limit:
        return
    with _LOCAL_LOCK:
        _local_bytes -= len(_LOCAL.pop(key, b""))
        _LOCAL[key] = body
        _local_bytes += len(body)
        while _local_bytes > limit:
            _local_bytes -= len(_LOCAL.popitem(last=False)[1])


def cache_set(key: str, body: bytes, seconds: int) -> None:
    from redis.exceptions import RedisError

    try:
        cache.set(key, body, timeout=seconds)
    except RedisError:  # an optimisation only: the next request builds again
        current_app.logger.warning("feed cache unavailable; body not stored")


def forget_local() -> None:
    """Empty this process's copies (tests start each case from nothing)."""
    global _local_bytes
    with _LOCAL_LOCK:
        _LOCAL.clear()
        _local_bytes = 0


def accepts_gzip() -> bool:
    return "gzip" in request.headers.get("Accept-Encoding", "").lower()


def cached_body(version: str, build: Callable[[], bytes]) -> Response:
    """The feed's body as a response: from the cache, or built and stored."""
    key = body_key(version)
    wanted = f"{key}:gz" if accepts_gzip() else key
    body = read(wanted)
    state = "hit"
    if body is None:
        state = "miss"
        plain = build()
        packed = gzip.compress(
            plain, compresslevel=current_app.config["COMPRESS_LEVEL"]
        )
        write(key, plain)
        write(f"{key}:gz", packed)
        body = packed if wanted != key else plain
    response = Response(body, mimetype=MIMETYPE)
    if wanted != key:
        # Flask-Compress leaves an encoded body alone (and still adds Vary).
        response.headers["Content-Encoding"] = "gzip"
    response.headers[HIT_HEADER] = state
    return response
