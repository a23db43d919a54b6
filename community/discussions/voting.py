"""Upvotes and accepted answers."""

from flask_babel import gettext as _
from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError

from community.auth.models import User
from community.discussions.models import Post, Thread, Vote
from community.discussions.posting import PostingRefused
from community.extensions import db


class VoteRefused(PostingRefused):
    """Voting twice, on your own post, or on a removed one."""


def _vote_of(user: User, post: Post) -> Vote | None:
    query = select(Vote).where(Vote.post_id == post.id, Vote.user_id == user.id)
    return db.session.scalar(query)


def _add_to_counts(post: Post, change: int) -> None:
    post.vote_count += change
    if post.is_opening:
        post.thread.vote_count += change


def vote(user: User, post: Post) -> Vote:
    """One upvote per person and post, never on their own."""
    if post.author_id == user.id:
        raise VoteRefused(_("You cannot vote for your own post."))
    if post.is_gone:
        raise VoteRefused(_("That post was removed."))
    if _vote_of(user, post) is not None:
        raise VoteRefused(_("You already voted for this post."))
    cast = Vote(post_id=post.id, user_id=user.id)
    try:
        with db.session.begin_nested():  # two clicks at once: the second one fails
            db.session.add(cast)
            db.session.flush()
    except IntegrityError:
        raise VoteRefused(_("You already voted for this post.")) from None
    _add_to_counts(post, 1)
    db.session.flush()
    return cast


def unvote(user: User, post: Post) -> None:
    """Take back one's vote."""
    cast = _vote_of(user, post)
    if cast is None:
        raise VoteRefused(_("You have not voted for this post."))
    db.session.delete(cast)
    _add_to_counts(post, -1)
    db.session.flush()


def withdraw_all_votes(user: User) -> None:
    """Take back every vote of a person leaving the hub, so totals count only
    votes that still exist (the rows go with the account)."""
    cast = select(Vote.post_id).where(Vote.user_id == user.id)
    opening_threads = select(Post.thread_id).where(Post.id.in_(cast), Post.depth == 0)
    db.session.execute(
        update(Thread)
        .where(Thread.id.in_(opening_threads))
        .values(vote_count=Thread.vote_count - 1)
        .execution_options(synchronize_session="fetch")
    )
    db.session.execute(
        update(Post)
        .where(Post.id.in_(cast))
        .values(vote_count=Post.vote_count - 1)
        .execution_options(synchronize_session="fetch")
    )
    db.session.execute(delete(Vote).where(Vote.user_id == user.id))


def accept_answer(thread: Thread, post: Post) -> None:
    """Mark (or change) the accepted answer of a question."""
    if not thread.is_question:
        raise PostingRefused(_("Only questions have accepted answers."))
    if post.thread_id != thread.id or post.is_opening:
        raise PostingRefused(_("Only a reply in this thread can be the answer."))
    if post.is_gone:
        raise PostingRefused(_("That post was removed."))
    thread.accepted_post_id = post.id
    db.session.flush()


def unaccept_answer(thread: Thread) -> None:
    """The question is open again."""
    thread.accepted_post_id = None
    db.session.flush()
