"""Import events from an .ics file into a community: preview, then all or nothing.

Each VEVENT becomes an EventData checked by the same rules as the form, so an
import can never create what an organiser could not type. Events remember the
file's UID (source_uid): importing the same file again updates them instead of
making duplicates. Any problem refuses the whole file, naming the line.
"""

import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

import icalendar
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from sqlalchemy import select

from community.dates import format_local_value
from community.events import recurrence, scheduling
from community.events.models import Event, EventOccurrenceChange
from community.extensions import db
from community.timezones import is_zone_name

MAX_BYTES = 1024 * 1024
CONTENT_LINE = re.compile(r"^[A-Za-z0-9-]+(;[^:]*)?:")
FREQUENCIES = {"DAILY": "daily", "WEEKLY": "weekly", "MONTHLY": "monthly"}


class ImportRefused(ValueError):
    """The file cannot be imported; the message names the problem and line."""


@dataclass
class ImportItem:
    data: scheduling.EventData
    line: int
    cancelled_starts: list[datetime] = field(default_factory=list)
    existing: Event | None = None


def unfolded_lines(text: str) -> list[tuple[int, str]]:
    """Content lines with the file line each starts on (RFC 5545 3.1 unfolding)."""
    lines: list[tuple[int, str]] = []
    for number, raw in enumerate(text.replace("\r\n", "\n").split("\n"), start=1):
        if raw[:1] in (" ", "\t") and lines:
            lines[-1] = (lines[-1][0], lines[-1][1] + raw[1:])
        elif raw.strip():
            lines.append((number, raw))
    return lines


def check_structure(text: str) -> list[int]:
    """Refuse malformed lines and unbalanced BEGIN/END; return each VEVENT's line."""
    lines = unfolded_lines(text)
    if not lines or lines[0][1].strip().upper() != "BEGIN:VCALENDAR":
        raise ImportRefused(
            _("This is not an iCalendar file: line 1 should be BEGIN:VCALENDAR.")
        )
    stack: list[str] = []
    starts = []
    for number, line in lines:
        if not CONTENT_LINE.match(line):
            raise ImportRefused(
                _(
                    "Line %(number)s is not a valid iCalendar line: “%(line)s”.",
                    number=number,
                    line=line[:60],
                )
            )
        name, _colon, value = line.partition(":")
        if name.upper() == "BEGIN":
            stack.append(value.strip().upper())
            starts += [number] if stack[-1] == "VEVENT" else []
        elif name.upper() == "END" and (
            not stack or stack.pop() != value.strip().upper()
        ):
            raise ImportRefused(
                _(
                    "Line %(number)s: END:%(strip)s does not close what was opened.",
                    number=number,
                    strip=value.strip()[:30],
                )
            )
    if stack:
        raise ImportRefused(
            _(
                "The file ends before END:%(stack)s; it may be cut short.",
                stack=stack[-1],
            )
        )
    return starts


def read_calendar(raw: bytes, community, default_zone: str) -> list[ImportItem]:
    """Parse and check every event of the file; refuse the whole file on any problem."""
    if len(raw) > MAX_BYTES:
        raise ImportRefused(_("The file is larger than 1 MB."))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportRefused(
            _("The file is not UTF-8 text (byte %(start)s).", start=error.start)
        ) from error
    starts = check_structure(text)
    try:
        calendar = icalendar.Calendar.from_ical(text)
    except ValueError as error:
        raise ImportRefused(
            _("This is not a valid iCalendar file: %(error)s", error=error)
        ) from error
    events = [item for item in calendar.walk("VEVENT")]
    if not events:
        raise ImportRefused(_("The file holds no events (no VEVENT)."))
    items = []
    for component, line in zip(events, starts, strict=False):
        if component.get("recurrence-id") is not None:
            continue  # overrides of one occurrence are not imported
        try:
            item = to_item(component, line, default_zone)
        except (TypeError, ValueError, KeyError, AttributeError) as error:
            if isinstance(error, ImportRefused):
                raise
            raise ImportRefused(
                _(
                    "The event on line %(line)s could not be read (%(error)s).",
                    line=line,
                    error=error,
                )
            ) from error
        item.existing = existing_event(community, item.data.source_uid)
        items.append(item)
    return items


