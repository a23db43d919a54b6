"""iCalendar (RFC 5545 / RFC 7986) files and feeds, built with `icalendar`.

The library escapes text (, ; \\ and newlines), folds lines at 75 octets on
UTF-8 boundaries and ends them with CRLF. We add what it cannot know: one
VTIMEZONE per TZID used, RRULE/EXDATE/RECURRENCE-ID for series, and we strip
control characters it would pass through (a bare CR in a title must never
start a new line in a feed).
"""

import re
import threading
from collections import OrderedDict
from collections.abc import Callable
from datetime import datetime, time, timedelta
from email.utils import parseaddr

import icalendar
from flask import current_app
from flask_babel import get_locale
from flask_babel import gettext as _

from community.events import recurrence
from community.events.models import Event
from community.events.vtimezones import vtimezone
from community.text import plain_text
from community.timezones import zone

PRODID = "-//Community Hub//Events 1.0//EN"
# Everything below U+0020 except TAB and LF is a CONTROL character (RFC 5545 3.1).
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
ONE_LINE = re.compile(r"\s+")


def clean_text(value: str) -> str:
    return CONTROL.sub("", value.replace("\r\n", "\n").replace("\r", "\n"))


def one_line(value: str) -> str:
    return ONE_LINE.sub(" ", CONTROL.sub(" ", value)).strip()


def event_url(event: Event) -> str:
    return f"{current_app.config['SITE_URL']}/events/{event.id}"


def organiser_address() -> str:
    """Our no-reply address: organisers' own e-mail never goes into public feeds."""
    return (
        parseaddr(current_app.config["MAIL_DEFAULT_SENDER"])[1]
        or "no-reply@community.invalid"
    )


def in_zone(local: datetime, zone_name: str) -> datetime:
    return local.replace(tzinfo=zone(zone_name), fold=0)


def add_times(component: icalendar.Event, event: Event, start: datetime, end: datetime):
    """DTSTART/DTEND: TZID'd wall-clock times, or DATE values (exclusive end)."""
    if event.all_day:
        component.add("dtstart", start.date())
        component.add("dtend", end.date())
    else:
        component.add("dtstart", in_zone(start, event.timezone))
        component.add("dtend", in_zone(end, event.timezone))


def recurrence_key(event: Event, original_local: datetime):
    if event.all_day:
        return original_local.date()
    return in_zone(original_local, event.timezone)


def rrule_for(event: Event) -> dict:
    rule: dict = {"freq": event.repeat_frequency.upper()}
    if event.repeat_interval > 1:
        rule["interval"] = event.repeat_interval
        rule["wkst"] = "MO"  # the default, said out loud for lenient readers
    start = recurrence.local_start(event)
    if event.repeat_frequency == "weekly":
        rule["byday"] = (
            event.repeat_weekdays.split(",")
            if event.repeat_weekdays
            else [recurrence.WEEKDAY_CODES[start.weekday()]]
        )
    elif event.repeat_frequency == "monthly" and event.repeat_monthly == "weekday":
        code = recurrence.WEEKDAY_CODES[start.weekday()]
        rule["byday"] = f"{recurrence.nth_weekday(start)}{code}"
    elif event.repeat_frequency == "monthly":
        rule["bymonthday"] = start.day
    if event.repeat_count:
        rule["count"] = event.repeat_count
    elif event.repeat_until_on is not None:
        # With a TZID'd DTSTART, UNTIL must be in UTC (RFC 5545 3.3.10).
        last = datetime.combine(event.repeat_until_on, time(23, 59, 59))
        until = (
            event.repeat_until_on
            if event.all_day
            else recurrence.to_utc(last, event.timezone)
        )
        rule["until"] = until
    return rule


def base_component(event: Event) -> icalendar.Event:
    component = icalendar.Event()
    component.add("uid", event.uid)
    # DTSTAMP/LAST-MODIFIED from the row, so an unchanged feed is byte-identical.
    component.add("dtstamp", event.updated_at)
    component.add("last-modified", event.updated_at)
    component.add("created", event.created_at)
    component.add("sequence", event.sequence)
    component.add("summary", one_line(event.title) or _("Event"))
    url = event_url(event)
    # The author's single line breaks are kept: an address or agenda reads as typed.
    text = plain_text(event.description_source or "", line_breaks=True)
    description = clean_text(text).strip()
    extra = [_("Online: %(url)s", url=event.online_url)] if event.online_url else []
    component.add("description", "\n\n".join([description, *extra, url]).strip())
    # URL is what a client's "join" button opens; the event page stays above.
    component.add("url", event.online_url or url)
    if event.online_url:
        # RFC 7986 CONFERENCE: the join link as such (our import reads it back).
        component.add(
            "conference",
            icalendar.vUri(event.online_url),
            parameters={"VALUE": "URI"},
        )
    place = ", ".join(part for part in (event.location, event.online_url) if part)
    if place:
        component.add("location", one_line(place))
    component.add("status", "CANCELLED" if event.is_cancelled else "CONFIRMED")
    if event.organiser_name:
        organizer = icalendar.vCalAddress(f"mailto:{organiser_address()}")
        organizer.params["cn"] = icalendar.vText(one_line(event.organiser_name))
        component.add("organizer", organizer)
    return component


