"""Reminders a day before each occurrence (`flask events send-reminders`, for cron).

Dates come from the event_occurrences table. Run it as often as you like (say
every 15 minutes): the event_reminders table remembers each (event,
occurrence, person) sent, so nobody gets two.
"""

from datetime import datetime, timedelta

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import contains_eager

from community.auth.models import User
from community.events.models import Event, EventOccurrence, EventReminder, Rsvp
from community.extensions import db
from community.i18n import written_for
from community.mail import send_mail
from community.timezones import format_local, to_zone, utcnow

AHEAD = timedelta(hours=24)


def send_reminders(now: datetime | None = None) -> int:
    """Mail people going to dates starting within 24 hours; returns mails sent."""
    now = now or utcnow()
    query = (
        select(EventOccurrence)
        .join(Event, Event.id == EventOccurrence.event_id)
        .where(
            EventOccurrence.start_at > now,
            EventOccurrence.start_at <= now + AHEAD,
            EventOccurrence.cancelled.is_(False),
            Event.status == "confirmed",
        )
        .options(contains_eager(EventOccurrence.event))
        .order_by(EventOccurrence.start_at)
    )
    return sum(remind(row.event, row, now) for row in db.session.scalars(query))


def remind(event: Event, row: EventOccurrence, now: datetime) -> int:
    already = select(EventReminder.user_id).where(
        EventReminder.event_id == event.id,
        EventReminder.occurrence_start_at == row.original_start_at,
    )
    people = db.session.scalars(
        select(User)
        .join(Rsvp, Rsvp.user_id == User.id)
        .where(
            Rsvp.occurrence_id == row.id,
            Rsvp.status == "going",
            User.id.not_in(already),
        )
    ).all()
    sent = 0
    for person in people:
        # Recorded even when the person reads no e-mail, so the job stays idempotent.
        db.session.add(
            EventReminder(
                event_id=event.id,
                occurrence_start_at=row.original_start_at,
                user_id=person.id,
            )
        )
        # Everyone going, whatever their notification setting: a reminder is
        # not a notification. Only an unconfirmed or bouncing address is skipped.
        if person.can_receive_mail:
            with written_for(person):
                title = subject(event, row, person, now)
                text = body(event, row, person)
            sent += send_mail(person.email, title, text)
    db.session.flush()
    return sent


def subject(event: Event, occurrence, person: User, now: datetime) -> str:
    """ "Today: …" or "Tomorrow: …", by the calendar of the person's own zone."""
    starts_on = to_zone(occurrence.start_at, person.timezone).date()
    if starts_on == to_zone(now, person.timezone).date():
        return _("Today: %(title)s", title=event.title)
    return _("Tomorrow: %(title)s", title=event.title)


def body(event: Event, occurrence, person: User) -> str:
    site = current_app.config["SITE_URL"]
    when = format_local(occurrence.start_at, person.timezone)
    lines = [
        _(
            "A reminder: “%(title)s” starts %(when)s (your time, %(timezone)s).",
            title=event.title,
            when=when,
            timezone=person.timezone,
        ),
        _(
            "In the event's own time zone: %(format_local)s.",
            format_local=format_local(occurrence.start_at, event.timezone),
        ),
    ]
    if event.location:
        lines.append(_("Place: %(location)s", location=event.location))
    if event.online_url:
        lines.append(_("Online: %(online_url)s", online_url=event.online_url))
    lines += [
        "",
        _(
            "Details, or to say you are not going: %(site)s/events/%(id)s",
            site=site,
            id=event.id,
        ),
        "",
    ]
    return "\n".join(lines)
