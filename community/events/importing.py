"""Import events from an .ics file into a community: preview, then confirm.

Each VEVENT becomes an EventData checked by the same rules as the form, so an
import can never create what an organiser could not type. A file that is not
iCalendar at all is refused whole, naming the line; an event we cannot import
(a yearly rule, no start, a time that does not exist) is skipped, and the
preview lists every skip and its reason, so nothing is lost without a word.
RECURRENCE-ID overrides become moved or cancelled dates, STATUS:CANCELLED
events arrive cancelled, and a TZID only the file defines is mapped to the
IANA zone with the same rules (import_zones.py). Events remember the file's
UID (source_uid): importing the same file again updates them.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from sqlalchemy import select

from community.dates import format_local_value
from community.events import import_reading as reading
from community.events import occurrence_rows, recurrence, scheduling
from community.events.import_reading import ImportRefused
from community.events.models import Event, EventOccurrenceChange
from community.extensions import db

MAX_BYTES = reading.MAX_BYTES
__all__ = ["MAX_BYTES", "ImportPlan", "ImportRefused", "apply_import", "read_calendar"]


@dataclass
class Move:
    original_start_at: datetime
    start_local: datetime
    end_local: datetime
    location: str | None = None


@dataclass
class ImportItem:
    data: scheduling.EventData
    line: int
    cancelled_starts: list[datetime] = field(default_factory=list)
    moves: list[Move] = field(default_factory=list)
    cancelled: bool = False  # STATUS:CANCELLED: the whole event
    existing: Event | None = None


@dataclass
class Skipped:
    line: int
    title: str
    reason: str


@dataclass
class ImportPlan:
    items: list[ImportItem]
    skipped: list[Skipped]
    notices: list[str]

    @property
    def series_count(self) -> int:
        return sum(1 for item in self.items if item.data.frequency)

    @property
    def moved_count(self) -> int:
        return sum(len(item.moves) for item in self.items)

    @property
    def cancelled_dates_count(self) -> int:
        return sum(len(item.cancelled_starts) for item in self.items)

    @property
    def cancelled_count(self) -> int:
        return sum(1 for item in self.items if item.cancelled)


def read_calendar(raw: bytes, community, default_zone: str) -> ImportPlan:
    """Parse and check every event; refuse only a file that is not iCalendar."""
    parsed = reading.parse(raw)
    zones = reading.ZoneReader(parsed, default_zone)
    masters, overrides = reading.group_events(parsed.events)
    items, skipped = [], []
    for uid, (component, line) in masters.items():
        try:
            items.append(to_item(component, line, zones, uid))
        except ImportRefused as error:
            skipped.append(Skipped(line, reading.title_of(component), str(error)))
    by_uid = {item.data.source_uid: item for item in items}
    for uid, component, line in overrides:
        reason = attach_override(by_uid.get(uid), component, zones)
        if reason:
            skipped.append(Skipped(line, reading.title_of(component), reason))
    attach_existing(community, items)
    skipped.sort(key=lambda skip: skip.line)
    return ImportPlan(items=items, skipped=skipped, notices=zones.notices)


def to_item(component, line: int, zones, uid: str) -> ImportItem:
    title = reading.title_of(component)
    if component.errors:
        name, problem = component.errors[0]
        raise ImportRefused(
            _(
                "it has a %(name)s we cannot read: %(problem)s",
                name=name,
                problem=problem,
            )
        )
    start = component.get("dtstart")
    if start is None:
        raise ImportRefused(_("it has no start (DTSTART)"))
    online_url, location = reading.place_of(component)
    data = scheduling.EventData(
        title=title,
        description=reading.description_of(component, online_url)[:20000],
        location=location[:300],
        country_code=reading.country_of(component, location[:300]),
        online_url=online_url,
        source_uid=uid,
    )
    try:
        set_times(data, component, start, zones)
        reading.set_recurrence(data, component.get("rrule"))
        scheduling.check(data)
    except scheduling.SchedulingError as error:
        raise ImportRefused(error.message) from error
    except (TypeError, ValueError, KeyError, AttributeError) as error:
        if isinstance(error, ImportRefused):
            raise
        raise ImportRefused(
            _("it could not be read (%(error)s)", error=error)
        ) from error
    status = str(component.get("status", "")).upper()
    return ImportItem(
        data=data,
        line=line,
        cancelled_starts=exdates(component, data, zones),
        cancelled=status == "CANCELLED",
    )


def set_times(data, component, start, zones) -> None:
    value = start.dt
    end = component.get("dtend")
    if not isinstance(value, date):
        raise ImportRefused(_("its start (DTSTART) is not a date or a date-time"))
    if not isinstance(value, datetime):
        data.all_day, data.start_on = True, value
        last = end.dt if end is not None else value + timedelta(days=1)
        last = (last.date() if isinstance(last, datetime) else last) - timedelta(days=1)
        data.end_on = last if isinstance(last, date) and last >= value else value
        data.timezone = zones.default_zone
        return
    data.timezone = zones.zone_of(value, start)
    data.start_local = reading.to_local(value, data.timezone)
    if end is not None and isinstance(end.dt, datetime):
        data.end_local = reading.to_local(end.dt, data.timezone)
    elif component.get("duration") is not None:
        data.end_local = data.start_local + component.get("duration").dt
    else:
        data.end_local = data.start_local + timedelta(hours=1)


def original_start(value, data) -> datetime:
    """A RECURRENCE-ID or EXDATE value as the UTC key of the date it names."""
    if isinstance(value, datetime):
        return recurrence.to_utc(reading.to_local(value, data.timezone), data.timezone)
    return recurrence.day_start_utc(value, data.timezone)


def exdates(component, data, zones) -> list[datetime]:
    """Cancelled dates (EXDATE) as UTC instants of their original start."""
    found = []
    values = component.get("exdate") or []
    for prop in values if isinstance(values, list) else [values]:
        found += [original_start(item.dt, data) for item in prop.dts]
    return found


def attach_override(item: ImportItem | None, component, zones) -> str:
    """Make a RECURRENCE-ID component a moved or cancelled date; "" or why not."""
    if item is None or not item.data.frequency:
        return _("it changes one date of a series that is not imported")
    data = item.data
    original = original_start(component.get("recurrence-id").dt, data)
    if original not in series_keys(data):
        return _("it changes a date that is not part of its series")
    if str(component.get("status", "")).upper() == "CANCELLED":
        item.cancelled_starts.append(original)
        return ""
    moved = scheduling.EventData(title=data.title, timezone=data.timezone)
    try:
        set_times(moved, component, component.get("dtstart"), zones)
        if moved.all_day != data.all_day:
            return _("it turns one date into an all-day date (or back)")
        if moved.all_day:
            moved.start_local = datetime.combine(moved.start_on, datetime.min.time())
            moved.end_local = datetime.combine(
                moved.end_on + timedelta(days=1), datetime.min.time()
            )
        else:
            moved.timezone = data.timezone
            scheduling.check_times(moved)
    except (scheduling.SchedulingError, ImportRefused, AttributeError) as error:
        return str(getattr(error, "message", error))
    place = str(component.get("location", "")).strip()
    if place == data.location:
        place = ""
    item.moves.append(Move(original, moved.start_local, moved.end_local, place or None))
    return ""


def series_keys(data) -> set[datetime]:
    rule_event = reading.rule_holder(data)
    return {
        recurrence.to_utc(start, data.timezone)
        for start in recurrence.local_starts(rule_event)
    }


def attach_existing(community, items: list[ImportItem]) -> None:
    """Events imported before (same source UID): one query for the whole file."""
    uids = [item.data.source_uid for item in items]
    found = {}
    for start in range(0, len(uids), 500):
        query = select(Event).where(
            Event.community_id == community.id,
            Event.source_uid.in_(uids[start : start + 500]),
        )
        found.update({event.source_uid: event for event in db.session.scalars(query)})
    for item in items:
        item.existing = found.get(item.data.source_uid)


def apply_import(actor, community, items: list[ImportItem]) -> tuple[int, int]:
    """Create new events, update those imported before: (created, updated)."""
    created = updated = 0
    for item in items:
        if item.existing is not None:
            scheduling.update_event(actor, item.existing, item.data)
            event, updated = item.existing, updated + 1
        else:
            event, _notices = scheduling.create_event(actor, community, item.data)
            created += 1
        apply_changes(event, item)
        if item.cancelled:
            scheduling.cancel_event(actor, event)
    db.session.flush()
    return created, updated


FREQUENCY_WORDS = {
    "daily": _l("daily"),
    "weekly": _l("weekly"),
    "monthly": _l("monthly"),
}


def apply_changes(event: Event, item: ImportItem) -> None:
    """The file's cancelled and moved dates, as one-off changes of the series."""
    changes = {change.original_start_at: change for change in event.changes}
    for original in item.cancelled_starts:
        change = changes.get(original) or EventOccurrenceChange(
            original_start_at=original
        )
        change.cancelled = True
        change.start_local = change.end_local = change.start_at = change.end_at = None
        if original not in changes:
            event.changes.append(change)
            changes[original] = change
    for move in item.moves:
        change = changes.get(move.original_start_at) or EventOccurrenceChange(
            original_start_at=move.original_start_at
        )
        change.cancelled = False
        change.start_local, change.end_local = move.start_local, move.end_local
        change.start_at = recurrence.to_utc(move.start_local, event.timezone)
        change.end_at = recurrence.to_utc(move.end_local, event.timezone)
        change.location = move.location
        if move.original_start_at not in changes:
            event.changes.append(change)
            changes[move.original_start_at] = change
    if item.cancelled_starts or item.moves:
        event.series_end_at = recurrence.series_end(event)
        event.sequence += 1
        db.session.flush()
        occurrence_rows.sync(event)


def preview_line(item: ImportItem) -> str:
    """“Mon 1 Jul 2030, 10:00 to 11:00 (Europe/Berlin); repeats weekly, …”."""
    data = item.data
    if data.all_day:
        when = _(
            "%(start_on)s to %(end_on)s, all day",
            start_on=format_local_value(data.start_on, "%a %-d %b %Y"),
            end_on=format_local_value(data.end_on, "%a %-d %b %Y"),
        )
    else:
        when = _(
            "%(start)s to %(end)s (%(zone)s)",
            start=format_local_value(data.start_local, "%a %-d %b %Y, %H:%M"),
            end=format_local_value(data.end_local, "%H:%M"),
            zone=data.timezone,
        )
    if not data.frequency:
        return when
    if data.count:
        ends = ngettext("%(num)s time", "%(num)s times", data.count)
    else:
        until = format_local_value(data.until_on, "%-d %b %Y")
        ends = _("until %(date)s", date=until)
    return _(
        "%(when)s; repeats %(frequency)s, every %(interval)s, %(ends)s",
        when=when,
        frequency=FREQUENCY_WORDS.get(data.frequency, data.frequency),
        interval=data.interval,
        ends=ends,
    )
