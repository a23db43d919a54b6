"""A post held back from readers until a moderator looks, and why."""

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from community.extensions import db
from community.timezones import UTCDateTime, utcnow

# Why a post is held: a new account's first posts, or flags from established members.
HOLD_KINDS = ("new_account", "flags")


class PostHold(db.Model):
    __tablename__ = "post_holds"
    __table_args__ = (Index("ix_post_holds_open", "community_id", "decided_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    # One row per post: held again after a decision, the row is reopened.
    post_id: Mapped[int] = mapped_column(
        ForeignKey("posts.id", ondelete="CASCADE"), unique=True
    )
    community_id: Mapped[int] = mapped_column(
        ForeignKey("communities.id", ondelete="CASCADE")
    )
    kind: Mapped[str] = mapped_column(String(20))
    reason: Mapped[str] = mapped_column(String(500))  # shown to moderators
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    decided_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL")
    )
    decision: Mapped[str] = mapped_column(String(20), default="")  # approved, rejected

    post: Mapped["Post"] = relationship()  # noqa: F821

    @property
    def is_open(self) -> bool:
        return self.decided_at is None
