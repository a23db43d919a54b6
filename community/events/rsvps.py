"""Going / not going, the wait list, and promotion when a seat frees up.

No overbooking, ever. Every change to who is going starts by locking the
event's row with SELECT ... FOR UPDATE (lock_event). On PostgreSQL a second
transaction for the same event waits at that statement until the first one
commits, and only then counts the seats, so two people can never both take
the last seat: the count and the insert happen under one lock, in one
transaction that the view commits. SQLite has no row locks and ignores FOR
UPDATE, so there lock_event first makes a no-op write, which takes SQLite's
single database write lock until commit: writers queue the same way. The seat
count is always recounted from the rsvps table under the lock;
Event.going_count is a copy for lists.
"""

from datetime import datetime

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select, update

from community.events import recurrence
from community.events.models import Event, Rsvp
from community.extensions import db
from community.notifications.sending import notify
from community.timezones import utcnow


class RsvpClosed(ValueError):
    """RSVPs are not accepted for this event (any more)."""


def lock_event(event: Event) -> Event:
    """Take the event's row lock for the rest of the transaction and reload it."""
    if db.session.get_bind().dialect.name == "sqlite":
        # SQLite ignores FOR UPDATE and starts its write lock only at the first
        # write, which would let two writers count the same free seat. A no-op
        # UPDATE takes the database's single write lock now, before we count.
        db.session.execute(
            update(Event)
            .where(Event.id == event.id)
            .values(going_count=Event.going_count)
        )
    return db.session.scalars(
        select(Event)
        .where(Event.id == event.id)
        .with_for_update()
        .execution_options(populate_existing=True)
    ).one()


def going_count(event: Event) -> int:
    return db.session.scalar(
        select(func.count(Rsvp.id)).where(
            Rsvp.event_id == event.id, Rsvp.status == "going"
        )
    )


def next_start(event: Event, now: datetime) -> datetime | None:
    """When the next occurrence that is still to come starts."""
    for occurrence in recurrence.expand(event, window_start=now):
        if occurrence.start_at > now and not occurrence.cancelled:
            return occurrence.start_at
    return None


def closed_reason(event: Event, now: datetime | None = None) -> str:
    """Why RSVPs are closed, or "" while they are open."""
    now = now or utcnow()
    if event.is_cancelled:
        return _("This event was cancelled, so RSVPs are closed.")
    if event.rsvp_deadline_at is not None and now >= event.rsvp_deadline_at:
        return _("The RSVP deadline has passed, so RSVPs are closed.")
    if event.start_at <= now and next_start(event, now) is None:
        return _("This event has started, so RSVPs are closed.")
    return ""


def rsvp_of(user, event: Event) -> Rsvp | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return db.session.scalar(
        select(Rsvp).where(Rsvp.event_id == event.id, Rsvp.user_id == user.id)
    )


def respond(user, event: Event, answer: str, now: datetime | None = None) -> Rsvp:
    """Record going or not_going; going beyond capacity joins the wait list."""
    reason = closed_reason(event, now)
    if reason:
        raise RsvpClosed(reason)
    event = lock_event(event)  # every seat decision below happens under the lock
    rsvp = rsvp_of(user, event) or Rsvp(event_id=event.id, user_id=user.id, status="")
    db.session.add(rsvp)
    was_going = rsvp.status == "going"
    if answer == "going" and rsvp.status not in ("going", "waitlisted"):
        taken = going_count(event)
        if event.capacity is None or taken < event.capacity:
            rsvp.status = "going"
        else:
            rsvp.status = "waitlisted"
            rsvp.position = last_position(event) + 1
    elif answer == "not_going":
        rsvp.status = "not_going"
    rsvp.updated_at = utcnow()
    db.session.flush()
    if was_going and rsvp.status != "going":
        fill_free_seats(event)
    event.going_count = going_count(event)
    db.session.flush()
    return rsvp


def last_position(event: Event) -> int:
    return db.session.scalar(
        select(func.coalesce(func.max(Rsvp.position), 0)).where(
            Rsvp.event_id == event.id
        )
    )


def fill_free_seats(event: Event) -> list[Rsvp]:
    """Promote the wait list in order while seats are free (caller holds the lock)."""
    promoted = []
    taken = going_count(event)
    while event.capacity is None or taken < event.capacity:
        first = db.session.scalar(
            select(Rsvp)
            .where(Rsvp.event_id == event.id, Rsvp.status == "waitlisted")
            .order_by(Rsvp.position, Rsvp.id)
            .limit(1)
        )
        if first is None:
            break
        first.status = "going"
        first.updated_at = utcnow()
        db.session.flush()
        taken += 1
        promoted.append(first)
        tell_promotion(event, first)
    event.going_count = taken
    return promoted


def tell_promotion(event: Event, rsvp: Rsvp) -> None:
    url = f"/events/{event.id}"
    notify(
        rsvp.user,
        "rsvp_promoted",
        _l("A seat freed up: you are now going to “%(title)s”.", title=event.title),
        url,
    )
    if event.organiser is not None and event.organiser_id != rsvp.user_id:
        name = rsvp.user.display_name
        notify(
            event.organiser,
            "rsvp_promoted",
            _l(
                "%(name)s moved from the wait list to going for “%(title)s”.",
                name=name,
                title=event.title,
            ),
            url,
        )


def attendees(event: Event) -> tuple[list[Rsvp], list[Rsvp]]:
    """Who is going (in order of answer) and the wait list (in order)."""
    from sqlalchemy.orm import selectinload

    rows = db.session.scalars(
        select(Rsvp)
        .where(Rsvp.event_id == event.id, Rsvp.status.in_(("going", "waitlisted")))
        .options(selectinload(Rsvp.user))
        .order_by(Rsvp.position, Rsvp.created_at, Rsvp.id)
    ).all()
    going = [row for row in rows if row.status == "going"]
    waiting = [row for row in rows if row.status == "waitlisted"]
    return going, waiting
