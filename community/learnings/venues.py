"""Where a lesson is discussed (a thread) and where it was presented (an
event): chosen from what the person linking can see, and shown back on the
thread and event pages only to viewers who may read the lesson.

A member may link a members-only thread to a public lesson: the lesson page
then shows the thread only to people who can read it (`shown_venues`).
"""

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from community.communities.models import Community
from community.communities.permissions import visible_communities
from community.discussions.models import Thread
from community.discussions.permissions import can_see_thread
from community.events.models import Event
from community.events.permissions import can_see_event, visible_events
from community.extensions import db
from community.learnings.facets import published_lessons, summary_loads
from community.learnings.models import Lesson
from community.learnings.permissions import lesson_visibility
from community.routing import LARGEST_ID

CHOICES = 100  # the newest threads and events offered; enough to find one's own
BACK_LINKS = 20


class VenueRefused(ValueError):
    """A thread or event the person may not link; `field` names the form field."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field
        self.message = message


def thread_choices(user) -> list[Thread]:
    """Threads the person can read, most recently active first."""
    return list(
        db.session.scalars(
            select(Thread)
            .join(Community, Community.id == Thread.community_id)
            .where(Thread.is_hidden.is_(False), visible_communities(user))
            .options(joinedload(Thread.community))
            .order_by(Thread.last_activity_at.desc(), Thread.id.desc())
            .limit(CHOICES)
        )
    )


def event_choices(user) -> list[Event]:
    """Events the person can see (cancelled ones too: they were planned),
    newest first."""
    return list(
        db.session.scalars(
            select(Event)
            .where(visible_events(user))
            .order_by(Event.start_at.desc(), Event.id.desc())
            .limit(CHOICES)
        )
    )


def _chosen(user, model, row_id: int | None, current: int | None, may_see, refusal):
    """The id to keep: none, the current link, or a row the person may see."""
    if not row_id or row_id < 0:
        return None
    if row_id == current:
        return current
    row = db.session.get(model, row_id) if row_id <= LARGEST_ID else None
    if row is None or not may_see(user, row):
        raise refusal()
    return row.id


def _thread_refused() -> VenueRefused:
    return VenueRefused(
        "discussion_thread_id",
        _("That discussion is not one you can read: choose one from the list."),
    )


def _event_refused() -> VenueRefused:
    return VenueRefused(
        "presented_event_id",
        _("That event is not one you can see: choose one from the list."),
    )


def set_venues(user, lesson: Lesson, thread_id: int | None, event_id: int | None):
    """Name the lesson's discussion and presenting event (None clears either);
    a link already there stays even if its person can no longer see it."""
    lesson.discussion_thread_id = _chosen(
        user,
        Thread,
        thread_id,
        lesson.discussion_thread_id,
        can_see_thread,
        _thread_refused,
    )
    lesson.presented_event_id = _chosen(
        user, Event, event_id, lesson.presented_event_id, can_see_event, _event_refused
    )
    db.session.flush()


def shown_venues(viewer, lesson: Lesson) -> dict:
    """The lesson's thread and event, each only if the viewer may see it."""
    thread = event = None
    if lesson.discussion_thread_id:
        thread = db.session.get(Thread, lesson.discussion_thread_id)
    if lesson.presented_event_id:
        event = db.session.get(Event, lesson.presented_event_id)
    return {
        "venue_thread": thread if thread and can_see_thread(viewer, thread) else None,
        "venue_event": event if event and can_see_event(viewer, event) else None,
    }


def _linked_lessons(viewer, condition) -> list[Lesson]:
    statement = (
        published_lessons()
        .where(condition, Lesson.status != "archived", lesson_visibility(viewer))
        .order_by(Lesson.published_at.desc(), Lesson.id.desc())
        .limit(BACK_LINKS)
        .options(*summary_loads())
    )
    return list(db.session.scalars(statement))


def lessons_discussed_in(viewer, thread: Thread) -> list[Lesson]:
    """Published lessons the viewer may read that name this thread."""
    return _linked_lessons(viewer, Lesson.discussion_thread_id == thread.id)


def lessons_presented_at(viewer, event: Event) -> list[Lesson]:
    """Published lessons the viewer may read that were presented at this event."""
    return _linked_lessons(viewer, Lesson.presented_event_id == event.id)
