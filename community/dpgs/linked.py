"""What the community has linked to DPGs: lessons, threads and events, each
filtered by its own feature's visibility rule, one query per kind.

Every function takes a SQL condition on the link table's `dpg_id` column (one
DPG, or the DPGs deployed in a country), so the DPG page and the country page
share them.
"""

from collections.abc import Callable
from datetime import datetime

from sqlalchemy import ColumnElement, Select, select
from sqlalchemy.orm import contains_eager, joinedload

from community.communities.models import Community
from community.communities.permissions import visible_communities
from community.discussions.models import Thread
from community.dpgs.models import event_dpgs, lesson_version_dpgs, thread_dpgs
from community.events.models import Event
from community.events.permissions import visible_events
from community.extensions import db
from community.learnings.facets import Published
from community.learnings.models import Lesson
from community.learnings.permissions import lesson_visibility
from community.pagecache.expiry import expires_at

LIMIT = 20
DpgFilter = Callable[[ColumnElement], ColumnElement[bool]]


def for_dpg(dpg_id: int) -> DpgFilter:
    return lambda column: column == dpg_id


def published_lessons_statement(viewer) -> Select:
    """Published, unarchived lessons the viewer may read, with their version."""
    return (
        select(Lesson)
        .join(Published, Published.id == Lesson.published_version_id)
        .where(Lesson.status != "archived", lesson_visibility(viewer))
        .options(
            contains_eager(Lesson.published_version.of_type(Published)),
            joinedload(Lesson.community),
        )
        .order_by(Lesson.published_at.desc(), Lesson.id.desc())
    )


def lessons_linked(viewer, dpg_filter: DpgFilter, limit: int = LIMIT) -> list[Lesson]:
    linked = select(lesson_version_dpgs.c.version_id).where(
        dpg_filter(lesson_version_dpgs.c.dpg_id)
    )
    statement = published_lessons_statement(viewer).where(Published.id.in_(linked))
    return list(db.session.scalars(statement.limit(limit)).unique())


def threads_linked(viewer, dpg_filter: DpgFilter, limit: int = LIMIT) -> list[Thread]:
    linked = select(thread_dpgs.c.thread_id).where(dpg_filter(thread_dpgs.c.dpg_id))
    statement = (
        select(Thread)
        .join(Community, Community.id == Thread.community_id)
        .where(
            Thread.id.in_(linked),
            Thread.is_hidden.is_(False),
            visible_communities(viewer),
        )
        .options(contains_eager(Thread.community))
        .order_by(Thread.last_activity_at.desc(), Thread.id.desc())
        .limit(limit)
    )
    return list(db.session.scalars(statement))


def events_linked(
    viewer, dpg_filter: DpgFilter, now: datetime, limit: int = LIMIT
) -> tuple[list[Event], list[Event]]:
    """(upcoming soonest first, past latest first), cancelled events left out."""
    linked = select(event_dpgs.c.event_id).where(dpg_filter(event_dpgs.c.dpg_id))
    return visible_events_where(viewer, Event.id.in_(linked), now, limit)


def visible_events_where(
    viewer, condition: ColumnElement[bool], now: datetime, limit: int = LIMIT
) -> tuple[list[Event], list[Event]]:
    """(upcoming, past) events matching the condition that the viewer may see
    (members-only ones only for members), in one query."""
    statement = (
        select(Event)
        .where(condition, Event.status != "cancelled", visible_events(viewer))
        .options(joinedload(Event.community))
        .order_by(Event.series_end_at.desc())
        .limit(limit * 2)
    )
    events = list(db.session.scalars(statement))
    upcoming = sorted((e for e in events if e.series_end_at >= now), key=_start)
    past = [e for e in events if e.series_end_at < now]
    if upcoming:  # a cached page holds only until an upcoming event ends
        expires_at(min(event.series_end_at for event in upcoming))
    return upcoming[:limit], past[:limit]


def _start(event: Event) -> datetime:
    return event.start_at


def communities_of(lessons: list[Lesson], threads: list[Thread]) -> list[Community]:
    """The communities these (already readable) lessons and threads sit in."""
    found = {thread.community.id: thread.community for thread in threads}
    for lesson in lessons:
        if lesson.community is not None:
            found.setdefault(lesson.community.id, lesson.community)
    return sorted(found.values(), key=lambda community: community.name.lower())


def linked_to_dpg(viewer, dpg_id: int, now: datetime) -> dict:
    """Lessons, threads, events and communities linked to one DPG that the
    viewer may read (the DPG page and the API's DPG resource)."""
    about = for_dpg(dpg_id)
    lessons = lessons_linked(viewer, about)
    threads = threads_linked(viewer, about)
    upcoming, past = events_linked(viewer, about, now)
    return {
        "lessons": lessons,
        "threads": threads,
        "upcoming": upcoming,
        "past": past,
        "communities": communities_of(lessons, threads),
    }
