"""Every model module, imported once so Alembic and create_all see all tables."""

from community.audit import AuditLog
from community.auth.models import User
from community.communities.models import Community, Membership
from community.events.models import Event, EventOccurrenceChange, EventReminder, Rsvp
from community.notifications.models import Notification, Subscription

__all__ = [
    "AuditLog",
    "Community",
    "Event",
    "EventOccurrenceChange",
    "EventReminder",
    "Membership",
    "Notification",
    "Rsvp",
    "Subscription",
    "User",
]
