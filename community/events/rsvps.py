"""Going / maybe / not going for one date or every date, wait lists, promotion.

Capacity and the wait list are per date (an event_occurrences row). No
overbooking, ever: every change to who is going starts by locking the event's
row with SELECT ... FOR UPDATE (lock_event), so all dates of a series are
decided one transaction at a time. On PostgreSQL a second transaction for the
same event waits at that statement until the first commits, and only then
counts the seats. SQLite has no row locks and ignores FOR UPDATE, so there
lock_event first makes a no-op write, which takes SQLite's single database
write lock until commit: writers queue the same way. Seats are always recounted
from the rsvps table under the lock; EventOccurrence.going_count is a copy for
lists.
"""

from datetime import datetime

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select, update
from sqlalchemy.orm import selectinload

from community.events.models import Event, EventOccurrence, Rsvp
from community.extensions import db
from community.notifications.sending import notify
from community.timezones import format_local, utcnow

ANSWERS = ("going", "maybe", "not_going")


class RsvpClosed(ValueError):
    """RSVPs are not accepted for this date or event (any more)."""


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


def future_dates(event: Event, now: datetime) -> list[EventOccurrence]:
    """The dates still to come that are not cancelled, in order."""
    return list(
        db.session.scalars(
            select(EventOccurrence)
            .where(
                EventOccurrence.event_id == event.id,
                EventOccurrence.start_at > now,
                EventOccurrence.cancelled.is_(False),
            )
            .order_by(EventOccurrence.start_at)
        )
    )


def closed_reason(
    event: Event, row: EventOccurrence | None = None, now: datetime | None = None
) -> str:
    """Why RSVPs are closed (for this date, or for every date), or "" when open."""
    now = now or utcnow()
    if event.is_cancelled:
        return _("This event was cancelled, so RSVPs are closed.")
    if event.rsvp_deadline_at is not None and now >= event.rsvp_deadline_at:
        return _("The RSVP deadline has passed, so RSVPs are closed.")
    if row is not None and row.cancelled:
        return _("This date was cancelled, so RSVPs for it are closed.")
    if row is not None and row.start_at <= now:
        return _("This date has started, so RSVPs for it are closed.")
    if row is None and not future_dates(event, now):
        return _("This event has started, so RSVPs are closed.")
    return ""


def rsvp_of(user, row: EventOccurrence | None) -> Rsvp | None:
    """The person's answer for one date."""
    if row is None or not getattr(user, "is_authenticated", False):
        return None
    return db.session.scalar(
        select(Rsvp).where(Rsvp.occurrence_id == row.id, Rsvp.user_id == user.id)
    )


def going_count(row: EventOccurrence) -> int:
    return db.session.scalar(
        select(func.count(Rsvp.id)).where(
            Rsvp.occurrence_id == row.id, Rsvp.status == "going"
        )
    )


def respond(
    user,
    event: Event,
    answer: str,
    row: EventOccurrence | None = None,
    now: datetime | None = None,
) -> list[Rsvp]:
    """Answer for one date (`row`) or every date to come; going past capacity
    joins that date's wait list. Returns the answers changed."""
    now = now or utcnow()
    reason = closed_reason(event, row, now)
    if reason:
        raise RsvpClosed(reason)
    event = lock_event(event)  # every seat decision below happens under the lock
    rows = [row] if row is not None else future_dates(event, now)
    answers = [answer_one(user, event, date_row, answer) for date_row in rows]
    event.going_count = max((date_row.going_count for date_row in rows), default=0)
    db.session.flush()
    return answers


def answer_one(user, event: Event, row: EventOccurrence, answer: str) -> Rsvp:
    rsvp = rsvp_of(user, row) or Rsvp(
        event_id=event.id, occurrence_id=row.id, user_id=user.id, status=""
    )
    db.session.add(rsvp)
    was_going = rsvp.status == "going"
    if answer == "going" and rsvp.status not in ("going", "waitlisted"):
        if event.capacity is None or going_count(row) < event.capacity:
            rsvp.status = "going"
        else:
            rsvp.status = "waitlisted"
            rsvp.position = last_position(row) + 1
    elif answer in ("maybe", "not_going"):
        rsvp.status = answer
    rsvp.updated_at = utcnow()
    db.session.flush()
    if was_going and rsvp.status != "going":
        fill_free_seats(event, row)
    row.going_count = going_count(row)
    return rsvp


