"""Thread lists: a community's threads, home and profile sections, list stats."""

from datetime import timedelta

from flask import request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import Select, func, select
from sqlalchemy.orm import joinedload, selectinload

from community.communities.models import Community
from community.communities.permissions import can_see_content, visible_communities
from community.content_languages import chosen_filter_language
from community.discussions.models import Post, Tag, Thread, ThreadTag
from community.discussions.reading import read_state
from community.extensions import db
from community.pagination import paginate
from community.sections import (
    community_list_stat,
    community_section,
    home_section,
    profile_section,
)
from community.timezones import utcnow

SORTS = {
    "activity": (_l("Latest activity"), Thread.last_activity_at.desc()),
    "newest": (_l("Newest"), Thread.created_at.desc()),
    "votes": (_l("Most votes"), Thread.vote_count.desc()),
}
THREADS_PER_PAGE = 25
ACTIVE_DAYS = 30


def community_threads(
    community: Community, sort: str, unanswered: bool, tag: str, language: str = ""
):
    """Pinned first, then by the chosen order; tags loaded up front (the
    community is the page's own, already in the session)."""
    query = (
        select(Thread)
        .options(selectinload(Thread.tags))
        .where(Thread.community_id == community.id, Thread.is_hidden.is_(False))
        .order_by(Thread.is_pinned.desc(), SORTS[sort][1], Thread.id.desc())
    )
    if unanswered:
        query = query.where(
            Thread.kind == "question",
            Thread.accepted_post_id.is_(None),
            Thread.reply_count == 0,
        )
    if tag:
        query = (
            query.join(ThreadTag, ThreadTag.thread_id == Thread.id)
            .join(Tag, Tag.id == ThreadTag.tag_id)
            .where(Tag.name == tag)
        )
    if language:  # ?language=: the language the threads are written in
        query = query.where(Thread.language == language)
    return query


@community_section("discussions/_community_section.html", order=10)
def thread_list_section(viewer, community: Community) -> dict:
    """The community page's thread list (?sort=, ?filter=unanswered, ?tag=,
    ?language=, ?page=)."""
    if not can_see_content(viewer, community):
        return {"discussions": None}
    sort = request.args.get("sort", "activity")
    sort = sort if sort in SORTS else "activity"
    unanswered = request.args.get("filter") == "unanswered"
    tag = request.args.get("tag", "")[:30]
    language = chosen_filter_language(request.args)
    page = paginate(
        community_threads(community, sort, unanswered, tag, language),
        THREADS_PER_PAGE,
        one_query=True,
    )
    return {
        "discussions": {
            "page": page,
            "sort": sort,
            "sorts": {key: label for key, (label, _) in SORTS.items()},
            "unanswered": unanswered,
            "tag": tag,
            "language": language,
            **reading_marks(viewer, page.items),
        }
    }


def reading_marks(viewer, threads: list[Thread]) -> dict:
    """ "unread": {thread id: (new posts, first new)} for threads opened before;
    "fresh": threads started since the person joined that they never opened."""
    seen, unread = read_state(viewer, threads)
    fresh = (
        {
            thread.id
            for thread in threads
            if thread.id not in seen and thread.created_at >= viewer.created_at
        }
        if seen is not None
        else set()
    )
    return {"unread": unread, "fresh": fresh}


@home_section("discussions/_home_section.html", order=20, shared=True)
def active_discussions(viewer) -> dict:
    """The latest active threads across the communities the viewer may read."""
    query = (
        select(Thread)
        .join(Community, Community.id == Thread.community_id)
        .options(joinedload(Thread.community))
        .where(visible_communities(viewer), Thread.is_hidden.is_(False))
        .order_by(Thread.last_activity_at.desc(), Thread.id.desc())
        .limit(8)
    )
    return {"active_threads": list(db.session.scalars(query))}


PROFILE_SHOWN = 5


def visible_posts_of(viewer, person) -> Select:
    """The person's posts the viewer may read, newest first."""
    return (
        select(Post)
        .join(Thread, Thread.id == Post.thread_id)
        .join(Community, Community.id == Thread.community_id)
        .options(joinedload(Post.thread).joinedload(Thread.community))
        .where(
            Post.author_id == person.id,
            Post.deleted_at.is_(None),
            Post.hidden_at.is_(None),
            Thread.is_hidden.is_(False),
            visible_communities(viewer),
        )
        .order_by(Post.created_at.desc(), Post.id.desc())
        .limit(PROFILE_SHOWN)
    )


@profile_section("discussions/_profile_section.html", order=20)
def recent_posts(viewer, person) -> dict:
    """The person's latest threads and replies, only where the viewer may read."""
    posts = visible_posts_of(viewer, person)
    return {
        "profile_threads": list(db.session.scalars(posts.where(Post.depth == 0))),
        "profile_replies": list(db.session.scalars(posts.where(Post.depth > 0))),
    }


@community_list_stat(order=10)
def active_thread_counts(communities: list) -> dict[int, dict[str, object]]:
    """Threads with activity in the last 30 days, per community (one query)."""
    if not communities:
        return {}
    since = utcnow() - timedelta(days=ACTIVE_DAYS)
    query = (
        select(Thread.community_id, func.count(Thread.id))
        .where(
            Thread.community_id.in_([community.id for community in communities]),
            Thread.last_activity_at >= since,
            Thread.is_hidden.is_(False),
        )
        .group_by(Thread.community_id)
    )
    counts = dict(db.session.execute(query).all())
    return {
        community.id: {_("Active threads"): counts.get(community.id, 0)}
        for community in communities
    }


def newest_threads(
    community: Community, limit: int = 30, thread_ids: Select | None = None
) -> list[Thread]:
    """For the Atom feed: newest threads with their opening posts (only those
    among `thread_ids`, when given: the feed's ?dpg= filter)."""
    query = (
        select(Thread, Post)
        .options(selectinload(Thread.tags))
        .join(Post, (Post.thread_id == Thread.id) & (Post.depth == 0))
        .where(Thread.community_id == community.id, Thread.is_hidden.is_(False))
        .order_by(Thread.created_at.desc(), Thread.id.desc())
        .limit(limit)
    )
    if thread_ids is not None:
        query = query.where(Thread.id.in_(thread_ids))
    return list(db.session.execute(query).all())


__all__ = ["current_user"]
