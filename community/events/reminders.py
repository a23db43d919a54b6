"""Reminders a day before each occurrence (`flask events send-reminders`, for cron).

Dates come from the event_occurrences table. Run it as often as you like (say
every 15 minutes): the event_reminders table remembers each (event,
occurrence, person) sent, so nobody gets two.
"""

from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import select
from sqlalchemy.orm import contains_eager

from community.auth.models import User
from community.events.models import Event, EventOccurrence, EventReminder, Rsvp
from community.extensions import db
from community.mail import send_mail
from community.timezones import format_local, utcnow

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
    return sum(remind(row.event, row) for row in db.session.scalars(query))


def remind(event: Event, row: EventOccurrence) -> int:
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
        if person.is_confirmed and person.email_frequency != "never":
            sent += send_mail(
                person.email,
                f"Tomorrow: {event.title}",
                body(event, row, person),
            )
    db.session.flush()
    return sent


def body(event: Event, occurrence, person: User) -> str:
    site = current_app.config["SITE_URL"]
    when = format_local(occurrence.start_at, person.timezone)
    lines = [
        f"A reminder: “{event.title}” starts {when} (your time, {person.timezone}).",
        "In the event's own time zone: "
        f"{format_local(occurrence.start_at, event.timezone)}.",
    ]
    if event.location:
        lines.append(f"Place: {event.location}")
    if event.online_url:
        lines.append(f"Online: {event.online_url}")
    lines += ["", f"Details, or to say you are not going: {site}/events/{event.id}", ""]
    return "\n".join(lines)
