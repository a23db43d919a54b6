"""What the agenda, the month grid, the home page and community pages list.

Every list reads dates from the event_occurrences table with one indexed range
query (ix_event_occurrences_window: end_at, start_at), joined to the events the
viewer may see; nothing is expanded in Python. A series is listed once, at its
next date, with the words of its rule ("Every Wednesday") and a link to the
rest. So the SQL per page is a handful of statements whatever the data size.
"""

import calendar
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from itertools import groupby

from sqlalchemy import ColumnElement, and_, func, or_, select
from sqlalchemy.orm import contains_eager

from community.events import recurrence
from community.events.models import Event, EventOccurrence
from community.extensions import db
from community.pagination import Page
from community.timezones import zone


def event_condition(
    condition: ColumnElement[bool], community_id=None, event_type=None, language=""
) -> ColumnElement[bool]:
    """The viewer's condition on Event, narrowed by the agenda's filters."""
    parts = [condition]
    if community_id is not None:
        parts.append(Event.community_id == community_id)
    if event_type:
        parts.append(Event.event_type == event_type)
    if language:
        parts.append(Event.language == language)
    return and_(*parts)


def listed_date() -> ColumnElement[bool]:
    """A date worth listing: live, or part of an event cancelled as a whole
    (those stay listed, marked cancelled); a single cancelled date is not."""
    return or_(EventOccurrence.cancelled.is_(False), Event.status == "cancelled")


def next_dates(condition: ColumnElement[bool], now: datetime):
    """Subquery: per visible event, the start of its next date that has not ended."""
    return (
        select(
            EventOccurrence.event_id.label("event_id"),
            func.min(EventOccurrence.start_at).label("start_at"),
        )
        .join(Event, Event.id == EventOccurrence.event_id)
        .where(EventOccurrence.end_at > now, condition, listed_date())
        .group_by(EventOccurrence.event_id)
        .subquery()
    )


def rows_at(following, extra=None):
    """The occurrence rows the subquery names, with their events and communities."""
    query = (
        select(EventOccurrence)
        .join(
            following,
            and_(
                following.c.event_id == EventOccurrence.event_id,
                following.c.start_at == EventOccurrence.start_at,
            ),
        )
        .join(Event, Event.id == EventOccurrence.event_id)
        .options(contains_eager(EventOccurrence.event).joinedload(Event.community))
        .order_by(EventOccurrence.start_at, EventOccurrence.event_id)
    )
    return query if extra is None else query.where(extra)


def unique_events(rows) -> list[EventOccurrence]:
    """One row per event (two dates of a series moved onto the same start)."""
    seen, found = set(), []
    for row in rows:
        if row.event_id not in seen:
            seen.add(row.event_id)
            found.append(row)
    return found


def first_events(
    condition: ColumnElement[bool], now: datetime, limit: int
) -> list[EventOccurrence]:
    """The next `limit` events, each at its next date (home, community pages)."""
    query = rows_at(next_dates(condition, now)).limit(limit + 5)
    return unique_events(db.session.scalars(query))[:limit]


