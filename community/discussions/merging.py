"""Merging two threads and splitting replies off into a new thread.

Posts keep their ids, so every /p/<id> link finds them in their new thread. A
post's place is its materialised path (models.PATH_WIDTH digits per level):
moving a sub-branch rewrites the paths under it, and depth and branch follow
from the path.
"""

from flask_babel import gettext as _
from sqlalchemy import func, select, update

from community import audit
from community.auth.models import User
from community.discussions.indexing import KIND, refresh_thread
from community.discussions.models import PATH_WIDTH, Post, Thread
from community.discussions.moderation_models import ThreadRedirect
from community.discussions.moving import follow_visibility
from community.discussions.posting import (
    PostingRefused,
    opening_post,
    set_tags,
    slugify,
)
from community.extensions import db
from community.notifications.sending import follow_merged_thread
from community.notifications.subscriptions import move_thread_watches
from community.search.indexing import remove_document


def place(post: Post, path: str) -> None:
    """Put the post at `path`: depth and branch are read off it."""
    post.path = path
    post.depth = len(path) // PATH_WIDTH - 1
    post.branch_id = int(path[PATH_WIDTH : 2 * PATH_WIDTH]) if post.depth else None


def recount(thread: Thread) -> None:
    """Reply count, last post and last activity, from the posts now in the thread."""
    db.session.flush()
    count, last_id, last_at = db.session.execute(
        select(func.count(Post.id), func.max(Post.id), func.max(Post.created_at)).where(
            Post.thread_id == thread.id
        )
    ).one()
    thread.reply_count = max(count - 1, 0)
    thread.last_post_id = last_id
    thread.last_activity_at = last_at or thread.created_at
    if thread.accepted_post_id is not None:
        accepted = db.session.get(Post, thread.accepted_post_id)
        if accepted is None or accepted.thread_id != thread.id:
            thread.accepted_post_id = None


def posts_under(thread_id: int, path: str) -> list[Post]:
    """The post at `path` and its whole sub-branch, in tree order."""
    query = (
        select(Post)
        .where(Post.thread_id == thread_id, Post.path.startswith(path))
        .order_by(Post.path)
    )
    return list(db.session.scalars(query))


def merge_threads(source: Thread, target: Thread, actor: User, ip: str = "") -> None:
    """Every post of `source` joins `target`: the opening post and the top-level
    replies become top-level replies there (sorted by time with target's own),
    their sub-branches come with them; the source's address redirects."""
    into = opening_post(target)
    for post in posts_under(source.id, ""):
        if post.depth == 0:
            post.parent_id = into.id
            relative = post.path
        else:
            if post.depth == 1:
                post.parent_id = into.id
            relative = post.path[PATH_WIDTH:]
        post.thread = target
        place(post, into.path + relative)
    set_tags(target, [tag.name for tag in target.tags + source.tags])
    move_thread_watches(source.id, target.id)
    follow_merged_thread(source.id, target.id)
    db.session.execute(
        update(ThreadRedirect)
        .where(ThreadRedirect.thread_id == source.id)
        .values(thread_id=target.id)
        .execution_options(synchronize_session=False)
    )
    db.session.add(ThreadRedirect(old_thread_id=source.id, thread_id=target.id))
    detail = f"#{source.id} {source.title} -> #{target.id}"
    audit.record(actor, "thread.merge", target, detail=detail, ip=ip)
    recount(target)
    follow_visibility(target)  # posts from another community follow its rules
    db.session.delete(source)
    remove_document(KIND, source.id)
    refresh_thread(target)


MAX_SPLIT_CHOICES = 500


def replies_of(thread: Thread) -> list[Post]:
    """The replies a split may move, in tree order (not those already removed)."""
    query = (
        select(Post)
        .where(Post.thread_id == thread.id, Post.depth > 0, Post.deleted_at.is_(None))
        .order_by(Post.path)
        .limit(MAX_SPLIT_CHOICES)
    )
    return list(db.session.scalars(query))


def chosen_roots(thread: Thread, post_ids: list[int]) -> list[Post]:
    """The chosen replies that are not already inside another chosen one's branch."""
    query = (
        select(Post)
        .where(Post.thread_id == thread.id, Post.id.in_(post_ids), Post.depth > 0)
        .order_by(Post.created_at, Post.id)
    )
    chosen = list(db.session.scalars(query))
    if len(chosen) != len(set(post_ids)):
        raise PostingRefused(_("Choose replies of this thread only."))
    return [
        post
        for post in chosen
        if not any(
            other is not post and post.path.startswith(other.path) for other in chosen
        )
    ]


def split_thread(
    thread: Thread, post_ids: list[int], title: str, actor: User, ip: str = ""
) -> Thread:
    """A new thread from the chosen replies and their sub-branches: the earliest
    becomes its opening post, the others its top-level replies."""
    roots = chosen_roots(thread, post_ids)
    if not roots:
        raise PostingRefused(_("Choose at least one reply to move."))
    opening, others = roots[0], roots[1:]
    new = Thread(
        community=thread.community,
        author_id=opening.author_id,
        author_name=opening.author_name,
        title=title,
        slug=slugify(title),
        kind="discussion",
        created_at=opening.created_at,
    )
    db.session.add(new)
    db.session.flush()
    cut = len(opening.path) - PATH_WIDTH
    for post in posts_under(thread.id, opening.path):
        post.thread = new
        place(post, post.path[cut:])
    opening.parent_id = None
    new.vote_count, new.is_hidden = opening.vote_count, opening.is_hidden
    for root in others:
        cut = len(root.path) - PATH_WIDTH
        for post in posts_under(thread.id, root.path):
            post.thread = new
            place(post, opening.path + post.path[cut:])
        root.parent_id = opening.id
    set_tags(new, [tag.name for tag in thread.tags])
    recount(new)
    recount(thread)
    detail = f"#{thread.id} -> #{new.id}: {len(roots)} replies"
    audit.record(actor, "thread.split", new, detail=detail, ip=ip)
    refresh_thread(thread)
    refresh_thread(new)
    return new
