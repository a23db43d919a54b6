"""Export my data: everything the hub holds about a person, as one JSON document.

Small exports are built in the request. Larger ones (more rows than
EXPORT_INLINE_ROWS) go to the worker when there is a queue; the person is told
when theirs is ready, and downloads it from their settings (login, no-store).
"""

import json
from datetime import timedelta

from flask import current_app
from sqlalchemy import delete, func, or_, select

from community.api.models import ApiToken, Webhook
from community.audit import AuditLog
from community.auth.models import User
from community.communities.models import Membership
from community.discussions.models import Flag, Post, Thread, Vote
from community.events.models import Rsvp
from community.extensions import db
from community.jobs import enqueue
from community.learnings.models import Lesson, LessonVersion
from community.notifications.models import Notification
from community.notifications.sending import notify
from community.notifications.subscriptions import watches_of
from community.privacy.models import DataExport
from community.timezones import utcnow

KEPT_EXPORTS = 3  # older ones are deleted when a new one is made
PROFILE_FIELDS = (
    "id", "email", "username", "display_name", "organisation", "country", "kind",
    "timezone", "language", "spoken_languages", "expertise", "bio_source",
    "site_role", "is_editor",
    "email_confirmed_at",
    "pending_email", "email_frequency", "two_factor_enabled_at", "suspended_at",
    "suspended_reason", "created_at", "last_seen_at", "trust_level",
)  # fmt: skip
# Secrets stay out: the password hash, the TOTP secret, the calendar token.


def plain(value):
    return value.isoformat() if hasattr(value, "isoformat") else value


def row_of(row, names: tuple[str, ...]) -> dict:
    return {name: plain(getattr(row, name)) for name in names}


def rows(model, condition, names: tuple[str, ...]) -> list[dict]:
    query = select(model).where(condition).order_by(model.id)
    return [row_of(row, names) for row in db.session.scalars(query)]


def audit_rows(condition) -> list[dict]:
    names = ("id", "created_at", "action", "target_type", "target_id", "detail", "ip")
    return rows(AuditLog, condition, names)


def document(user: User) -> dict:
    """Every record about the person (their own text in its Markdown source)."""
    mine = user.id
    return {
        "exported_at": utcnow().isoformat(),
        "site": current_app.config["SITE_NAME"],
        "profile": row_of(user, PROFILE_FIELDS),
        "memberships": rows(
            Membership,
            Membership.user_id == mine,
            ("community_id", "role", "status", "request_message", "created_at"),
        ),
        "threads": rows(
            Thread,
            Thread.author_id == mine,
            ("id", "community_id", "title", "created_at"),
        ),
        "posts": rows(
            Post,
            Post.author_id == mine,
            (
                "id",
                "thread_id",
                "parent_id",
                "body_source",
                "created_at",
                "edited_at",
                "deleted_at",
                "hidden_at",
                "hidden_reason",
            ),
        ),  # fmt: skip
        "votes": rows(Vote, Vote.user_id == mine, ("post_id", "created_at")),
        "flags": rows(
            Flag, Flag.user_id == mine, ("post_id", "reason", "text", "created_at")
        ),
        "lessons": lessons_of(user),
        "rsvps": rows(
            Rsvp,
            Rsvp.user_id == mine,
            ("event_id", "occurrence_id", "status", "created_at", "updated_at"),
        ),
        "subscriptions": watches_of(user),
        "notifications": rows(
            Notification,
            Notification.user_id == mine,
            ("kind", "message", "url", "created_at", "read_at"),
        ),
        # Names and use, never the token hashes or the hooks' signing secrets.
        "api_tokens": rows(
            ApiToken,
            ApiToken.user_id == mine,
            ("name", "scopes", "prefix", "created_at", "last_used_at", "revoked_at"),
        ),
        "webhooks": rows(
            Webhook,
            Webhook.owner_id == mine,
            ("community_id", "url", "events", "is_active", "created_at"),
        ),
        "audit_entries_about_you": audit_rows(AuditLog.subject_id == mine),
        "audit_entries_by_you": audit_rows(AuditLog.actor_id == mine),
    }


def lessons_of(user: User) -> list[dict]:
    versions = select(LessonVersion).where(
        or_(
            LessonVersion.created_by_id == user.id,
            LessonVersion.lesson_id.in_(
                select(Lesson.id).where(Lesson.author_id == user.id)
            ),
        )
    )
    names = (
        "lesson_id", "number", "title", "summary", "pilot_name", "authors",
        "organisation", "evidence_links", "context_source", "done_source",
        "learned_source", "recommendations_source", "created_at", "published_at",
    )  # fmt: skip
    return [row_of(version, names) for version in db.session.scalars(versions)]


def row_count(user: User) -> int:
    """Roughly how big the export is: its largest tables' rows."""
    counts = [
        select(func.count()).where(Post.author_id == user.id),
        select(func.count()).where(Notification.user_id == user.id),
        select(func.count()).where(Vote.user_id == user.id),
        select(func.count()).where(AuditLog.subject_id == user.id),
    ]
    return sum(db.session.scalar(count) or 0 for count in counts)


def start_export(user: User) -> DataExport:
    """A new pending export; the person's oldest ones beyond KEPT_EXPORTS go."""
    keep = select(DataExport.id).where(DataExport.user_id == user.id)
    keep = keep.order_by(DataExport.id.desc()).limit(KEPT_EXPORTS - 1)
    db.session.execute(
        delete(DataExport).where(
            DataExport.user_id == user.id, DataExport.id.not_in(keep.scalar_subquery())
        )
    )
    export = DataExport(user_id=user.id, status="pending")
    db.session.add(export)
    db.session.flush()
    return export


def recent_pending(user: User) -> DataExport | None:
    """A pending export from the last ten minutes: no second one meanwhile."""
    return db.session.scalar(
        select(DataExport).where(
            DataExport.user_id == user.id,
            DataExport.status == "pending",
            DataExport.created_at > utcnow() - timedelta(minutes=10),
        )
    )


def dispatch(export: DataExport, user: User) -> bool:
    """Build now, or hand a large export to the worker (True: queued).

    The pending row must be committed first, so the worker can read it.
    """
    large = row_count(user) > current_app.config["EXPORT_INLINE_ROWS"]
    if large and enqueue(build_export_job, export.id):
        return True
    fill(export, user, tell=False)
    return False


def fill(export: DataExport, user: User, tell: bool = True) -> None:
    export.content = json.dumps(document(user), ensure_ascii=False, indent=1)
    export.status, export.finished_at = "ready", utcnow()
    if tell:
        notify(
            user,
            "data_export",
            "Your data export is ready.",  # stored as written: the worker has no locale
            "/auth/settings/export",
        )
    db.session.flush()


def build_export_job(export_id: int) -> str:
    """The worker's job: build one export and commit it."""
    export = db.session.get(DataExport, export_id)
    if export is None or export.status != "pending":
        return "gone"
    try:
        fill(export, db.session.get(User, export.user_id))
    except Exception:
        db.session.rollback()
        export = db.session.get(DataExport, export_id)
        export.status = "failed"
        db.session.commit()
        raise
    db.session.commit()
    return "ready"
