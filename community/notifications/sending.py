"""Tell people things: in-app always, by e-mail per their settings.

Notifications about replies in one thread collapse into one unread row ("5 new
replies in …, from A, B and 3 others"); mail about posts carries the post itself
(mailing.py decides when it leaves, composing.py what it says).
"""

from sqlalchemy import Select, select, update

from community.auth.models import User
from community.extensions import db
from community.notifications.models import GROUPED_KINDS, Notification
from community.timezones import utcnow

MAX_ACTORS = 20


def notify(
    user: User, kind: str, message: str, url: str = "", post=None
) -> Notification:
    """Record a notification (grouped per thread while unread), and e-mail it once
    the change commits if the person wants that (the outbox: community/mail.py)."""
    # Imported here: mailing reads discussions, whose package imports this module.
    from community.notifications import mailing

    notification = group_into(user, kind, message, url, post) if post else None
    if notification is None:
        notification = Notification(
            user_id=user.id, kind=kind, message=message[:500], url=url
        )
        if post is not None:
            notification.thread_id, notification.post_id = post.thread_id, post.id
            notification.title = post.thread.title[:200]
            notification.actor_names = post.author_name
        db.session.add(notification)
    if mailing.wants_mail_now(user):
        if post is not None:
            mailing.mail_post(user, post, message)
        else:
            mailing.mail_notice(user, message, url)
        notification.emailed_at = utcnow()  # handed to the mail system
    db.session.flush()
    return notification


def group_into(
    user: User, kind: str, message: str, url: str, post
) -> Notification | None:
    """The unread notification of the same kind about the same thread, counting
    this post too; None when there is none to join."""
    if kind not in GROUPED_KINDS:
        return None
    query = select(Notification).where(
        Notification.user_id == user.id,
        Notification.thread_id == post.thread_id,
        Notification.kind == kind,
        Notification.read_at.is_(None),
    )
    found = db.session.scalars(query.order_by(Notification.id.desc())).first()
    if found is None:
        return None
    names = [post.author_name] + [n for n in found.actors if n != post.author_name]
    found.actor_names = "\n".join(names[:MAX_ACTORS])
    found.item_count += 1
    found.message, found.url, found.post_id = message[:500], url, post.id
    found.created_at = utcnow()
    return found


def unread_count(user: User) -> int:
    """How many notifications the person has not read."""
    query = select(db.func.count(Notification.id)).where(
        Notification.user_id == user.id, Notification.read_at.is_(None)
    )
    return db.session.scalar(query) or 0


def notifications_of(user: User) -> Select:
    """The person's notifications, newest first (the list page and the API)."""
    return (
        select(Notification)
        .where(Notification.user_id == user.id)
        .order_by(Notification.created_at.desc(), Notification.id.desc())
    )


def mark_read(user: User, notification_id: int | None = None) -> int:
    """Mark one (or every) notification of the person read; returns how many."""
    statement = (
        update(Notification)
        .where(Notification.user_id == user.id, Notification.read_at.is_(None))
        .values(read_at=utcnow())
    )
    if notification_id is not None:
        statement = statement.where(Notification.id == notification_id)
    return db.session.execute(statement).rowcount
