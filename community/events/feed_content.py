"""Which events a calendar feed holds, read as the few columns feeds need.

A feed first needs each event's UID and revision: its version, for the ETag
and the cached body. Only to build a body does it read what names each
serialised VEVENT in ical's cache (`described`), and only events missing from
that cache are loaded whole (`load_events`). A community feed holds its last 90
days and everything ahead; a person's feed holds the window around today
(CALENDAR_FEED_DAYS_BACK / _AHEAD), at most CALENDAR_FEED_MAX_EVENTS events
and CALENDAR_FEED_MAX_BYTES: those they go to first, then the ongoing and
coming ones from the nearest, then the latest past ones.
"""

from collections.abc import Iterable
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import ColumnElement, Row, and_, case, or_, select
from sqlalchemy.orm.attributes import set_committed_value

from community.auth.models import User
from community.communities.models import Membership
from community.events import permissions
from community.events.agenda import FEED_HISTORY
from community.events.models import Event, EventOccurrenceChange, Rsvp
from community.extensions import db

# What names a feed's version: all that a 304 or a cached body reads.
VERSION_COLUMNS = (Event.id, Event.uid, Event.revision)
# What the VTIMEZONEs and ical.serialized's cache key read, when building.
COLUMNS = (
    Event.id,
    Event.revision,
    Event.uid,
    Event.updated_at,
    Event.sequence,
    Event.status,
    Event.organiser_name,
    Event.all_day,
    Event.timezone,
    Event.start_local,
    Event.end_local,
    Event.start_at,
    Event.series_end_at,
)


def community_rows(condition: ColumnElement[bool], now: datetime) -> list[Row]:
    """A community's (or the public) feed: the last 90 days and all ahead."""
    query = select(*VERSION_COLUMNS).where(
        condition, Event.series_end_at >= now - FEED_HISTORY
    )
    return list(db.session.execute(query.order_by(Event.start_at, Event.id)))


def window(now: datetime) -> tuple[datetime, datetime]:
    config = current_app.config
    return (
        now - timedelta(days=config["CALENDAR_FEED_DAYS_BACK"]),
        now + timedelta(days=config["CALENDAR_FEED_DAYS_AHEAD"]),
    )


def personal_rows(person: User, now: datetime) -> list[Row]:
    """The person's feed: what they go to, and (unless they chose only that)
    their communities' events, in the window and within the cap."""
    going = Event.id.in_(
        select(Rsvp.event_id).where(Rsvp.user_id == person.id, Rsvp.status == "going")
    )
    member_of = select(Membership.community_id).where(
        Membership.user_id == person.id, Membership.status == "active"
    )
    theirs = or_(going, Event.community_id.in_(member_of))
    held = going if person.calendar_only_going else theirs
    first, last = window(now)
    ahead = Event.series_end_at >= now
    query = (
        select(*VERSION_COLUMNS)
        .where(
            and_(held, permissions.visible_events(person)),
            Event.series_end_at >= first,
            Event.start_at <= last,
        )
        .order_by(
            case((going, 0), else_=1),
            case((ahead, 0), else_=1),
            case((ahead, Event.start_at)),
            Event.series_end_at.desc(),
            Event.id,
        )
        .limit(current_app.config["CALENDAR_FEED_MAX_EVENTS"])
    )
    return list(db.session.execute(query))  # most wanted first: see ical.fitting


def version_of(rows: Iterable[Row]) -> list[tuple[str, int]]:
    """(UID, revision) of each event: what the feed's ETag and cached body are
    named by. UIDs, not ids: SQLite may give a deleted event's id to a new one."""
    return sorted((row.uid, row.revision) for row in rows)


def described(rows: list[Row]) -> list[Row]:
    """The rows again with COLUMNS (one statement), in the same order."""
    ids = [row.id for row in rows]
    query = select(*COLUMNS).where(Event.id.in_(ids))
    found = {row.id: row for row in db.session.execute(query)}
    return [found[event_id] for event_id in ids if event_id in found]


def load_events(ids: list[int]) -> dict[int, Event]:
    """Whole events for VEVENTs not serialised yet, in two statements whatever
    their number: the events, then the one-off changes of the series among
    them (selectinload would send one statement per 500 events)."""
    events = {
        event.id: event
        for event in db.session.scalars(select(Event).where(Event.id.in_(ids)))
    }
    series = [event_id for event_id, event in events.items() if event.is_recurring]
    changes: dict[int, list] = {event_id: [] for event_id in series}
    if series:
        query = (
            select(EventOccurrenceChange)
            .where(EventOccurrenceChange.event_id.in_(series))
            .order_by(EventOccurrenceChange.original_start_at)
        )
        for change in db.session.scalars(query):
            changes[change.event_id].append(change)
    for event_id, found in changes.items():
        set_committed_value(events[event_id], "changes", found)
    return events
