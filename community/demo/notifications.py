"""Demo notifications for `flask seed-demo`: a busy thread's replies grouped into
one notification for its author, and a daily digest reader. Reruns add nothing."""

from sqlalchemy import select

from community.demo.users import demo_user
from community.discussions.models import Post, Thread
from community.extensions import db
from community.notifications.models import Notification
from community.notifications.sending import notify


def busiest_thread() -> Thread | None:
    query = select(Thread).order_by(Thread.reply_count.desc(), Thread.id).limit(1)
    return db.session.scalar(query)


def seed_notifications() -> list[str]:
    thread = busiest_thread()
    if thread is None or thread.author is None:
        return ["  notifications: no demo threads, skipped"]
    author = thread.author
    done = select(Notification.id).where(
        Notification.user_id == author.id, Notification.thread_id == thread.id
    )
    lines = []
    if db.session.scalar(done) is None:
        replies = db.session.scalars(
            select(Post)
            .where(Post.thread_id == thread.id, Post.depth > 0)
            .where(Post.author_id != author.id)
            .order_by(Post.id)
        ).all()
        for post in replies:  # demo accounts read no mail: in-app only
            message = f"{post.author_name} replied to your thread “{thread.title[:80]}”"
            notify(author, "reply", message, f"/p/{post.id}", post=post)
        lines.append(f"  {len(replies)} replies grouped for {author.username}")
    reader = demo_user("maya")
    if reader is not None and reader.email_frequency == "never":
        reader.email_frequency = "daily"  # digests go to the log in development
        lines.append("  maya reads a daily digest")
    db.session.flush()
    return lines
