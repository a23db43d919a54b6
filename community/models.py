"""Every model module, imported once so Alembic and create_all see all tables."""

from community.audit import AuditLog
from community.auth.models import User
from community.communities.models import Community, Membership
from community.notifications.models import Notification, Subscription
from community.search.models import SearchDocument

__all__ = [
    "AuditLog",
    "Community",
    "Membership",
    "Notification",
    "SearchDocument",
    "Subscription",
    "User",
]
