"""Which community a cached page belongs to, as SQL (a scalar subquery), so the
page's version is read in the one statement a cache hit sends:

    @visitor_cached(scope=thread_community)
    def show_thread(thread_id, slug=None): ...

A page without a scope is a site-wide list (home, the community list). The
tables are looked up by name: the features' views import this module.
"""

from sqlalchemy import select

from community.extensions import db


def thread_community(thread_id: int, **_):
    threads = db.metadata.tables["threads"]
    query = select(threads.c.community_id).where(threads.c.id == thread_id)
    return query.scalar_subquery()


def community_of_slug(slug: str, **_):
    communities = db.metadata.tables["communities"]
    return select(communities.c.id).where(communities.c.slug == slug).scalar_subquery()