def agenda_page(
    condition: ColumnElement[bool], now: datetime, number: int, per_page: int = 20
) -> Page:
    """One page of the agenda: every upcoming event once, by its next date."""
    following = next_dates(condition, now)
    total = db.session.scalar(select(func.count()).select_from(following)) or 0
    number = min(max(1, number), max(1, -(-total // per_page)))
    query = rows_at(following).offset((number - 1) * per_page).limit(per_page)
    items = unique_events(db.session.scalars(query))
    return Page(items=items, number=number, per_page=per_page, total=total)


def next_end(now: datetime) -> datetime | None:
    """When the next date of any event ends: until then the agenda holds (the
    window index's first column; every event, so it is never late)."""
    query = select(func.min(EventOccurrence.end_at)).where(EventOccurrence.end_at > now)
    return db.session.scalar(query)


def by_day(items: list, zone_name: str) -> list[tuple[date, list]]:
    """Agenda items grouped under day headings in the viewer's zone."""

    def day_of(row) -> date:
        if row.event.all_day:
            return row.start_local.date()
        return row.start_at.astimezone(zone(zone_name)).date()

    return [(day, list(group)) for day, group in groupby(items, key=day_of)]


def dates_between(
    condition: ColumnElement[bool], start: datetime, end: datetime
) -> list[EventOccurrence]:
    """Every listed date overlapping [start, end): one range query."""
    query = (
        select(EventOccurrence)
        .join(Event, Event.id == EventOccurrence.event_id)
        .where(
            EventOccurrence.end_at > start,
            EventOccurrence.start_at < end,
            condition,
            listed_date(),
        )
        .options(contains_eager(EventOccurrence.event).joinedload(Event.community))
        .order_by(EventOccurrence.start_at, EventOccurrence.event_id)
    )
    return list(db.session.scalars(query))


@dataclass
class Day:
    day: date
    in_month: bool
    occurrences: list


def month_bounds(year: int, month: int, zone_name: str) -> tuple[datetime, datetime]:
    first = date(year, month, 1)
    following = date(year + month // 12, month % 12 + 1, 1)
    return (
        recurrence.day_start_utc(first, zone_name),
        recurrence.day_start_utc(following, zone_name),
    )


def days_of(row: EventOccurrence, tz) -> tuple[date, date]:
    if row.event.all_day:
        return row.start_local.date(), row.last_day
    first = row.start_at.astimezone(tz).date()
    last = (row.end_at - timedelta(seconds=1)).astimezone(tz).date()
    return first, last


def month_grid(
    condition: ColumnElement[bool], year: int, month: int, zone_name: str
) -> list[list[Day]]:
    """Weeks (Monday first), each day with its dates in the viewer's zone."""
    start, end = month_bounds(year, month, zone_name)
    by_date: dict[date, list] = {}
    tz = zone(zone_name)
    # All-day dates are midnight in their own zone: widen by a day each side.
    margin = timedelta(days=1)
    for row in dates_between(condition, start - margin, end + margin):
        first, last = days_of(row, tz)
        day = max(first, date(year, month, 1))
        while day <= last and day.month == month and day.year == year:
            by_date.setdefault(day, []).append(row)
            day += timedelta(days=1)
    weeks = calendar.Calendar(firstweekday=0).monthdatescalendar(year, month)
    return [
        [Day(day, day.month == month, by_date.get(day, [])) for day in week]
        for week in weeks
    ]


def next_by_community(
    condition: ColumnElement[bool], community_ids: list[int], now: datetime
) -> dict[int, EventOccurrence]:
    """The next live date per community (the /c/ list): two queries in all."""
    if not community_ids:
        return {}
    earliest = (
        select(
            Event.community_id.label("community_id"),
            func.min(EventOccurrence.start_at).label("start_at"),
        )
        .join(Event, Event.id == EventOccurrence.event_id)
        .where(
            condition,
            Event.community_id.in_(community_ids),
            EventOccurrence.end_at > now,
            EventOccurrence.cancelled.is_(False),
        )
        .group_by(Event.community_id)
        .subquery()
    )
    query = (
        select(EventOccurrence)
        .join(Event, Event.id == EventOccurrence.event_id)
        .join(
            earliest,
            and_(
                earliest.c.community_id == Event.community_id,
                earliest.c.start_at == EventOccurrence.start_at,
            ),
        )
        .where(EventOccurrence.cancelled.is_(False), condition)
        .options(contains_eager(EventOccurrence.event))
        .order_by(EventOccurrence.start_at, EventOccurrence.event_id)
    )
    nearest: dict[int, EventOccurrence] = {}
    for row in db.session.scalars(query):
        nearest.setdefault(row.event.community_id, row)
    return nearest
