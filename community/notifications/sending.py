"""Tell people things: in-app always, by e-mail per their settings.

Notifications about replies in one thread collapse into one unread row ("5 new
replies in …, from A, B and 3 others"); mail about posts carries the post itself
(mailing.py decides when it leaves, composing.py what it says).
"""

from flask import g, has_request_context
from sqlalchemy import Select, delete, select, update

from community.auth.models import User
from community.extensions import db
from community.i18n import written_for
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

    forget_unread()  # the count read with the account is out of date now
    with written_for(user):  # a lazy message, in the person's language
        message = str(message)
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


def unread_count_of(user_id):
    """SQL: how many notifications of this user id are unread (a scalar subquery)."""
    return (
        select(db.func.count(Notification.id))
        .where(Notification.user_id == user_id, Notification.read_at.is_(None))
        .scalar_subquery()
    )


def unread_count(user: User) -> int:
    """How many notifications the person has not read (read with the account
    when it was loaded for this request: auth/session.load_account)."""
    known = g.get("_unread_notifications", {}) if has_request_context() else {}
    if user.id in known:
        return known[user.id]
    return db.session.scalar(select(unread_count_of(user.id))) or 0


def remember_unread(user: User, count: int) -> None:
    if has_request_context():
        g.setdefault("_unread_notifications", {})[user.id] = count or 0


def forget_unread() -> None:
    if has_request_context():
        g.pop("_unread_notifications", None)


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
    forget_unread()  # the count read with the account is out of date now
    return db.session.execute(statement).rowcount


def forget_thread_for_outsiders(thread_id: int, readers: Select) -> None:
    """The thread moved where only `readers` (a subquery of user ids) may read:
    notifications about it leave everyone else's list at once."""
    forget_unread()
    db.session.execute(
        delete(Notification)
        .where(
            Notification.thread_id == thread_id, Notification.user_id.not_in(readers)
        )
        .execution_options(synchronize_session=False)
    )


def follow_merged_thread(old_thread_id: int, thread_id: int) -> None:
    """Notifications about a merged thread now belong to the thread it joined."""
    db.session.execute(
        update(Notification)
        .where(Notification.thread_id == old_thread_id)
        .values(thread_id=thread_id)
        .execution_options(synchronize_session=False)
    )
