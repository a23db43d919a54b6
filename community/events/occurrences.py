"""Cancel or move one occurrence of a series without touching the rest.

A change is keyed by the occurrence's original start (in UTC). Feeds show a
cancelled one as an EXDATE and a moved one as a VEVENT with RECURRENCE-ID; both
bump the series' SEQUENCE, since the master VEVENT changed.
"""

from datetime import datetime

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from community.dates import format_local_value
from community.events import occurrence_rows, recurrence
from community.events.models import Event, EventOccurrenceChange
from community.events.scheduling import (
    EventData,
    SchedulingError,
    check_times,
    clean_line,
    tell_attendees,
)
from community.extensions import db
from community.timezones import utcnow


def find_occurrence(event: Event, original_start_at: datetime):
    """The occurrence of the series that originally started then, or an error."""
    for occurrence in recurrence.expand(event):
        if occurrence.original_start_at == original_start_at:
            return occurrence
    raise SchedulingError(
        "occurrence", _("That occurrence is not part of this series.")
    )


def change_for(event: Event, original_start_at: datetime) -> EventOccurrenceChange:
    for change in event.changes:
        if change.original_start_at == original_start_at:
            return change
    change = EventOccurrenceChange(original_start_at=original_start_at)
    event.changes.append(change)
    return change


def cancel_occurrence(actor, event: Event, original_start_at: datetime) -> None:
    """Cancel one occurrence of a series (an EXDATE in feeds)."""
    occurrence = find_occurrence(event, original_start_at)
    change = change_for(event, original_start_at)
    change.cancelled = True
    change.start_local = change.end_local = change.start_at = change.end_at = None
    touch(event, change)
    db.session.flush()
    row = occurrence_rows.occurrence_row(event, original_start_at)
    occurrence_rows.sync(event)
    when = format_local_value(occurrence.start_local, "%-d %b %Y %H:%M")
    tell_attendees(
        event,
        _l(
            "“%(title)s” on %(when)s (%(timezone)s) is cancelled.",
            title=event.title,
            when=when,
            timezone=event.timezone,
        ),
        actor,
        rows=[row],
    )
    db.session.flush()


def move_occurrence(
    actor,
    event: Event,
    original_start_at: datetime,
    start_local: datetime,
    end_local: datetime,
    location: str | None = None,
) -> list[str]:
    """Move one occurrence (a RECURRENCE-ID override in feeds)."""
    find_occurrence(event, original_start_at)
    data = EventData(
        title=event.title,
        timezone=event.timezone,
        start_local=start_local,
        end_local=end_local,
    )
    notices = check_times(data)
    change = change_for(event, original_start_at)
    change.cancelled = False
    change.start_local, change.end_local = start_local, end_local
    change.start_at = recurrence.to_utc(start_local, event.timezone)
    change.end_at = recurrence.to_utc(end_local, event.timezone)
    change.location = clean_line(location or "", 300) or None
    touch(event, change)
    event.series_end_at = recurrence.series_end(event)
    db.session.flush()
    occurrence_rows.sync(event)
    row = occurrence_rows.occurrence_row(event, original_start_at)
    when = format_local_value(start_local, "%-d %b %Y %H:%M")
    tell_attendees(
        event,
        _l(
            "One “%(title)s” occurrence moved to %(when)s (%(timezone)s).",
            title=event.title,
            when=when,
            timezone=event.timezone,
        ),
        actor,
        rows=[row],
    )
    db.session.flush()
    return notices


def touch(event: Event, change: EventOccurrenceChange) -> None:
    change.sequence = (change.sequence or 0) + 1
    change.updated_at = utcnow()
    event.sequence += 1  # the master's EXDATE list or overrides changed
    event.updated_at = utcnow()
