"""Every model module, imported once so Alembic and create_all see all tables."""

from community.audit import AuditLog
from community.auth.models import User
from community.communities.models import Community, Membership
from community.discussions.models import (
    Flag,
    Post,
    PostRevision,
    Tag,
    Thread,
    ThreadRead,
    ThreadTag,
    Vote,
)
from community.notifications.models import Notification, Subscription

__all__ = [
    "AuditLog",
    "Community",
    "Flag",
    "Membership",
    "Notification",
    "Post",
    "PostRevision",
    "Subscription",
    "Tag",
    "Thread",
    "ThreadRead",
    "ThreadTag",
    "User",
    "Vote",
]
