"""Which notification mail leaves, and when: busy threads are batched.

A person hears of a new post in a thread at once, unless they were mailed about
that thread within MAIL_THREAD_INTERVAL_MINUTES; then the post waits and
send_batched() (run by the worker every minute, or `flask notifications
send-batched`) mails everything new in one message when the interval is over.
"""

import logging
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from community.auth.models import User
from community.discussions.models import Post, Thread
from community.discussions.permissions import can_see_thread
from community.extensions import db
from community.mail import send_after_commit
from community.notifications import composing
from community.notifications.models import ThreadMailState
from community.timezones import utcnow

log = logging.getLogger(__name__)


def wants_mail_now(user: User) -> bool:
    """Mail per notification: they chose it, and the address works."""
    return user.email_frequency == "immediately" and user.can_receive_mail


def interval() -> timedelta:
    return timedelta(minutes=current_app.config["MAIL_THREAD_INTERVAL_MINUTES"])


def thread_state(user: User, thread_id: int) -> ThreadMailState:
    query = select(ThreadMailState).where(
        ThreadMailState.user_id == user.id, ThreadMailState.thread_id == thread_id
    )
    state = db.session.scalar(query)
    if state is not None:
        return state
    state = ThreadMailState(user_id=user.id, thread_id=thread_id, mailed_post_id=0)
    try:  # two replies at once: the unique row settles it, neither request fails
        with db.session.begin_nested():
            db.session.add(state)
            db.session.flush()
    except IntegrityError:
        state = db.session.scalar(query)
    return state


def mail_post(user: User, post: Post, intro: str) -> None:
    """Mail the post after the commit, or leave it for the thread's next batch."""
    now = utcnow()
    state = thread_state(user, post.thread_id)
    recent = (
        state.last_mailed_at is not None and now - state.last_mailed_at < interval()
    )
    if recent or state.pending_since is not None:
        state.pending_since = state.pending_since or now
        return
    subject, text, extras = composing.post_mail(user, post.thread, [post], intro)
    send_after_commit(user.email, subject, text, f"post:{post.id}:{user.id}", extras)
    state.last_mailed_at, state.mailed_post_id = now, post.id


def mail_notice(user: User, message: str, url: str) -> None:
    subject, text, extras = composing.notice_mail(user, message, url)
    send_after_commit(user.email, subject, text, None, extras)


def new_posts(state: ThreadMailState, user: User) -> list[Post]:
    """Visible posts in the thread since the last mail, by other people."""
    query = (
        select(Post)
        .where(
            Post.thread_id == state.thread_id,
            Post.id > state.mailed_post_id,
            Post.deleted_at.is_(None),
            Post.hidden_at.is_(None),
            Post.author_id.is_distinct_from(user.id),
        )
        .order_by(Post.id)
        .limit(50)
    )
    return list(db.session.scalars(query))


def send_batched(now: datetime | None = None) -> int:
    """Mail each waiting batch whose interval is over; returns how many left."""
    now = now or utcnow()
    due = db.session.scalars(
        select(ThreadMailState).where(
            ThreadMailState.pending_since.is_not(None),
            ThreadMailState.last_mailed_at <= now - interval(),
        )
    ).all()
    sent = 0
    for state in due:
        user = db.session.get(User, state.user_id)
        thread = db.session.get(Thread, state.thread_id)
        posts = new_posts(state, user)
        state.pending_since = None
        may_read = can_see_thread(user, thread) and not user.is_suspended
        if posts and may_read and wants_mail_now(user):
            intro = composing.batch_intro(user, thread, len(posts))
            subject, text, extras = composing.post_mail(user, thread, posts, intro)
            key = f"batch:{thread.id}:{user.id}:{posts[-1].id}"
            send_after_commit(user.email, subject, text, key, extras)
            state.last_mailed_at, state.mailed_post_id = now, posts[-1].id
            sent += 1
    db.session.flush()
    return sent


def run_batched() -> int:
    """The worker's job: send due batches and commit (the mail leaves after)."""
    sent = send_batched()
    db.session.commit()
    return sent
