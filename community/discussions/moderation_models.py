"""What moving, merging and tag synonyms leave behind: old addresses and old names."""

from datetime import datetime

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from community.discussions.models import Tag, Thread
from community.extensions import db
from community.timezones import UTCDateTime, utcnow


class ThreadRedirect(db.Model):
    """A thread merged into another: its old address answers with the new one."""

    __tablename__ = "thread_redirects"

    # No foreign key: the old thread row is gone once merged.
    old_thread_id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    thread_id: Mapped[int] = mapped_column(
        ForeignKey("threads.id", ondelete="CASCADE"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    thread: Mapped[Thread] = relationship()


class TagSynonym(db.Model):
    """Another name for a community's tag: its page redirects, new posts get the tag."""

    __tablename__ = "tag_synonyms"
    __table_args__ = (UniqueConstraint("community_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    community_id: Mapped[int] = mapped_column(
        ForeignKey("communities.id", ondelete="CASCADE")
    )
    name: Mapped[str] = mapped_column(String(30))
    tag_id: Mapped[int] = mapped_column(
        ForeignKey("tags.id", ondelete="CASCADE"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    tag: Mapped[Tag] = relationship()
