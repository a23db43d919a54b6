"""Which community a cached page belongs to, as SQL (a scalar subquery), so the
page's version is read in the one statement a cache hit sends:

    @visitor_cached(scope=thread_community)
    def show_thread(thread_id, slug=None): ...

A page without a scope is a site-wide list (home, the community list).
"""

from sqlalchemy import select

from community.communities.models import Community
from community.discussions.models import Thread


def thread_community(thread_id: int, **_):
    return select(Thread.community_id).where(Thread.id == thread_id).scalar_subquery()


def community_of_slug(slug: str, **_):
    return select(Community.id).where(Community.slug == slug).scalar_subquery()