def last_position(row: EventOccurrence) -> int:
    return db.session.scalar(
        select(func.coalesce(func.max(Rsvp.position), 0)).where(
            Rsvp.occurrence_id == row.id
        )
    )


def wait_position(rsvp: Rsvp | None) -> int | None:
    """1 for the first person on the date's wait list; None when not waiting."""
    if rsvp is None or rsvp.status != "waitlisted":
        return None
    ahead = select(func.count(Rsvp.id)).where(
        Rsvp.occurrence_id == rsvp.occurrence_id,
        Rsvp.status == "waitlisted",
        (Rsvp.position < rsvp.position)
        | ((Rsvp.position == rsvp.position) & (Rsvp.id < rsvp.id)),
    )
    return db.session.scalar(ahead) + 1


def fill_free_seats(event: Event, row: EventOccurrence) -> list[Rsvp]:
    """Promote one date's wait list in order while seats are free (lock held)."""
    promoted = []
    taken = going_count(row)
    while event.capacity is None or taken < event.capacity:
        first = db.session.scalar(
            select(Rsvp)
            .where(Rsvp.occurrence_id == row.id, Rsvp.status == "waitlisted")
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
        tell_promotion(event, row, first)
    row.going_count = taken
    return promoted


def fill_every_date(event: Event) -> None:
    """After a capacity change: promote on every date still to come."""
    for row in future_dates(event, utcnow()):
        fill_free_seats(event, row)


def tell_promotion(event: Event, row: EventOccurrence, rsvp: Rsvp) -> None:
    url = f"/events/{event.id}"
    when = format_local(row.start_at, event.timezone)
    notify(
        rsvp.user,
        "rsvp_promoted",
        _l(
            "A seat freed up: you are now going to “%(title)s” on %(when)s.",
            title=event.title,
            when=when,
        ),
        url,
    )
    if event.organiser is not None and event.organiser_id != rsvp.user_id:
        notify(
            event.organiser,
            "rsvp_promoted",
            _l(
                "%(name)s moved from the wait list to going for “%(title)s” "
                "on %(when)s.",
                name=rsvp.user.display_name,
                title=event.title,
                when=when,
            ),
            url,
        )


def attendees(row: EventOccurrence) -> tuple[list[Rsvp], list[Rsvp]]:
    """Who is going to this date (in order of answer) and its wait list (in order)."""
    rows = db.session.scalars(
        select(Rsvp)
        .where(Rsvp.occurrence_id == row.id, Rsvp.status.in_(("going", "waitlisted")))
        .options(selectinload(Rsvp.user))
        .order_by(Rsvp.position, Rsvp.created_at, Rsvp.id)
    ).all()
    going = [rsvp for rsvp in rows if rsvp.status == "going"]
    waiting = [rsvp for rsvp in rows if rsvp.status == "waitlisted"]
    return going, waiting


def people_of_date(row: EventOccurrence) -> list[Rsvp]:
    """Everyone going to or waiting for one date (to tell them of a change)."""
    return list(
        db.session.scalars(
            select(Rsvp)
            .where(
                Rsvp.occurrence_id == row.id,
                Rsvp.status.in_(("going", "waitlisted")),
            )
            .options(selectinload(Rsvp.user))
        )
    )


def withdraw_everywhere(user, now: datetime | None = None) -> None:
    """Drop every answer of a person (account deletion); a seat they free on a
    date still to come goes to that date's wait list."""
    now = now or utcnow()
    answers = db.session.scalars(
        select(Rsvp)
        .where(Rsvp.user_id == user.id)
        .options(selectinload(Rsvp.occurrence))
        .order_by(Rsvp.event_id, Rsvp.id)
    ).all()
    for rsvp in answers:
        was_going, row = rsvp.status == "going", rsvp.occurrence
        event = lock_event(rsvp.event)
        db.session.delete(rsvp)
        db.session.flush()
        if was_going and row.start_at > now and not row.cancelled:
            fill_free_seats(event, row)
        row.going_count = going_count(row)
