"""Create, edit and cancel events and single occurrences.

Every change a calendar client can see bumps SEQUENCE (RFC 5545 3.8.7.4), so
clients that already have the event replace it instead of ignoring the update.
People who answered the RSVP are told what changed.
"""

import re
import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from urllib.parse import urlsplit

from flask import current_app
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from flask_babel.speaklater import LazyString
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from community.api import webhooks
from community.content_languages import is_content_language
from community.dates import format_local_value
from community.events import occurrence_rows, recurrence
from community.events.indexing import refresh_event
from community.events.models import Event, EventOccurrence, Rsvp
from community.extensions import db
from community.notifications.sending import notify
from community.text import TextRefused, render_markdown
from community.timezones import format_local, is_zone_name, utcnow, viewer_zone_name

# Fields whose change a subscriber's calendar must pick up, with the words we
# use to tell people about it.
PUBLISHED_FIELDS = {
    "title": "title",
    "description_source": "description",
    "timezone": "time",
    "all_day": "time",
    "start_local": "time",
    "end_local": "time",
    "start_on": "time",
    "end_on": "time",
    "repeat_frequency": "repetition",
    "repeat_interval": "repetition",
    "repeat_weekdays": "repetition",
    "repeat_monthly": "repetition",
    "repeat_count": "repetition",
    "repeat_until_on": "repetition",
    "location": "place",
    "online_url": "place",
}