def to_item(component, line: int, default_zone: str) -> ImportItem:
    title = str(component.get("summary", "")).strip() or _("Untitled event")
    where = _("The event on line %(line)s (“%(title)s”)", line=line, title=title[:60])
    if component.errors:
        name, problem = component.errors[0]
        raise ImportRefused(
            _(
                "%(where)s has a %(name)s we cannot read: %(problem)s.",
                where=where,
                name=name,
                problem=problem,
            )
        )
    start = component.get("dtstart")
    if start is None:
        raise ImportRefused(_("%(where)s has no start (DTSTART).", where=where))
    data = scheduling.EventData(
        title=title,
        description=str(component.get("description", ""))[:20000],
        location=str(component.get("location", ""))[:300],
        source_uid=scheduling.clean_line(str(component.get("uid", "")), 255)
        or scheduling.clean_line(f"line-{line}-{title}", 255),
    )
    url = str(component.get("url", ""))
    if url.startswith(("https://", "http://")):
        data.online_url = url[:500]
    try:
        set_times(data, component, start, default_zone)
        set_recurrence(data, component.get("rrule"))
        scheduling.check(data)
    except (scheduling.SchedulingError, ImportRefused) as error:
        raise ImportRefused(f"{where}: {error}") from error
    return ImportItem(data=data, line=line, cancelled_starts=exdates(component, data))


def zone_of(value: datetime, prop, default_zone: str) -> str:
    tzid = str(prop.params.get("TZID", "")) if hasattr(prop, "params") else ""
    if tzid and is_zone_name(tzid):
        return tzid
    key = getattr(value.tzinfo, "key", None)
    if key and is_zone_name(key):
        return key
    if value.tzinfo is not None and value.utcoffset() == timedelta(0):
        return "UTC"
    return default_zone if value.tzinfo is None else "UTC"


def to_local(value: datetime, zone_name: str) -> datetime:
    if value.tzinfo is None or getattr(value.tzinfo, "key", None) == zone_name:
        # Keep the wall clock as written, so a time in a DST gap is noticed.
        return value.replace(tzinfo=None, second=0, microsecond=0)
    local = value.astimezone(recurrence.zone(zone_name)).replace(tzinfo=None)
    return local.replace(second=0, microsecond=0)


def set_times(data, component, start, default_zone: str) -> None:
    value = start.dt
    end = component.get("dtend")
    if not isinstance(value, date):
        raise ImportRefused(_("its start (DTSTART) is not a date or a date-time"))
    if not isinstance(value, datetime):
        data.all_day, data.start_on = True, value
        last = end.dt if end is not None else value + timedelta(days=1)
        last = (last.date() if isinstance(last, datetime) else last) - timedelta(days=1)
        data.end_on = last if isinstance(last, date) and last >= value else value
        data.timezone = default_zone
        return
    data.timezone = zone_of(value, start, default_zone)
    data.start_local = to_local(value, data.timezone)
    if end is not None and isinstance(end.dt, datetime):
        data.end_local = to_local(end.dt, data.timezone)
    elif component.get("duration") is not None:
        data.end_local = data.start_local + component.get("duration").dt
    else:
        data.end_local = data.start_local + timedelta(hours=1)


def set_recurrence(data, rule) -> None:
    if rule is None:
        return
    frequency = (rule.get("FREQ") or [""])[0]
    if frequency not in FREQUENCIES:
        raise ImportRefused(
            _(
                "it repeats %(value)s we do not support (daily, weekly or "
                "monthly only)",
                value=frequency or "in a way",
            )
        )
    data.frequency = FREQUENCIES[frequency]
    data.interval = int((rule.get("INTERVAL") or [1])[0])
    days = [str(day) for day in rule.get("BYDAY") or []]
    if data.frequency == "weekly":
        data.weekdays = [day for day in days if day in recurrence.WEEKDAY_CODES]
    elif data.frequency == "monthly" and days:
        data.monthly = "weekday"
    data.count = int(rule["COUNT"][0]) if rule.get("COUNT") else None
    if rule.get("UNTIL"):
        until = rule["UNTIL"][0]
        if isinstance(until, datetime) and until.tzinfo is not None:
            until = until.astimezone(recurrence.zone(data.timezone))
        data.until_on = until.date() if isinstance(until, datetime) else until


def exdates(component, data) -> list[datetime]:
    """Cancelled occurrences (EXDATE) as UTC instants of their original start."""
    found = []
    values = component.get("exdate") or []
    for prop in values if isinstance(values, list) else [values]:
        for item in prop.dts:
            value = item.dt
            if isinstance(value, datetime):
                found.append(
                    recurrence.to_utc(to_local(value, data.timezone), data.timezone)
                )
            else:
                found.append(recurrence.day_start_utc(value, data.timezone))
    return found


def existing_event(community, source_uid: str | None) -> Event | None:
    return db.session.scalar(
        select(Event).where(
            Event.community_id == community.id, Event.source_uid == source_uid
        )
    )


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
        for original in item.cancelled_starts:
            if not any(
                change.original_start_at == original for change in event.changes
            ):
                event.changes.append(
                    EventOccurrenceChange(original_start_at=original, cancelled=True)
                )
    db.session.flush()
    return created, updated


FREQUENCY_WORDS = {
    "daily": _l("daily"),
    "weekly": _l("weekly"),
    "monthly": _l("monthly"),
}


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
