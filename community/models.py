"""Every model module, imported once so Alembic and create_all see all tables."""

# ruff: noqa: F401
from community.admin.models import SitePage
from community.api.models import ApiToken, Webhook, WebhookDelivery
from community.audit import AuditLog
from community.auth.models import User
from community.auth.registration import PendingRegistration
from community.auth.two_factor import RecoveryCode
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
from community.discussions.moderation_models import TagSynonym, ThreadRedirect
from community.dpgs.models import (
    Country,
    Dpg,
    DpgCountry,
    DpgFacet,
    DpgSuggestion,
    event_dpgs,
    lesson_version_dpgs,
    thread_dpgs,
)
from community.events.models import (
    CalendarFeedVersion,
    Event,
    EventOccurrence,
    EventOccurrenceChange,
    EventReminder,
    Rsvp,
)
from community.learnings.models import (
    Lesson,
    LessonCountry,
    LessonVersion,
    ReviewComment,
)
from community.mail import MailDelivery
from community.notifications.models import (
    DigestRun,
    MailReplyUse,
    Notification,
    Subscription,
    ThreadMailState,
)
from community.organisations.application_models import (
    ApplicationMessage,
    JoinApplication,
)
from community.organisations.models import (
    Affiliation,
    Organisation,
    OrganisationDpg,
    OrganisationLogo,
)
from community.organisations.roadmap_models import (
    ActivityLink,
    ActivityOrganisation,
    ActivityUpdate,
    RoadmapActivity,
)
from community.pagecache.models import CacheVersion
from community.privacy.models import DataExport
from community.search.models import SearchDocument
from community.trust.models import PostHold