class SchedulingError(ValueError):
    """A rule the form could not check; `field` names the form field to blame."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field
        self.message = message


@dataclass
class EventData:
    """What an organiser (or an import) asks for, as plain values."""

    title: str
    timezone: str = "UTC"
    start_local: datetime | None = None
    end_local: datetime | None = None
    all_day: bool = False
    start_on: date | None = None
    end_on: date | None = None
    event_type: str = "other"
    description: str = ""
    location: str = ""
    online_url: str = ""
    capacity: int | None = None
    rsvp_deadline_local: datetime | None = None
    frequency: str = ""
    interval: int = 1
    weekdays: list[str] = field(default_factory=list)
    monthly: str = "day"
    count: int | None = None
    until_on: date | None = None
    source_uid: str | None = None
    language: str = ""  # the text's (community/content_languages.py); "" unsaid


def new_uid() -> str:
    host = urlsplit(current_app.config["SITE_URL"]).hostname or "community.invalid"
    return f"event-{uuid.uuid4()}@{host}"


CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean_line(value: str, limit: int) -> str:
    """One line without control characters: never a line break in a mail or a feed."""
    return " ".join(CONTROL.sub(" ", value).split())[:limit]


YEARS = range(1900, 2201)  # beyond these, instants overflow or make no sense


def check_years(data: EventData) -> None:
    for name in (
        "start_local",
        "end_local",
        "start_on",
        "end_on",
        "until_on",
        "rsvp_deadline_local",
    ):
        value = getattr(data, name)
        if value is not None and value.year not in YEARS:
            field = {"until_on": "repeat_until_on"}.get(name, name)
            raise SchedulingError(field, _("Choose a date between 1900 and 2200."))


def check_times(data: EventData) -> list[str]:
    """Refuse impossible times; return notices about choices we made."""
    if not is_zone_name(data.timezone):
        raise SchedulingError("timezone", _("Choose a time zone from the list."))
    check_years(data)
    if data.all_day:
        if data.start_on is None or data.end_on is None:
            raise SchedulingError("start_on", _("Give the first and last day."))
        if data.end_on < data.start_on:
            raise SchedulingError("end_on", _("The last day is before the first day."))
        return []
    if data.start_local is None or data.end_local is None:
        raise SchedulingError("start_local", _("Give a start and an end time."))
    if data.end_local <= data.start_local:
        raise SchedulingError("end_local", _("The event must end after it starts."))
    notices = []
    for name, value in (
        ("start_local", data.start_local),
        ("end_local", data.end_local),
    ):
        shown = format_local_value(value, "%-d %b %Y %H:%M")
        if recurrence.is_nonexistent(value, data.timezone):
            raise SchedulingError(
                name,
                _(
                    "%(shown)s does not exist in %(timezone)s: the clocks jump "
                    "forward an hour that night. Choose a time outside the gap.",
                    shown=shown,
                    timezone=data.timezone,
                ),
            )
        if recurrence.is_ambiguous(value, data.timezone):
            chosen = recurrence.to_utc(value, data.timezone)
            notices.append(
                _l(
                    "%(shown)s happens twice in %(timezone)s (the clocks go back "
                    "that night); we used the first one, %(chosen)s UTC.",
                    shown=shown,
                    timezone=data.timezone,
                    chosen=format_local_value(chosen, "%H:%M"),
                )
            )
    return notices


def check_recurrence(data: EventData) -> None:
    if not data.frequency:
        return
    if not data.count and data.until_on is None:
        raise SchedulingError(
            "repeat_count",
            _("Say when the series ends: after a number of times or on a date."),
        )
    if data.count and data.until_on is not None:
        raise SchedulingError(
            "repeat_until_on",
            _("Choose either a number of times or an end date, not both."),
        )
    if data.count and data.count > recurrence.MAX_OCCURRENCES:
        raise SchedulingError(
            "repeat_count",
            _(
                "A series can have at most %(max_occurrences)s occurrences.",
                max_occurrences=recurrence.MAX_OCCURRENCES,
            ),
        )
    first_day = data.start_on if data.all_day else data.start_local.date()
    start_code = recurrence.WEEKDAY_CODES[first_day.weekday()]
    if data.frequency == "weekly" and data.weekdays and start_code not in data.weekdays:
        # RFC 5545 leaves a first date outside the rule undefined: clients differ.
        day = recurrence.weekday_word(start_code)
        raise SchedulingError(
            "repeat_weekdays",
            _(
                "The first date is a %(day)s: tick %(day)s too, or move the "
                "first date.",
                day=day,
            ),
        )
    if data.until_on is not None and data.until_on < first_day:
        raise SchedulingError("repeat_until_on", _("The series ends before it starts."))
    start = datetime.combine(first_day, time()) if data.all_day else data.start_local
    until = datetime.combine(data.until_on, time(23, 59, 59)) if data.until_on else None
    rule = recurrence.build_rule(
        data.frequency,
        start,
        data.interval,
        ",".join(data.weekdays),
        data.monthly,
        data.count,
        until,
    )
    if recurrence.count_occurrences(rule) > recurrence.MAX_OCCURRENCES:
        raise SchedulingError(
            "repeat_until_on",
            _(
                "This series would have more than %(max_occurrences)s "
                "occurrences. Choose an earlier end date or a longer "
                "interval.",
                max_occurrences=recurrence.MAX_OCCURRENCES,
            ),
        )


def check_join_link(url: str) -> None:
    """A join link is one absolute http(s) address: no spaces, no line breaks."""
    if not url:
        return
    parts = urlsplit(url)
    if (
        any(character.isspace() for character in url)
        or parts.scheme not in ("http", "https")
        or not parts.netloc
    ):
        raise SchedulingError(
            "online_url",
            _(
                "Give the join link as one web address starting with https://, "
                "without spaces."
            ),
        )


def check(data: EventData) -> list[str]:
    """Every rule the form cannot check; notices tell what we chose."""
    check_join_link(data.online_url)
    notices = check_times(data)
    check_recurrence(data)
    try:
        if data.description:  # building the renderer costs, even for no text
            render_markdown(data.description)
    except TextRefused as error:
        raise SchedulingError("description", str(error)) from error
    return notices


def apply_data(event: Event, data: EventData) -> None:
    """Copy validated values onto the event and derive its instants."""
    event.title = clean_line(data.title, 200)
    event.event_type = data.event_type
    event.description_source = CONTROL.sub("", data.description)
    event.description_html = str(render_markdown(event.description_source))
    event.location = clean_line(data.location, 300)
    event.online_url = data.online_url[:500]  # check_join_link: one clean token
    event.capacity = data.capacity
    if is_content_language(data.language):  # an import says nothing: keep it
        event.language = data.language
    apply_times(event, data)
    event.repeat_frequency = data.frequency
    event.repeat_interval = data.interval or 1
    weekly = data.frequency == "weekly"
    event.repeat_weekdays = ",".join(data.weekdays) if weekly else ""
    event.repeat_monthly = data.monthly or "day"
    event.repeat_count = data.count if data.frequency else None
    event.repeat_until_on = data.until_on if data.frequency else None
    event.series_end_at = recurrence.series_end(event)
    event.updated_at = utcnow()


def apply_times(event: Event, data: EventData) -> None:
    """Wall-clock times in the event's zone, and the instants they mean."""
    event.timezone = data.timezone
    event.all_day = data.all_day
    if data.all_day:
        event.start_on, event.end_on = data.start_on, data.end_on
        event.start_local = datetime.combine(data.start_on, time())
        event.end_local = datetime.combine(data.end_on + timedelta(days=1), time())
    else:
        event.start_on = event.end_on = None
        event.start_local, event.end_local = data.start_local, data.end_local
    event.start_at = recurrence.to_utc(event.start_local, data.timezone)
    event.end_at = recurrence.to_utc(event.end_local, data.timezone)
    deadline = data.rsvp_deadline_local
    event.rsvp_deadline_at = (
        recurrence.to_utc(deadline, data.timezone) if deadline else None
    )


def create_event(actor, community, data: EventData) -> tuple[Event, list[str]]:
    """Schedule a new event (community None: site-wide); returns notices."""
    notices = check(data)
    event = Event(
        uid=new_uid(),
        source_uid=data.source_uid,
        community_id=community.id if community is not None else None,
        organiser_id=actor.id if actor is not None else None,
        organiser_name=actor.display_name if actor is not None else "",
        changes=[],
    )
    apply_data(event, data)
    db.session.add(event)
    db.session.flush()
    occurrence_rows.sync(event)
    refresh_event(event)
    webhooks.emit("event.created", community, event)
    return event, notices


