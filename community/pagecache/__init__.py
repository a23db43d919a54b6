"""Rendered pages for visitors, kept in a cache and keyed by a site version.

Visitors (nobody signed in) see the same home, community, thread and library
pages, so those are stored once rendered (Flask-Caching: Redis when REDIS_URL is
set, in process otherwise) under a key holding the *content version*. Every
write that visitors could see bumps that version in the same database
transaction (versions.py), so the next visitor gets a fresh page from every
process at once; nothing has to be deleted. See pages.py for what is stored.
"""

from flask import Flask

from community.extensions import cache


def cache_config(app: Flask) -> dict:
    """Redis when it is configured, this process's memory otherwise."""
    redis_url = app.config.get("REDIS_URL")
    timeout = app.config["PAGE_CACHE_SECONDS"]
    if redis_url:
        return {
            "CACHE_TYPE": "RedisCache",
            "CACHE_REDIS_URL": redis_url,
            "CACHE_KEY_PREFIX": "hub:",
            "CACHE_DEFAULT_TIMEOUT": timeout,
            "CACHE_OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    return {
        "CACHE_TYPE": "SimpleCache",
        "CACHE_DEFAULT_TIMEOUT": timeout,
        "CACHE_THRESHOLD": app.config["PAGE_CACHE_ENTRIES"],
    }


def init_page_cache(app: Flask) -> None:
    from community.pagecache import versions

    cache.init_app(app, config=cache_config(app))
    versions.listen()
