"""Every model module, imported once so Alembic and create_all see all tables."""

from community.audit import AuditLog
from community.auth.models import User
from community.communities.models import Community, Membership
from community.learnings.models import (
    DpgTag,
    Lesson,
    LessonCountry,
    LessonVersion,
    ReviewComment,
)
from community.notifications.models import Notification, Subscription

__all__ = [
    "AuditLog",
    "Community",
    "DpgTag",
    "Lesson",
    "LessonCountry",
    "LessonVersion",
    "Membership",
    "Notification",
    "ReviewComment",
    "Subscription",
    "User",
]
