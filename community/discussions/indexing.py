"""Threads in the site search: title, tags and every visible post.

publishing.py and moderation.py call refresh_thread in the transaction of the
change, so edits, soft deletes, hides and accepted answers show in search at
once; a hidden thread leaves the index.
"""

from collections.abc import Iterator

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from community.discussions.models import Post, Thread
from community.extensions import db
from community.search.indexing import (
    append_to_document,
    index_document,
    reindexer,
    remove_document,
)
from community.text import stored_html_text

KIND = "thread"


def visible_bodies(thread_id: int):
    return (
        select(Post.thread_id, Post.body_html)
        .where(
            Post.thread_id == thread_id,
            Post.deleted_at.is_(None),
            Post.hidden_at.is_(None),
        )
        .order_by(Post.path)
    )


def document_of(thread: Thread, bodies: list[str]) -> dict:
    words = [" ".join(tag.name for tag in thread.tags)]
    words += [stored_html_text(body) for body in bodies]
    return {
        "object_id": thread.id,
        "title": thread.title,
        "body": "\n\n".join(part for part in words if part),
        "url": f"/t/{thread.id}/{thread.slug}" if thread.slug else f"/t/{thread.id}",
        "community_id": thread.community_id,
        "happened_at": thread.last_activity_at,
        "solved": thread.accepted_post_id is not None,
    }


def add_reply_to_index(thread: Thread, post: Post) -> None:
    """A new reply adds its words to the thread's document in one UPDATE (no
    re-reading of the thread's posts); without a document, build it."""
    if thread.is_hidden:
        return
    if not append_to_document(
        KIND,
        thread.id,
        stored_html_text(post.body_html),
        happened_at=thread.last_activity_at,
    ):
        refresh_thread(thread)


def refresh_thread(thread: Thread) -> None:
    """Bring the thread's search document in step with its visible posts."""
    if thread.is_hidden:
        remove_document(KIND, thread.id)
        return
    db.session.flush()
    bodies = [row.body_html for row in db.session.execute(visible_bodies(thread.id))]
    index_document(KIND, **document_of(thread, bodies))


@reindexer(KIND)
def every_visible_thread() -> Iterator[dict]:
    """Every thread that is not hidden, for `flask search reindex`."""
    threads = db.session.scalars(
        select(Thread)
        .where(Thread.is_hidden.is_(False))
        .options(selectinload(Thread.tags))
        .order_by(Thread.id)
    ).all()
    for thread in threads:
        bodies = [
            row.body_html for row in db.session.execute(visible_bodies(thread.id))
        ]
        yield document_of(thread, bodies)
