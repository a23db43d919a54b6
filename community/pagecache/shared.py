"""Values every viewer who may read the same communities shares (for members'
pages, which are never cached whole): kept under the content version, so any
visible write renews them as it renews visitors' pages.

    counts = shared_value("lesson-facets", viewer, args, lambda: compute())
"""

import hashlib
from collections.abc import Callable

from community.communities.permissions import is_admin, memberships_of
from community.pagecache import versions
from community.pagecache.pages import read_cache, write_cache


def reading_scope(viewer) -> str:
    """What the viewer may read, as a key: site admins read everything; anyone
    else the public communities and those they are an active member of."""
    if is_admin(viewer):
        return "all"
    ids = sorted(
        community_id
        for community_id, found in memberships_of(viewer).items()
        if found.status == "active"
    )
    return "public+" + ",".join(map(str, ids))


def shared_key(name: str, viewer, parts: str, version: str | None = None) -> str:
    """The cache key of a value shared by one reading scope: the site-wide
    lists' version unless the caller gives its own (a community's)."""
    blob = f"{reading_scope(viewer)}|{parts}".encode()
    version = versions.current() if version is None else version
    return f"value:{version}:{name}:{hashlib.sha256(blob).hexdigest()[:32]}"


def shared_value(name: str, viewer, parts: str, compute: Callable):
    """compute(), or the value computed for the same scope, parts and version."""
    key = shared_key(name, viewer, parts)
    found = read_cache(key)
    if found is None:
        found = compute()
        write_cache(key, found)
    return found
