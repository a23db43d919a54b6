"""What a digest says: new threads, unanswered questions, replies in what the
person watches, upcoming events, newly published lessons. Read-only queries; each
item is one the person may read."""

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import or_, select

from community.auth.models import User
from community.communities.models import Membership
from community.discussions.models import Post, Thread
from community.discussions.permissions import can_see_thread
from community.events import listings
from community.events.models import Event, Rsvp
from community.extensions import db
from community.learnings.models import Lesson
from community.learnings.permissions import can_see_lesson
from community.notifications.periods import Period
from community.notifications.subscriptions import watched_thread_ids
from community.timezones import format_local

LIMIT = 10
UNANSWERED_AGE = timedelta(days=30)
EVENTS_AHEAD = {"daily": timedelta(days=2), "weekly": timedelta(days=8)}


@dataclass
class DigestContent:
    new_threads: list[Thread] = field(default_factory=list)
    unanswered: list[Thread] = field(default_factory=list)
    watched: list[tuple[Thread, int, int]] = field(default_factory=list)  # n, last id
    events: list[tuple[object, str]] = field(default_factory=list)  # occurrence, when
    lessons: list[Lesson] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return (
            not (self.new_threads or self.unanswered or self.watched or self.events)
            and not self.lessons
        )


def community_ids(user: User) -> list[int]:
    query = select(Membership.community_id).where(
        Membership.user_id == user.id, Membership.status == "active"
    )
    return list(db.session.scalars(query))


def readable(user: User, threads) -> list[Thread]:
    return [t for t in threads if can_see_thread(user, t) and not t.is_hidden][:LIMIT]


def threads_in(user: User, communities: list[int], *conditions) -> list[Thread]:
    query = (
        select(Thread)
        .where(Thread.community_id.in_(communities), *conditions)
        .order_by(Thread.created_at.desc())
        .limit(LIMIT * 2)
    )
    return readable(user, db.session.scalars(query))


def watched_replies(user: User, period: Period) -> list[tuple[Thread, int, int]]:
    """(thread, how many new posts, the latest post id) for each watched thread."""
    watched = watched_thread_ids(user)
    query = (
        select(Post.thread_id, db.func.count(Post.id), db.func.max(Post.id))
        .where(
            Post.thread_id.in_(watched),
            Post.created_at >= period.start_at,
            Post.created_at < period.end_at,
            Post.depth > 0,
            Post.deleted_at.is_(None),
            Post.hidden_at.is_(None),
            Post.author_id.is_distinct_from(user.id),
        )
        .group_by(Post.thread_id)
    )
    found = []
    for thread_id, count, last_id in db.session.execute(query):
        thread = db.session.get(Thread, thread_id)
        if thread is not None and readable(user, [thread]):
            found.append((thread, count, last_id))
    return found[:LIMIT]


def upcoming_events(user: User, communities: list[int], period: Period, now: datetime):
    """Occurrences soon of events they go to or of their communities, in their zone."""
    going = select(Rsvp.event_id).where(Rsvp.user_id == user.id, Rsvp.status == "going")
    condition = (Event.status == "confirmed") & or_(
        Event.id.in_(going), Event.community_id.in_(communities)
    )
    end = now + EVENTS_AHEAD[period.frequency]
    # Dates from event_occurrences: one range query (events/listings.py).
    found = listings.dates_between(condition, now, end)
    occurrences = [row for row in found if row.start_at >= now][:LIMIT]
    return [
        (item, format_local(item.start_at, user.timezone))
        for item in occurrences
        if not getattr(item, "cancelled", False)
    ]


def new_lessons(user: User, period: Period) -> list[Lesson]:
    query = (
        select(Lesson)
        .where(
            Lesson.status == "published",
            Lesson.published_at >= period.start_at,
            Lesson.published_at < period.end_at,
        )
        .order_by(Lesson.published_at.desc())
        .limit(LIMIT * 2)
    )
    return [
        lesson for lesson in db.session.scalars(query) if can_see_lesson(user, lesson)
    ][:LIMIT]


def gather(user: User, period: Period, now: datetime) -> DigestContent:
    """Everything new for the person in the period (and events coming up)."""
    communities = community_ids(user)
    in_period = (
        Thread.created_at >= period.start_at,
        Thread.created_at < period.end_at,
    )
    new_threads = threads_in(
        user, communities, *in_period, Thread.author_id.is_distinct_from(user.id)
    )
    seen = {thread.id for thread in new_threads}
    unanswered = threads_in(
        user,
        communities,
        Thread.kind == "question",
        Thread.reply_count == 0,
        Thread.accepted_post_id.is_(None),
        Thread.is_locked.is_(False),
        Thread.created_at >= period.end_at - UNANSWERED_AGE,
        Thread.created_at < period.end_at,
        Thread.author_id.is_distinct_from(user.id),
    )
    return DigestContent(
        new_threads=new_threads,
        unanswered=[thread for thread in unanswered if thread.id not in seen],
        watched=watched_replies(user, period),
        events=upcoming_events(user, communities, period, now),
        lessons=new_lessons(user, period),
    )
