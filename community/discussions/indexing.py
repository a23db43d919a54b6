"""Threads and replies in the site search.

A thread's document holds its title, its opening post and its tags; each
visible reply is a document of its own (kind "post", parent_id the thread), so
a search that matches a reply lands on that reply (/p/<id>), and a broad query
ranks short documents rather than whole threads (issue 22).

publishing.py, moderation.py and trust/holding.py call refresh_thread or
refresh_post in the transaction of the change, so edits, soft deletes, hides,
approvals and accepted answers show in search at once; a hidden thread takes
its replies out with it.
"""

from collections.abc import Iterator

from sqlalchemy import or_, select
from sqlalchemy.orm import selectinload

from community.discussions.models import Post, Thread
from community.extensions import db
from community.search.indexing import (
    index_document,
    reindexer,
    remove_document,
    remove_documents,
    update_documents,
)
from community.search.models import SearchDocument
from community.text import stored_html_text

KIND = "thread"
REPLY = "post"


def visible_posts(thread_id: int):
    return select(Post).where(
        Post.thread_id == thread_id,
        Post.deleted_at.is_(None),
        Post.hidden_at.is_(None),
    )


def document_of(thread: Thread, opening_html: str) -> dict:
    """The thread's own document: title, opening post, then its tags."""
    parts = [stored_html_text(opening_html), " ".join(tag.name for tag in thread.tags)]
    return {
        "object_id": thread.id,
        "title": thread.title,
        "body": "\n\n".join(part for part in parts if part),
        "url": f"/t/{thread.id}/{thread.slug}" if thread.slug else f"/t/{thread.id}",
        "community_id": thread.community_id,
        "happened_at": thread.last_activity_at,
        "solved": thread.accepted_post_id is not None,
        "author_id": thread.author_id,
    }


def reply_document_of(thread: Thread, post: Post) -> dict:
    """A reply's document: its text, found under its thread's title."""
    return {
        "object_id": post.id,
        "title": "",  # the thread's title is the thread's match, not each reply's
        "heading": thread.title,
        "body": stored_html_text(post.body_html),
        "url": f"/p/{post.id}",
        "community_id": thread.community_id,
        "happened_at": post.created_at,
        "author_id": post.author_id,
        "parent_id": thread.id,
        "solved": thread.accepted_post_id is not None,  # the filter reads replies too
    }


def add_reply_to_index(thread: Thread, post: Post) -> None:
    """A new reply: its own document, and the thread's activity date moves."""
    if thread.is_hidden:
        return
    index_document(REPLY, **reply_document_of(thread, post))
    changed = update_documents(
        KIND, SearchDocument.object_id == thread.id, happened_at=thread.last_activity_at
    )
    if not changed:
        refresh_thread(thread)


def refresh_post(post: Post) -> None:
    """Bring one post's document (and its thread's) in step after a change."""
    refresh_thread(post.thread)
    if post.is_opening or post.thread.is_hidden:
        return
    if post.is_deleted or post.is_hidden:
        remove_document(REPLY, post.id)
    else:
        index_document(REPLY, **reply_document_of(post.thread, post))


def refresh_thread(thread: Thread) -> None:
    """Bring the thread's document and its replies' in step with what is visible."""
    replies = select(SearchDocument.object_id).where(
        SearchDocument.kind == REPLY, SearchDocument.parent_id == thread.id
    )
    if thread.is_hidden:
        remove_document(KIND, thread.id)
        remove_documents(REPLY, replies.scalar_subquery())
        return
    db.session.flush()
    posts = db.session.scalars(visible_posts(thread.id).order_by(Post.path)).all()
    opening = next((post for post in posts if post.parent_id is None), None)
    index_document(KIND, **document_of(thread, opening.body_html if opening else ""))
    indexed = set(db.session.scalars(replies))
    visible = {post.id: post for post in posts if post.parent_id is not None}
    for post_id in visible.keys() - indexed:
        index_document(REPLY, **reply_document_of(thread, visible[post_id]))
    if indexed - visible.keys():
        remove_documents(REPLY, list(indexed - visible.keys()))
    # A move, a new title or an accepted answer reaches every reply in one UPDATE.
    solved = thread.accepted_post_id is not None
    update_documents(
        REPLY,
        SearchDocument.parent_id == thread.id,
        or_(
            SearchDocument.community_id != thread.community_id,
            SearchDocument.heading != thread.title,
            SearchDocument.solved.is_not(solved),
        ),
        community_id=thread.community_id,
        heading=thread.title,
        solved=solved,
    )


def every_visible_thread_and_posts() -> Iterator[tuple[Thread, list[Post]]]:
    threads = db.session.scalars(
        select(Thread)
        .where(Thread.is_hidden.is_(False))
        .options(selectinload(Thread.tags))
        .order_by(Thread.id)
    ).all()
    for thread in threads:
        yield thread, db.session.scalars(visible_posts(thread.id)).all()


@reindexer(KIND)
def every_visible_thread() -> Iterator[dict]:
    """Every thread that is not hidden, for `flask search reindex`."""
    for thread, posts in every_visible_thread_and_posts():
        opening = next((post for post in posts if post.parent_id is None), None)
        yield document_of(thread, opening.body_html if opening else "")


@reindexer(REPLY)
def every_visible_reply() -> Iterator[dict]:
    """Every visible reply of a visible thread, for `flask search reindex`."""
    for thread, posts in every_visible_thread_and_posts():
        for post in posts:
            if post.parent_id is not None:
                yield reply_document_of(thread, post)
