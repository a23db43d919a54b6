"""In-app notifications, watches, and the bookkeeping of mail sent about them."""

from datetime import datetime

from flask_babel import _, ngettext
from sqlalchemy import ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from community.extensions import db
from community.timezones import UTCDateTime, utcnow

GROUPED_KINDS = frozenset({"reply"})  # one row per thread while unread


class Notification(db.Model):
    __tablename__ = "notifications"
    __table_args__ = (
        Index("ix_notifications_user_unread", "user_id", "read_at"),
        Index("ix_notifications_user_thread", "user_id", "thread_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(40))
    message: Mapped[str] = mapped_column(String(500))
    url: Mapped[str] = mapped_column(String(500), default="")  # a local path
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    read_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    emailed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Set for notifications about a post: grouping and mail with the content.
    thread_id: Mapped[int | None] = mapped_column(Integer)
    post_id: Mapped[int | None] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(200), default="", server_default="")
    item_count: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    actor_names: Mapped[str] = mapped_column(Text, default="", server_default="")

    @property
    def is_unread(self) -> bool:
        return self.read_at is None

    @property
    def actors(self) -> list[str]:
        return [name for name in self.actor_names.split("\n") if name]

    @property
    def summary(self) -> str:
        """The text to show: the message, or the group's count and people."""
        if self.item_count <= 1:
            return self.message
        return ngettext(
            "%(num)d new reply in “%(title)s”, from %(people)s",
            "%(num)d new replies in “%(title)s”, from %(people)s",
            self.item_count,
            title=self.title,
            people=people_list(self.actors),
        )


def people_list(names: list[str]) -> str:
    """ "A", "A and B", "A, B and 3 others" (translated)."""
    if len(names) <= 1:
        return names[0] if names else _("someone")
    if len(names) == 2:
        return _("%(first)s and %(second)s", first=names[0], second=names[1])
    return ngettext(
        "%(first)s, %(second)s and %(num)d other",
        "%(first)s, %(second)s and %(num)d others",
        len(names) - 2,
        first=names[0],
        second=names[1],
    )


class Subscription(db.Model):
    """Someone watching (or muting) a community or a thread."""

    __tablename__ = "subscriptions"
    __table_args__ = (
        db.UniqueConstraint("user_id", "target_type", "target_id"),
        Index("ix_subscriptions_target", "target_type", "target_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    target_type: Mapped[str] = mapped_column(String(20))  # community, thread, tag
    target_id: Mapped[int]
    muted: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class ThreadMailState(db.Model):
    """When a person was last mailed about a thread: busy threads are batched."""

    __tablename__ = "thread_mail_states"
    __table_args__ = (db.UniqueConstraint("user_id", "thread_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    thread_id: Mapped[int] = mapped_column(
        ForeignKey("threads.id", ondelete="CASCADE"), index=True
    )
    last_mailed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    mailed_post_id: Mapped[int] = mapped_column(Integer, default=0)
    pending_since: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)


class DigestRun(db.Model):
    """One row per person and period: a digest never goes twice."""

    __tablename__ = "digest_runs"
    __table_args__ = (db.UniqueConstraint("user_id", "period_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    period_key: Mapped[str] = mapped_column(String(24))  # daily:2026-12-01
    status: Mapped[str] = mapped_column(String(20), default="sent")  # or "empty"
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class MailReplyUse(db.Model):
    """A reply token already used: the same mail cannot post twice."""

    __tablename__ = "mail_reply_uses"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    post_id: Mapped[int | None] = mapped_column(Integer)
    used_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