def published_snapshot(event: Event) -> dict:
    return {name: getattr(event, name) for name in PUBLISHED_FIELDS}


def update_event(actor, event: Event, data: EventData) -> list[str]:
    """Edit an event; bump SEQUENCE and tell RSVP'd people when it visibly changed."""
    from community.events import rsvps

    notices = check(data)
    rsvps.lock_event(event)
    going = most_going(event)
    if data.capacity is not None and data.capacity < going:
        raise SchedulingError(
            "capacity",
            ngettext(
                "%(num)d person is already going to one date; "
                "the capacity cannot be lower.",
                "%(num)d people are already going to one date; "
                "the capacity cannot be lower.",
                going,
            ),
        )
    before = published_snapshot(event)
    apply_data(event, data)
    after = published_snapshot(event)
    changed = sorted(
        {PUBLISHED_FIELDS[name] for name in before if before[name] != after[name]}
    )
    prune_changes(event)
    if changed:
        event.sequence += 1
        tell_attendees(event, change_message(event, changed), actor)
    occurrence_rows.sync(event)
    rsvps.fill_every_date(event)
    db.session.flush()
    refresh_event(event)
    if changed:
        webhooks.emit("event.updated", event.community, event)
    return notices


def most_going(event: Event) -> int:
    """The most people going to any one date still to come."""
    query = select(func.max(EventOccurrence.going_count)).where(
        EventOccurrence.event_id == event.id, EventOccurrence.end_at > utcnow()
    )
    return db.session.scalar(query) or 0


CHANGE_WORDS = {
    "place": _l("place"),
    "time": _l("time"),
    "repetition": _l("repetition"),
    "title": _l("title"),
    "description": _l("description"),
}


def change_message(event: Event, changed: list[str]) -> LazyString:
    """“Forum” changed: place, time. Now Mon 1 Jul 2030, 10:00 (Europe/Berlin).

    Lazy: each attendee's notification is written in their own language.
    """
    return LazyString(change_text, event, list(changed))


def change_text(event: Event, changed: list[str]) -> str:
    words = ", ".join(str(CHANGE_WORDS.get(name, name)) for name in changed)
    parts = [_("“%(title)s” changed: %(changes)s.", title=event.title, changes=words)]
    if "time" in changed or "repetition" in changed:
        if event.all_day:
            day = format_local_value(event.start_on, "%a %-d %b %Y")
            when = _("%(day)s, all day", day=day)
        else:
            when = format_local_value(event.start_local, "%a %-d %b %Y, %H:%M")
        parts.append(_("Now %(when)s (%(zone)s).", when=when, zone=event.timezone))
        parts.extend(reader_time(event, when))
    if "place" in changed:
        place = ", ".join(p for p in (event.location, event.online_url) if p)
        parts.append(_("Where: %(place)s.", place=place or _("to be announced")))
    return " ".join(parts)


def reader_time(event: Event, event_clock: str) -> list[str]:
    """The new time on the reader's clock, when it reads differently (written for
    each attendee in their own zone: community.i18n.written_for)."""
    reader = viewer_zone_name()
    if event.all_day or reader == event.timezone:
        return []
    yours = format_local(event.start_at, reader, "%a %-d %b %Y, %H:%M")
    if yours == event_clock:
        return []
    return [_("In your time: %(when)s (%(zone)s).", when=yours, zone=reader)]


def prune_changes(event: Event) -> None:
    """Drop one-off changes whose occurrence no longer exists after an edit."""
    starts = {
        recurrence.to_utc(start, event.timezone)
        for start in recurrence.local_starts(event)
    }
    for change in list(event.changes):
        if change.original_start_at not in starts:
            event.changes.remove(change)


def cancel_event(actor, event: Event) -> None:
    """Cancel the whole event: it stays listed (and in feeds) as cancelled."""
    if event.is_cancelled:
        return
    event.status = "cancelled"
    event.cancelled_at = utcnow()
    event.sequence += 1
    event.updated_at = utcnow()
    tell_attendees(
        event, _l("“%(title)s” has been cancelled.", title=event.title), actor
    )
    db.session.flush()
    occurrence_rows.sync(event)
    refresh_event(event)
    webhooks.emit("event.cancelled", event.community, event)


def event_path(event: Event) -> str:
    """The event page as a local path (a URL contract; no request needed)."""
    return f"/events/{event.id}"


def tell_attendees(event: Event, message: str, actor, rows=None) -> None:
    """Notify everyone going or waiting, once each (not the person making the
    change); `rows` limits it to the people of those dates."""
    url = event_path(event)
    query = (
        select(Rsvp)
        .where(Rsvp.event_id == event.id, Rsvp.status.in_(("going", "waitlisted")))
        .options(selectinload(Rsvp.user))
        .order_by(Rsvp.id)
    )
    if rows is not None:
        query = query.where(Rsvp.occurrence_id.in_([row.id for row in rows]))
    told = {actor.id} if actor is not None else set()
    for rsvp in db.session.scalars(query):
        if rsvp.user_id not in told:
            told.add(rsvp.user_id)
            notify(rsvp.user, "event_changed", message, url)
