"""What the agenda, the month grid, the feeds and the home page list.

Queries load each event with its community and one-off changes up front, then
expand series in Python (at most 500 occurrences each), so no query runs per
event or per occurrence.
"""

import calendar
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import ColumnElement, Select, func, select
from sqlalchemy.orm import joinedload, selectinload

from community.events import recurrence
from community.events.models import Event
from community.extensions import db
from community.pagination import Page
from community.timezones import zone

FEED_HISTORY = timedelta(days=90)


def events_query(
    condition: ColumnElement[bool], community_id=None, event_type=None
) -> Select:
    query = (
        select(Event)
        .where(condition)
        .options(joinedload(Event.community), selectinload(Event.changes))
    )
    if community_id is not None:
        query = query.where(Event.community_id == community_id)
    if event_type:
        query = query.where(Event.event_type == event_type)
    return query


def occurrences_between(query: Select, start: datetime, end: datetime | None) -> list:
    """Occurrences of the query's events overlapping [start, end), by start time."""
    query = query.where(Event.series_end_at > start)
    if end is not None:
        query = query.where(Event.start_at < end + timedelta(days=1))
    found = []
    for event in db.session.scalars(query).unique():
        found.extend(recurrence.expand(event, window_start=start, window_end=end))
    found.sort(key=lambda item: (item.start_at, item.event.id))
    return found


def first_occurrences(
    query: Select, start: datetime, end: datetime, limit: int
) -> list:
    """The first `limit` occurrences in [start, end), without expanding every event.

    One-off events come from SQL already ordered and limited; only series are
    expanded. The first `limit` occurrences overall are always among those.
    """
    one_off = query.where(Event.repeat_frequency == "")
    one_off = one_off.order_by(Event.start_at, Event.id).limit(limit)
    series = query.where(Event.repeat_frequency != "")
    found = occurrences_between(one_off, start, end)
    if len(found) >= limit:
        # Nothing starting after the last of these can be among the first.
        end = min(end, found[limit - 1].start_at + timedelta(seconds=1))
    found += occurrences_between(series, start, end)
    found.sort(key=lambda item: (item.start_at, item.event.id))
    return found[:limit]


def agenda_page(query: Select, now: datetime, number: int, per_page: int = 20) -> Page:
    """One page of upcoming occurrences, counting one-off events in SQL.

    Only series are expanded; one-off events are counted, then loaded ordered
    and limited to the pages up to this one.
    """
    one_off = query.where(Event.repeat_frequency == "", Event.series_end_at > now)
    counting = select(func.count()).select_from(one_off.order_by(None).subquery())
    series = occurrences_between(query.where(Event.repeat_frequency != ""), now, None)
    total = (db.session.scalar(counting) or 0) + len(series)
    number = min(number, max(1, -(-total // per_page)))
    limit = number * per_page
    ordered = one_off.order_by(Event.start_at, Event.id).limit(limit)
    found = occurrences_between(ordered, now, None) + series
    found.sort(key=lambda item: (item.start_at, item.event.id))
    chunk = found[(number - 1) * per_page : limit]
    return Page(items=chunk, number=number, per_page=per_page, total=total)


def past_events(query: Select, now: datetime) -> Select:
    return query.where(Event.series_end_at <= now).order_by(Event.start_at.desc())


def feed_events(condition: ColumnElement[bool], now: datetime) -> list[Event]:
    """Events for a feed: those from the last 90 days and all future ones."""
    query = events_query(condition).where(Event.series_end_at >= now - FEED_HISTORY)
    return list(db.session.scalars(query.order_by(Event.start_at, Event.id)).unique())


def feed_state(condition: ColumnElement[bool], now: datetime) -> list[tuple[int, int]]:
    """(id, revision) of every event of a feed: one small query, for ETags."""
    query = (
        select(Event.id, Event.revision)
        .where(condition, Event.series_end_at >= now - FEED_HISTORY)
        .order_by(Event.id)
    )
    return [(found_id, revision) for found_id, revision in db.session.execute(query)]


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


def month_grid(query: Select, year: int, month: int, zone_name: str) -> list[list[Day]]:
    """Weeks (Monday first), each day with its occurrences in the viewer's zone."""
    start, end = month_bounds(year, month, zone_name)
    by_day: dict[date, list] = {}
    tz = zone(zone_name)
    for occurrence in occurrences_between(query, start, end):
        first = occurrence.start_at.astimezone(tz).date()
        last = (occurrence.end_at - timedelta(seconds=1)).astimezone(tz).date()
        if occurrence.event.all_day:
            first, last = (
                occurrence.start_local.date(),
                occurrence.end_local.date() - timedelta(days=1),
            )
        day = max(first, date(year, month, 1))
        while day <= last and day.month == month:
            by_day.setdefault(day, []).append(occurrence)
            day += timedelta(days=1)
    weeks = calendar.Calendar(firstweekday=0).monthdatescalendar(year, month)
    return [
        [Day(day, day.month == month, by_day.get(day, [])) for day in week]
        for week in weeks
    ]


def parse_month(value: str | None, today: date) -> tuple[int, int]:
    """ "2026-12" -> (2026, 12); anything else is this month."""
    try:
        year, month = (int(part) for part in (value or "").split("-"))
        date(year, month, 1)
    except ValueError:
        return today.year, today.month
    if not 1900 <= year <= 2200:
        return today.year, today.month
    return year, month


def next_by_community(
    condition: ColumnElement[bool], community_ids: list[int], now: datetime
) -> dict:
    """The next occurrence per community (for the community list).

    Per community only its earliest live one-off event is loaded (a grouped
    subquery), plus its series; so the cost follows communities, not events.
    """
    query = events_query(condition).where(Event.community_id.in_(community_ids))
    earliest = (
        select(Event.community_id, func.min(Event.start_at).label("start_at"))
        .where(condition, Event.community_id.in_(community_ids))
        .where(Event.repeat_frequency == "", Event.status != "cancelled")
        .where(Event.end_at > now)
        .group_by(Event.community_id)
        .subquery()
    )
    one_offs = query.join(
        earliest,
        (earliest.c.community_id == Event.community_id)
        & (earliest.c.start_at == Event.start_at),
    )
    horizon = now + timedelta(days=366)
    found = occurrences_between(one_offs, now, horizon)
    bound = {item.event.community_id: item.start_at for item in found}
    series = query.where(Event.repeat_frequency != "", Event.series_end_at > now)
    for event in db.session.scalars(series).unique():
        found += first_live_occurrence(
            event, now, bound.get(event.community_id, horizon)
        )
    found.sort(key=lambda item: (item.start_at, item.event.id))
    nearest: dict[int, object] = {}
    for occurrence in found:
        if not occurrence.is_cancelled:
            nearest.setdefault(occurrence.event.community_id, occurrence)
    return nearest


def first_live_occurrence(event: Event, now: datetime, until: datetime) -> list:
    """The series' first occurrence before `until` that is not cancelled, if any.

    A month ahead is tried first: most series meet at least monthly, and
    walking a year of a daily series for one date is wasted work.
    """
    for window_end in (min(until, now + timedelta(days=31)), until):
        expanded = recurrence.expand(event, now, window_end)
        live = [item for item in expanded if not item.is_cancelled]
        if live or window_end == until:
            return live[:1]
    return []
