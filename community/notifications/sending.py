"""Tell people things: in-app always, by e-mail per their settings."""

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import Select, select, update

from community.auth.models import User
from community.extensions import db
from community.mail import send_after_commit, send_mail
from community.notifications.models import Notification
from community.timezones import utcnow


def notify(user: User, kind: str, message: str, url: str = "") -> Notification:
    """Record a notification, and e-mail it once the change commits if the person
    wants that (the outbox: community/mail.py)."""
    notification = Notification(
        user_id=user.id, kind=kind, message=message[:500], url=url
    )
    db.session.add(notification)
    if user.email_frequency == "immediately" and user.is_confirmed:
        link = current_app.config["SITE_URL"] + url if url else ""
        body = _(
            "%(message)s\n\n%(link)s\n\nChange how often we write: %(settings_link)s\n",
            message=message,
            link=link,
            settings_link=settings_link(),
        )
        send_after_commit(user.email, message[:120], body)
        notification.emailed_at = utcnow()  # handed to the mail system
    db.session.flush()
    return notification


def settings_link() -> str:
    return current_app.config["SITE_URL"] + "/auth/settings"


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


def send_digests() -> int:
    """E-mail each digest reader their unsent notifications in one mail."""
    pending = db.session.scalars(
        select(Notification)
        .join(User, User.id == Notification.user_id)
        .where(User.email_frequency == "digest", Notification.emailed_at.is_(None))
        .order_by(Notification.user_id, Notification.created_at)
    ).all()
    by_user: dict[int, list[Notification]] = {}
    for notification in pending:
        by_user.setdefault(notification.user_id, []).append(notification)
    sent = 0
    for user_id, items in by_user.items():
        user = db.session.get(User, user_id)
        if user is None or not user.is_confirmed:
            continue
        site = current_app.config["SITE_URL"]
        lines = [f"- {item.message}\n  {site}{item.url}" for item in items]
        body = (
            _("Here is what happened since your last digest:")
            + "\n\n"
            + "\n".join(lines)
        )
        subject = _(
            "%(config)s: %(len)s new notifications",
            config=current_app.config["SITE_NAME"],
            len=len(items),
        )
        if send_mail(user.email, subject, body + f"\n\nSettings: {settings_link()}\n"):
            now = utcnow()
            for item in items:
                item.emailed_at = now
            sent += 1
    return sent
