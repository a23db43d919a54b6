"""The audit log: who did what to whom, for staff and community moderators to read.

Each entry names the community it happened in (when there is one), so a
community's moderators can read their own communities' entries and no others
(admin/audit_log.py).
"""

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from community.extensions import db
from community.forms import client_ip
from community.timezones import UTCDateTime, utcnow


class AuditLog(db.Model):
    __tablename__ = "audit_logs"
    __table_args__ = (Index("ix_audit_logs_target", "target_type", "target_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    actor_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    action: Mapped[str] = mapped_column(String(60))
    target_type: Mapped[str] = mapped_column(String(40), default="")
    target_id: Mapped[int | None]
    community_id: Mapped[int | None] = mapped_column(
        ForeignKey("communities.id", ondelete="SET NULL"), index=True
    )
    # The person the action was about (the account itself, or the member whose
    # membership changed): their audit trail, and what their export includes.
    subject_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    detail: Mapped[str] = mapped_column(Text, default="")
    ip: Mapped[str] = mapped_column(String(64), default="")
    created_at: Mapped[datetime] = mapped_column(
        UTCDateTime, default=utcnow, index=True
    )

    actor: Mapped["User | None"] = relationship(foreign_keys=[actor_id])  # noqa: F821
    community: Mapped["Community | None"] = relationship()  # noqa: F821


def community_of(target) -> int | None:
    """The community an action on this target happened in (None: site-wide)."""
    if target is None:
        return None
    if type(target).__name__ == "Community":
        return target.id
    if getattr(target, "community_id", None) is not None:
        return target.community_id  # threads, lessons, events, memberships
    thread = getattr(target, "thread", None)  # posts
    return getattr(thread, "community_id", None)


def record(
    actor, action: str, target=None, detail: str = "", ip: str = "", subject=None
) -> AuditLog:
    """Add an audit entry for an action on a target (any model with an id);
    subject: the person it concerns, when that is neither the account targeted
    nor the author of the post, thread or lesson targeted."""
    if subject is None and type(target).__name__ == "User":
        subject = target
    subject_id = getattr(subject, "id", None) or getattr(target, "author_id", None)
    entry = AuditLog(
        actor_id=getattr(actor, "id", None),
        action=action,
        target_type=type(target).__name__.lower() if target is not None else "",
        target_id=getattr(target, "id", None),
        community_id=community_of(target),
        subject_id=subject_id,
        detail=detail[:2000],
        ip=(ip or client_ip())[:64],
    )
    db.session.add(entry)
    return entry
