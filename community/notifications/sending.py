"""Tell people things: in-app always, by e-mail per their settings.

Notifications about replies in one thread collapse into one unread row ("5 new
replies in …, from A, B and 3 others"); mail about posts carries the post itself
(mailing.py decides when it leaves, composing.py what it says).
"""

from flask import g, has_request_context
from sqlalchemy import Select, delete, insert, select, update

from community.auth.models import User
from community.extensions import db
from community.i18n import written_for
from community.notifications.models import GROUPED_KINDS, Notification
from community.timezones import utcnow

MAX_ACTORS = 20


Recipient = tuple[User, str, str]  # who, kind, message (lazy or not)


def notify(
    user: User, kind: str, message: str, url: str = "", post=None
) -> Notification:
    """Record a notification (grouped per thread while unread), and e-mail it once
    the change commits if the person wants that (the outbox: community/mail.py)."""
    forget_unread()  # the count read with the account is out of date now
    message = in_language(user, message)
    found = unread_groups([(user, kind, message)], post).get((user.id, kind))
    if found is not None:
        join_group(found, message, url, post)
    else:
        found = Notification(**row_values(user, kind, message, url, post))
        db.session.add(found)
    if wants_mail(user):
        found.emailed_at = utcnow()  # handed to the mail system
        hand_to_mail([(user, message)], url, post)
    db.session.flush()
    return found


def notify_all(recipients: list[Recipient], url: str, post) -> None:
    """notify() each recipient of one post, in a number of statements that does
    not grow with them: one read of the unread rows to join, one insert of the
    new ones, one read and one write of the mail states (mailing.py)."""
    forget_unread()
    with db.session.no_autoflush:
        joinable = unread_groups(recipients, post)
        new_rows, mail_to = [], []
        for user, kind, message in recipients:
            message = in_language(user, message)
            found = joinable.get((user.id, kind))
            if found is not None:
                join_group(found, message, url, post)
                if wants_mail(user):
                    found.emailed_at = utcnow()
            else:
                new_rows.append(row_values(user, kind, message, url, post))
            if wants_mail(user):
                mail_to.append((user, message))
        if new_rows:  # one executemany (the ORM would insert row by row)
            db.session.execute(insert(Notification), new_rows)
        hand_to_mail(mail_to, url, post)
    db.session.flush()


def in_language(user: User, message) -> str:
    with written_for(user):  # a lazy message, in the person's language
        return str(message)


def wants_mail(user: User) -> bool:
    # Imported here: mailing reads discussions, whose package imports this module.
    from community.notifications import mailing

    return mailing.wants_mail_now(user)


def hand_to_mail(recipients: list[tuple[User, str]], url: str, post) -> None:
    from community.notifications import mailing

    if post is not None:
        mailing.mail_post_to_all(recipients, post)
        return
    for user, message in recipients:
        mailing.mail_notice(user, message, url)


def row_values(user: User, kind: str, message: str, url: str, post) -> dict:
    """A new notification's columns (emailed now when the person wants that)."""
    values = {
        "user_id": user.id,
        "kind": kind,
        "message": message[:500],
        "url": url,
        "created_at": utcnow(),
        "emailed_at": utcnow() if wants_mail(user) else None,
        "item_count": 1,
    }
    if post is not None:
        values |= {
            "thread_id": post.thread_id,
            "post_id": post.id,
            "title": post.thread.title[:200],
            "actor_names": post.author_name,
        }
    return values


def unread_groups(recipients: list[Recipient], post) -> dict:
    """{(user id, kind): the newest unread notification of that kind about the
    post's thread}, for the recipients whose kind groups (one query)."""
    ids = {user.id for user, kind, _ in recipients if kind in GROUPED_KINDS}
    if post is None or not ids:
        return {}
    query = select(Notification).where(
        Notification.user_id.in_(ids),
        Notification.thread_id == post.thread_id,
        Notification.kind.in_(GROUPED_KINDS),
        Notification.read_at.is_(None),
    )
    found = {}
    for row in db.session.scalars(query.order_by(Notification.id)):
        found[(row.user_id, row.kind)] = row  # the newest wins
    return found


def join_group(found: Notification, message: str, url: str, post) -> None:
    """Count this post too in an unread notification about its thread."""
    names = [post.author_name] + [n for n in found.actors if n != post.author_name]
    found.actor_names = "\n".join(names[:MAX_ACTORS])
    found.item_count += 1
    found.message, found.url, found.post_id = message[:500], url, post.id
    found.created_at = utcnow()


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
