"""Which notification mail leaves, and when: busy threads are batched.

A person hears of a new post in a thread at once, unless they were mailed about
that thread within MAIL_THREAD_INTERVAL_MINUTES; then the post waits and
send_batched() (run by the worker every minute, or `flask notifications
send-batched`) mails everything new in one message when the interval is over.
"""

import logging
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import insert, select
from sqlalchemy.exc import IntegrityError

from community.auth.models import User
from community.discussions.models import Post, Thread
from community.discussions.permissions import can_see_thread
from community.extensions import db
from community.mail import send_after_commit
from community.notifications import composing, subscriptions
from community.notifications.models import ThreadMailState
from community.timezones import utcnow

log = logging.getLogger(__name__)


def wants_mail_now(user: User) -> bool:
    """Mail per notification: they chose it, and the address works."""
    return user.email_frequency == "immediately" and user.can_receive_mail


def interval() -> timedelta:
    return timedelta(minutes=current_app.config["MAIL_THREAD_INTERVAL_MINUTES"])


def thread_states(user_ids: set[int], thread_id: int) -> dict[int, ThreadMailState]:
    """{user id: their mail state in the thread}, for those who have one (one read)."""
    if not user_ids:
        return {}
    query = select(ThreadMailState).where(
        ThreadMailState.user_id.in_(user_ids), ThreadMailState.thread_id == thread_id
    )
    return {state.user_id: state for state in db.session.scalars(query)}


def add_thread_states(rows: list[dict]) -> None:
    """The first mail states of people in a thread, in one statement. Two replies
    at once: the unique rows settle it, one row at a time, neither request fails
    (the other request's row stands)."""
    if not rows:
        return
    try:
        with db.session.begin_nested():
            db.session.execute(insert(ThreadMailState), rows)
    except IntegrityError:
        for row in rows:
            try:
                with db.session.begin_nested():
                    db.session.execute(insert(ThreadMailState), [row])
            except IntegrityError:
                continue


def unsubscribe_targets(post: Post, user_ids: set[int]) -> dict[int, tuple]:
    """For a new thread, what each person's unsubscribe link should stop: the
    community they watch, else the watched tag that brought the thread. Replies
    stop the thread (composing's default): {}."""
    thread = post.thread
    tag_ids = [tag.id for tag in thread.tags]
    if not post.is_opening or not user_ids or not tag_ids:
        return {}
    return subscriptions.new_thread_watches(user_ids, thread.community_id, tag_ids)


def mail_post_to_all(recipients: list[tuple[User, str]], post: Post) -> None:
    """Mail the post to each (person, intro) after the commit, or leave it for
    the thread's next batch for those mailed about the thread a moment ago."""
    now = utcnow()
    states = thread_states({user.id for user, _ in recipients}, post.thread_id)
    stops = unsubscribe_targets(post, {user.id for user, _ in recipients})
    first_rows = []
    for user, intro in recipients:
        state = states.get(user.id)
        if state is None:  # never mailed about this thread: now
            first_rows.append(
                {
                    "user_id": user.id,
                    "thread_id": post.thread_id,
                    "last_mailed_at": now,
                    "mailed_post_id": post.id,
                }
            )
        elif state.pending_since is not None or (
            state.last_mailed_at is not None and now - state.last_mailed_at < interval()
        ):
            state.pending_since = state.pending_since or now
            continue
        else:
            state.last_mailed_at, state.mailed_post_id = now, post.id
        target = stops.get(user.id)
        subject, text, extras = composing.post_mail(
            user, post.thread, [post], intro, target
        )
        key = f"post:{post.id}:{user.id}"
        send_after_commit(user.email, subject, text, key, extras)
    add_thread_states(first_rows)


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