def event_components(event: Event) -> list[icalendar.Event]:
    """The master VEVENT, plus one RECURRENCE-ID override per moved occurrence."""
    master = base_component(event)
    add_times(master, event, event.start_local, event.end_local)
    if not event.is_recurring:
        return [master]
    master.add("rrule", rrule_for(event))
    if not event.changes:
        return [master]
    occurrences = recurrence.expand(event)
    cancelled = [
        recurrence_key(event, item.original_local)
        for item in occurrences
        if item.cancelled
    ]
    if cancelled:
        master.add("exdate", cancelled)
    components = [master]
    for item in occurrences:
        if item.moved:
            override = base_component(event)
            override.add("recurrence-id", recurrence_key(event, item.original_local))
            add_times(override, event, item.start_local, item.end_local)
            if item.location:
                override.pop("LOCATION", None)
                override.add("location", one_line(item.location))
            components.append(override)
    return components


def zones_used(events: list) -> dict[str, tuple[int, int]]:
    years: dict[str, tuple[int, int]] = {}
    for event in events:
        if event.all_day or event.timezone == "UTC":
            continue  # DATE values and UTC times need no VTIMEZONE
        first = event.start_local.year - 1
        last = max(event.end_local.year, event.series_end_at.year) + 1
        known = years.get(event.timezone)
        years[event.timezone] = (
            (min(first, known[0]), max(last, known[1])) if known else (first, last)
        )
    return years


def build_calendar(
    events: list,
    name: str,
    load: Callable[[list[int]], dict] | None = None,
    max_bytes: int | None = None,
) -> bytes:
    """A VCALENDAR for these events.

    `events` are Event rows, or rows of feed_content.COLUMNS with `load`, which
    fetches whole events for the VEVENTs not yet in the cache. With `max_bytes`
    the events come most wanted first: the file keeps those whose VEVENTs fit,
    in date order.
    No X-WR-TIMEZONE: icalendar-based clients (x-wr-timezone) re-read UTC times
    with it, so it could only move events; every time here carries its TZID.
    """
    chunks = serialized_all(events, load or (lambda ids: {}))
    if max_bytes is not None:
        events, chunks = fitting(events, chunks, max_bytes)
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("name", one_line(name))
    calendar.add("x-wr-calname", one_line(name))
    # A bare timedelta would be written "1:00:00" (icalendar 6); RFC 7986 wants
    # a DURATION value, and icalendar 7 refuses the whole file otherwise.
    calendar.add(
        "refresh-interval",
        icalendar.vDuration(timedelta(hours=1)),
        parameters={"VALUE": "DURATION"},
    )
    calendar.add("x-published-ttl", "PT1H")
    for zone_name, (first, last) in sorted(zones_used(events).items()):
        calendar.add_component(vtimezone(zone_name, first, last))
    head = calendar.to_ical()
    end = b"END:VCALENDAR\r\n"
    return head[: -len(end)] + b"".join(chunks) + end


def fitting(events: list, chunks: list[bytes], max_bytes: int) -> tuple[list, list]:
    """The first events whose VEVENTs fit in max_bytes, sorted by start."""
    kept, size = [], 0
    for event, chunk in zip(events, chunks, strict=True):
        size += len(chunk)
        if size > max_bytes:
            break
        kept.append((event.start_at, event.id, event, chunk))
    kept.sort(key=lambda item: item[:2])
    return [item[2] for item in kept], [item[3] for item in kept]


# Serialised VEVENTs by (uid, last change): a feed rebuilt after one edit
# serialises one event, not a thousand. Any process can rebuild an entry, so
# this is a cache, not state; the lock keeps it sane under threaded servers.
_SERIALISED: OrderedDict[tuple, bytes] = OrderedDict()
_SERIALISED_LOCK = threading.Lock()
SERIALISED_MAX = 20_000


def serialized_key(event) -> tuple:
    # The language too: "Event" and "Online: ..." are translated.
    return (
        event.uid,
        event.revision,
        event.updated_at,
        event.sequence,
        event.status,
        event.organiser_name,
        current_app.config["SITE_URL"],
        str(get_locale() or "en"),
    )


def remember(key: tuple, found: bytes) -> None:
    with _SERIALISED_LOCK:
        _SERIALISED[key] = found
        while len(_SERIALISED) > SERIALISED_MAX:
            _SERIALISED.popitem(last=False)


def serialized(event: Event) -> bytes:
    """The event's VEVENT(s) as iCalendar bytes, from the cache when unchanged."""
    key = serialized_key(event)
    with _SERIALISED_LOCK:
        found = _SERIALISED.get(key)
    if found is None:
        found = b"".join(component.to_ical() for component in event_components(event))
        remember(key, found)
    return found


def serialized_all(rows: list, load: Callable[[list[int]], dict]) -> list[bytes]:
    """Each row's VEVENT(s), in order; whole events are loaded only for misses
    (a row that is an Event already needs no loading)."""
    keys = [serialized_key(row) for row in rows]
    with _SERIALISED_LOCK:
        found = [_SERIALISED.get(key) for key in keys]
    missing = [
        row.id
        for row, done in zip(rows, found, strict=True)
        if done is None and not isinstance(row, Event)
    ]
    loaded = load(missing) if missing else {}
    for index, row in enumerate(rows):
        if found[index] is None:
            found[index] = serialized(row if isinstance(row, Event) else loaded[row.id])
    return found
