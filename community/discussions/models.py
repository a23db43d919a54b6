"""Threads, their reply trees, and what people do to posts (vote, flag, edit)."""

from datetime import datetime

from flask_babel import lazy_gettext as _l
from markupsafe import Markup
from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from community.extensions import db
from community.timezones import UTCDateTime, utcnow

KINDS = {"question": _l("Question"), "discussion": _l("Discussion")}
FLAG_REASONS = {
    "spam": _l("Spam"),
    "off_topic": _l("Off-topic"),
    "abusive": _l("Abusive or disrespectful"),
    "other": _l("Something else"),
}
# Each level of the materialised path is the post id, zero-padded to this width.
# Digits only, so every collation (PostgreSQL locales included) sorts it as the tree.
PATH_WIDTH = 10


class Thread(db.Model):
    __tablename__ = "threads"
    __table_args__ = (
        Index("ix_threads_community_activity", "community_id", "last_activity_at"),
        # Home's active discussions, and a community's list (pinned first).
        Index("ix_threads_last_activity", "last_activity_at", "id"),
        Index(
            "ix_threads_community_pinned_activity",
            "community_id",
            "is_pinned",
            "last_activity_at",
            "id",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    community_id: Mapped[int] = mapped_column(
        ForeignKey("communities.id", ondelete="CASCADE")
    )
    author_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    author_name: Mapped[str] = mapped_column(String(80))
    title: Mapped[str] = mapped_column(String(150))
    slug: Mapped[str] = mapped_column(String(80), default="")
    kind: Mapped[str] = mapped_column(String(20), default="discussion")
    is_pinned: Mapped[bool] = mapped_column(default=False)
    is_locked: Mapped[bool] = mapped_column(default=False)
    # Set when moderators hide the opening post: the thread leaves every list.
    is_hidden: Mapped[bool] = mapped_column(default=False)
    # No foreign key: posts point at threads, and posts are never deleted for real.
    accepted_post_id: Mapped[int | None]
    reply_count: Mapped[int] = mapped_column(default=0)
    vote_count: Mapped[int] = mapped_column(default=0)  # votes on the opening post
    last_post_id: Mapped[int | None]
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_activity_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # The language the text is written in (community/content_languages.py).
    language: Mapped[str] = mapped_column(String(8), default="", server_default="")

    community: Mapped["Community"] = relationship()  # noqa: F821
    author: Mapped["User | None"] = relationship()  # noqa: F821
    tags: Mapped[list["Tag"]] = relationship(
        secondary="thread_tags", order_by="Tag.name"
    )
    dpgs: Mapped[list["Dpg"]] = relationship(  # noqa: F821 - community/dpgs
        secondary="thread_dpgs", order_by="Dpg.name"
    )

    @property
    def is_question(self) -> bool:
        return self.kind == "question"

    @property
    def is_solved(self) -> bool:
        return self.accepted_post_id is not None

    @property
    def kind_label(self) -> str:
        return str(KINDS.get(self.kind, KINDS["discussion"]))

    def __repr__(self) -> str:
        return f"<Thread {self.id} {self.title[:30]!r}>"


class Post(db.Model):
    __tablename__ = "posts"
    __table_args__ = (
        # A double-submitted form carries the same key: the second insert fails.
        UniqueConstraint("author_id", "idempotency_key"),
        Index("ix_posts_thread_path", "thread_id", "path"),
        Index("ix_posts_thread_branch", "thread_id", "branch_id"),
        # The first reply after a reader's mark (reading.py): PostgreSQL would
        # otherwise walk the primary key past every newer post of the site.
        Index("ix_posts_thread_id_id", "thread_id", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    thread_id: Mapped[int] = mapped_column(ForeignKey("threads.id", ondelete="CASCADE"))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("posts.id"))
    # The top-level reply this post hangs under (itself for top-level replies,
    # None for the opening post): pages are cut by top-level reply.
    branch_id: Mapped[int | None]
    depth: Mapped[int] = mapped_column(default=0)
    path: Mapped[str] = mapped_column(Text, default="")
    author_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    author_name: Mapped[str] = mapped_column(String(80))
    body_source: Mapped[str] = mapped_column(Text)
    body_html: Mapped[str] = mapped_column(Text)
    vote_count: Mapped[int] = mapped_column(default=0)
    version: Mapped[int] = mapped_column(default=1)
    idempotency_key: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    edited_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    hidden_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    hidden_reason: Mapped[str] = mapped_column(String(500), default="")
    # The language the text is written in (community/content_languages.py).
    language: Mapped[str] = mapped_column(String(8), default="", server_default="")

    thread: Mapped[Thread] = relationship()
    author: Mapped["User | None"] = relationship()  # noqa: F821
    parent: Mapped["Post | None"] = relationship(remote_side=[id])

    @property
    def body(self) -> Markup:
        return Markup(self.body_html)  # noqa: S704 - sanitised by render_markdown on save

    @property
    def is_opening(self) -> bool:
        return self.depth == 0

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None

    @property
    def is_hidden(self) -> bool:
        return self.hidden_at is not None

    @property
    def is_gone(self) -> bool:
        """Deleted or hidden: its place stays, its text is not shown to readers."""
        return self.is_deleted or self.is_hidden


class PostRevision(db.Model):
    """The text a post had before one edit."""

    __tablename__ = "post_revisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    post_id: Mapped[int] = mapped_column(
        ForeignKey("posts.id", ondelete="CASCADE"), index=True
    )
    editor_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL")
    )
    editor_name: Mapped[str] = mapped_column(String(80))
    body_source: Mapped[str] = mapped_column(Text)
    body_html: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    @property
    def body(self) -> Markup:
        return Markup(self.body_html)  # noqa: S704 - sanitised by render_markdown on save


class Vote(db.Model):
    __tablename__ = "votes"
    __table_args__ = (UniqueConstraint("post_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("posts.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Flag(db.Model):
    __tablename__ = "flags"
    __table_args__ = (UniqueConstraint("post_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("posts.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    community_id: Mapped[int] = mapped_column(
        ForeignKey("communities.id", ondelete="CASCADE"), index=True
    )
    reason: Mapped[str] = mapped_column(String(20))
    text: Mapped[str] = mapped_column(String(1000), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    resolved_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL")
    )
    resolution: Mapped[str] = mapped_column(String(20), default="")

    post: Mapped[Post] = relationship()
    user: Mapped["User"] = relationship(foreign_keys=[user_id])  # noqa: F821

    @property
    def reason_label(self) -> str:
        return str(FLAG_REASONS.get(self.reason, FLAG_REASONS["other"]))


class Tag(db.Model):
    __tablename__ = "tags"
    __table_args__ = (UniqueConstraint("community_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    community_id: Mapped[int] = mapped_column(
        ForeignKey("communities.id", ondelete="CASCADE")
    )
    name: Mapped[str] = mapped_column(String(30))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class ThreadTag(db.Model):
    __tablename__ = "thread_tags"

    thread_id: Mapped[int] = mapped_column(
        ForeignKey("threads.id", ondelete="CASCADE"), primary_key=True
    )
    tag_id: Mapped[int] = mapped_column(
        ForeignKey("tags.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class ThreadRead(db.Model):
    """How far a person has read a thread: posts with a larger id are new to them."""

    __tablename__ = "thread_reads"
    __table_args__ = (UniqueConstraint("user_id", "thread_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    thread_id: Mapped[int] = mapped_column(
        ForeignKey("threads.id", ondelete="CASCADE"), index=True
    )
    last_read_post_id: Mapped[int] = mapped_column(default=0)
    read_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
