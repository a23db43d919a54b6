"""Communities of practice and who belongs to them."""

from datetime import datetime

from flask_babel import lazy_gettext as _l
from markupsafe import Markup
from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy import true as sa_true
from sqlalchemy.orm import Mapped, mapped_column, relationship

from community.extensions import db
from community.timezones import UTCDateTime, utcnow

VISIBILITIES = {"public": _l("Public"), "members": _l("Members only")}
JOIN_POLICIES = {
    "open": _l("Open: anyone can join"),
    "approval": _l("Approval by moderators"),
}
ROLES = {
    "member": _l("Member"),
    "organiser": _l("Organiser"),
    "moderator": _l("Moderator"),
}
STATUSES = ("pending", "active", "banned", "declined")


class Community(db.Model):
    __tablename__ = "communities"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(60), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    purpose: Mapped[str] = mapped_column(String(200), default="")
    description_source: Mapped[str] = mapped_column(Text, default="")
    description_html: Mapped[str] = mapped_column(Text, default="")
    visibility: Mapped[str] = mapped_column(String(20), default="public")
    join_policy: Mapped[str] = mapped_column(String(20), default="open")
    member_count: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    archived_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # May someone deleting their account remove their posts here, or do the
    # posts stay (as "deleted member") to keep the record whole?
    allows_post_removal: Mapped[bool] = mapped_column(
        default=True, server_default=sa_true()
    )

    @property
    def description(self) -> Markup:
        return Markup(self.description_html)  # noqa: S704 - sanitised on save

    @property
    def is_public(self) -> bool:
        return self.visibility == "public"

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None

    def __repr__(self) -> str:
        return f"<Community {self.slug}>"


class Membership(db.Model):
    __tablename__ = "memberships"
    # One row per person and community, whatever its status: two join clicks
    # at once cannot make two memberships.
    __table_args__ = (UniqueConstraint("community_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    community_id: Mapped[int] = mapped_column(
        ForeignKey("communities.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    role: Mapped[str] = mapped_column(String(20), default="member")
    status: Mapped[str] = mapped_column(String(20), default="active")
    request_message: Mapped[str] = mapped_column(String(1000), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    decided_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL")
    )

    community: Mapped[Community] = relationship()
    user: Mapped["User"] = relationship(foreign_keys=[user_id])  # noqa: F821

    @property
    def is_active(self) -> bool:
        return self.status == "active"
