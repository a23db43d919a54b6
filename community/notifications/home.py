"""Unread replies on the home page (a community.sections home_section)."""

from sqlalchemy import select

from community.extensions import db
from community.notifications.models import Notification
from community.sections import home_section

SHOWN = 5


@home_section("notifications/_home_section.html", order=8)
def unread_replies(viewer) -> dict:
    """The signed-in viewer's newest unread replies (grouped per thread), one query."""
    if not viewer.is_authenticated:
        return {"unread_replies": []}
    query = (
        select(Notification)
        .where(
            Notification.user_id == viewer.id,
            Notification.kind == "reply",
            Notification.read_at.is_(None),
        )
        .order_by(Notification.created_at.desc(), Notification.id.desc())
        .limit(SHOWN)
    )
    return {"unread_replies": list(db.session.scalars(query))}
