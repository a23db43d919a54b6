"""Rendered parts of members' pages that everyone reading the same communities
shares (the agenda's list, the month grid): kept under the content version,
for the reading scope (shared.py), and no longer than they hold (expiry.py).

    body = shared_fragment("agenda", current_user, parts, render, version)

render() returns (html, expires_at or None); version() is the content version
it is kept under (versions.current_events for the event lists). What goes in
`parts` is all else the fragment depends on: the address, the language, the
zone, any flag that shows or hides a link. Nothing personal belongs in it.
"""

from collections.abc import Callable

from flask import current_app
from markupsafe import Markup

from community.pagecache import versions
from community.pagecache.expiry import expires_at, seconds_left
from community.pagecache.pages import read_cache, write_cache
from community.pagecache.shared import shared_key


def shared_fragment(
    name: str,
    viewer,
    parts: str,
    render: Callable,
    version: Callable = versions.current,
) -> Markup:
    """render()'s HTML, or the HTML rendered for the same scope, parts and
    version() while it still holds; the page keeps its expiry either way."""
    if not current_app.config["PAGE_CACHE_ENABLED"]:
        found = render()
    else:
        key = shared_key(f"fragment:{name}", viewer, parts, version())
        found = read_cache(key)
        if found is None:
            found = render()
            write_cache(key, found, seconds_left(found[1]))
    expires_at(found[1])
    return Markup(found[0])  # noqa: S704 - a rendered template: escaped by Jinja
