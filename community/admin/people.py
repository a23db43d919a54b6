"""Finding people, and what one person did recently (for the admin area)."""

from dataclasses import dataclass

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import joinedload

from community.audit import AuditLog
from community.auth.models import User
from community.communities.models import Community, Membership
from community.communities.permissions import visible_communities
from community.discussions.models import Post, Thread
from community.events.models import Event, Rsvp
from community.extensions import db
from community.learnings.models import Lesson

RECENT = 10


def people_query(filters: dict) -> Select:
    """Accounts matching the search form's values, newest first."""
    query = select(User).order_by(User.created_at.desc(), User.id.desc())
    text = (filters.get("q") or "").lower()
    if text:
        query = query.where(
            or_(
                func.lower(User.display_name).contains(text, autoescape=True),
                User.username_key.contains(text, autoescape=True),
                func.lower(User.email).contains(text, autoescape=True),
            )
        )
    organisation = (filters.get("organisation") or "").lower()
    if organisation:
        # The profile's free-text field (organisations/ may link records later).
        query = query.where(
            func.lower(User.organisation).contains(organisation, autoescape=True)
        )
    if filters.get("country"):
        query = query.where(User.country == filters["country"])
    role = filters.get("role")
    if role == "editor":
        query = query.where(User.is_editor.is_(True))
    elif role:
        query = query.where(User.site_role == role)
    return with_status(query, filters.get("status"))


def with_status(query: Select, status: str | None) -> Select:
    if status == "suspended":
        return query.where(User.suspended_at.is_not(None))
    if status == "active":
        return query.where(User.suspended_at.is_(None))
    if status == "unconfirmed":
        return query.where(User.email_confirmed_at.is_(None))
    return query


@dataclass
class Activity:
    posts: list  # (Post, Thread, Community) the viewer may read
    hidden_posts: int  # posts in communities the viewer does not read
    lessons: list
    rsvps: list
    memberships: list
    trail: list  # audit entries about or by the person


def recent_activity(viewer, person: User, scope) -> Activity:
    """What the person did lately, as far as the viewer may read it (no-leak)."""
    readable = visible_communities(viewer)
    posts = db.session.execute(
        select(Post, Thread, Community)
        .join(Thread, Thread.id == Post.thread_id)
        .join(Community, Community.id == Thread.community_id)
        .where(Post.author_id == person.id, readable)
        .order_by(Post.created_at.desc(), Post.id.desc())
        .limit(RECENT)
    ).all()
    hidden = db.session.scalar(
        select(func.count(Post.id))
        .join(Thread, Thread.id == Post.thread_id)
        .join(Community, Community.id == Thread.community_id)
        .where(Post.author_id == person.id, ~readable)
    )
    return Activity(
        posts=posts,
        hidden_posts=hidden or 0,
        lessons=recent_lessons(viewer, person),
        rsvps=recent_rsvps(viewer, person),
        memberships=memberships(person),
        trail=audit_trail(person, scope),
    )


def recent_lessons(viewer, person: User) -> list:
    readable = visible_communities(viewer)
    return db.session.scalars(
        select(Lesson)
        .outerjoin(Community, Community.id == Lesson.community_id)
        .options(
            joinedload(Lesson.published_version), joinedload(Lesson.working_version)
        )
        .where(
            Lesson.author_id == person.id,
            or_(Lesson.community_id.is_(None), readable),
        )
        .order_by(Lesson.created_at.desc())
        .limit(RECENT)
    ).all()


def recent_rsvps(viewer, person: User) -> list:
    readable = visible_communities(viewer)
    return db.session.execute(
        select(Rsvp, Event)
        .join(Event, Event.id == Rsvp.event_id)
        .outerjoin(Community, Community.id == Event.community_id)
        .where(Rsvp.user_id == person.id, or_(Event.community_id.is_(None), readable))
        .order_by(Rsvp.updated_at.desc())
        .limit(RECENT)
    ).all()


def memberships(person: User) -> list:
    # Community names are never secret (communities/permissions.py).
    return db.session.scalars(
        select(Membership)
        .options(joinedload(Membership.community))
        .where(Membership.user_id == person.id)
        .order_by(Membership.created_at.desc())
    ).all()


def audit_trail(person: User, scope, limit: int = 20) -> list:
    """Entries about the person or by them, newest first, within the scope."""
    return db.session.scalars(
        select(AuditLog)
        .options(joinedload(AuditLog.actor))
        .where(
            or_(AuditLog.subject_id == person.id, AuditLog.actor_id == person.id),
            scope,
        )
        .order_by(AuditLog.created_at.desc(), AuditLog.id.desc())
        .limit(limit)
    ).all()
