"""Events, their one-off changes, RSVPs and sent reminders.

An event keeps its wall-clock times in its own IANA zone (what the organiser
typed) and the UTC instants of its first occurrence (for sorting and windows).
Recurring events expand from the local wall-clock times, so 10:00 Berlin stays
10:00 Berlin across daylight-saving changes (see recurrence.py).
"""

from datetime import date, datetime, timedelta

from flask_babel import lazy_gettext as _l
from markupsafe import Markup
from sqlalchemy import (
    Date,
    DateTime,
    ForeignKey,
    Index,
    String,
    Text,
    UniqueConstraint,
    inspect,
)
from sqlalchemy import event as orm_events
from sqlalchemy.orm import Mapped, mapped_column, relationship

from community.countries import country_name
from community.extensions import db
from community.timezones import UTCDateTime, utcnow, zone

EVENT_TYPES = {
    "forum": _l("Community forum"),
    "webinar": _l("Webinar"),
    "workshop": _l("Workshop"),
    "meeting": _l("Meeting"),
    "other": _l("Other"),
}
FREQUENCIES = {
    "": _l("Does not repeat"),
    "daily": _l("Daily"),
    "weekly": _l("Weekly"),
    "monthly": _l("Monthly"),
}
MONTHLY_MODES = {
    "day": _l("On the same day of the month (for example the 14th)"),
    "weekday": _l("On the same weekday of the month (for example the second Tuesday)"),
}
RSVP_STATUSES = ("going", "waitlisted", "maybe", "not_going")


class Event(db.Model):
    __tablename__ = "events"
    __table_args__ = (
        Index("ix_events_window", "status", "series_end_at"),
        Index("ix_events_community_source", "community_id", "source_uid"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # Stable forever (RFC 5545 UID): set once at creation, never recomputed.
    uid: Mapped[str] = mapped_column(String(255), unique=True)
    source_uid: Mapped[str | None] = mapped_column(String(255))  # from an import
    community_id: Mapped[int | None] = mapped_column(
        ForeignKey("communities.id", ondelete="CASCADE"), index=True
    )  # None: a site-wide event scheduled by an admin
    organiser_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    organiser_name: Mapped[str] = mapped_column(String(80), default="")
    title: Mapped[str] = mapped_column(String(200))
    event_type: Mapped[str] = mapped_column(String(20), default="other")
    description_source: Mapped[str] = mapped_column(Text, default="")
    description_html: Mapped[str] = mapped_column(Text, default="")
    timezone: Mapped[str] = mapped_column(String(64), default="UTC")
    all_day: Mapped[bool] = mapped_column(default=False)
    # Wall-clock times in `timezone` (naive on purpose) for timed events.
    start_local: Mapped[datetime] = mapped_column(DateTime)
    end_local: Mapped[datetime] = mapped_column(DateTime)
    # All-day events: first and last day, both inclusive.
    start_on: Mapped[date | None] = mapped_column(Date)
    end_on: Mapped[date | None] = mapped_column(Date)
    # The first occurrence as instants, and when the whole series ends.
    start_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    end_at: Mapped[datetime] = mapped_column(UTCDateTime)
    series_end_at: Mapped[datetime] = mapped_column(UTCDateTime)
    location: Mapped[str] = mapped_column(String(300), default="")
    # Where it is held (ISO 3166-1); None for an online event or one not said.
    country_code: Mapped[str | None] = mapped_column(
        ForeignKey("countries.code", ondelete="SET NULL"), index=True
    )
    online_url: Mapped[str] = mapped_column(String(500), default="")
    capacity: Mapped[int | None]
    rsvp_deadline_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    repeat_frequency: Mapped[str] = mapped_column(String(10), default="")
    repeat_interval: Mapped[int] = mapped_column(default=1)
    repeat_weekdays: Mapped[str] = mapped_column(String(30), default="")  # "MO,WE"
    repeat_monthly: Mapped[str] = mapped_column(String(10), default="day")
    repeat_count: Mapped[int | None]
    repeat_until_on: Mapped[date | None] = mapped_column(Date)
    sequence: Mapped[int] = mapped_column(default=0)
    status: Mapped[str] = mapped_column(String(20), default="confirmed")
    cancelled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    going_count: Mapped[int] = mapped_column(default=0)  # kept under the row lock
    # +1 on every write to the row (listeners below): feed ETags name it, so two
    # edits in one second still give two versions.
    revision: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # The language the text is written in (community/content_languages.py).
    language: Mapped[str] = mapped_column(String(8), default="", server_default="")

    community: Mapped["Community | None"] = relationship()  # noqa: F821
    organiser: Mapped["User | None"] = relationship()  # noqa: F821
    dpgs: Mapped[list["Dpg"]] = relationship(  # noqa: F821 - community/dpgs
        secondary="event_dpgs", order_by="Dpg.name"
    )
    changes: Mapped[list["EventOccurrenceChange"]] = relationship(
        back_populates="event",
        cascade="all, delete-orphan",
        order_by="EventOccurrenceChange.original_start_at",
    )

    @property
    def description(self) -> Markup:
        return Markup(self.description_html)  # noqa: S704 - sanitised on save

    @property
    def country_name(self) -> str:
        return country_name(self.country_code)

    @property
    def is_cancelled(self) -> bool:
        return self.status == "cancelled"

    @property
    def is_recurring(self) -> bool:
        return bool(self.repeat_frequency)

    @property
    def type_label(self) -> str:
        return str(EVENT_TYPES.get(self.event_type, EVENT_TYPES["other"]))

    @property
    def seats_left(self) -> int | None:
        if self.capacity is None:
            return None
        return max(0, self.capacity - self.going_count)

    def __repr__(self) -> str:
        return f"<Event {self.id} {self.title!r}>"


class EventOccurrenceChange(db.Model):
    """One occurrence of a series cancelled or moved, keyed by its original start."""

    __tablename__ = "event_occurrence_changes"
    __table_args__ = (UniqueConstraint("event_id", "original_start_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(
        ForeignKey("events.id", ondelete="CASCADE"), index=True
    )
    original_start_at: Mapped[datetime] = mapped_column(UTCDateTime)
    cancelled: Mapped[bool] = mapped_column(default=False)
    # For a moved occurrence: its new wall-clock times (event zone) and instants.
    start_local: Mapped[datetime | None] = mapped_column(DateTime)
    end_local: Mapped[datetime | None] = mapped_column(DateTime)
    start_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    end_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    location: Mapped[str | None] = mapped_column(String(300))
    sequence: Mapped[int] = mapped_column(default=0)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    event: Mapped[Event] = relationship(back_populates="changes")


class EventOccurrence(db.Model):
    """One date of an event, materialised: lists query these, RSVPs hang on them.

    Kept in step with the event by occurrence_rows.sync() on every write. Every
    series is bounded (at most recurrence.MAX_OCCURRENCES), so the table holds
    all of its dates and the RSVP for a far date has a row to hang on.
    """

    __tablename__ = "event_occurrences"
    __table_args__ = (
        UniqueConstraint("event_id", "original_start_at"),
        Index("ix_event_occurrences_window", "end_at", "start_at"),
        Index("ix_event_occurrences_start", "start_at", "event_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(
        ForeignKey("events.id", ondelete="CASCADE"), index=True
    )
    original_start_at: Mapped[datetime] = mapped_column(UTCDateTime)
    start_at: Mapped[datetime] = mapped_column(UTCDateTime)
    end_at: Mapped[datetime] = mapped_column(UTCDateTime)
    cancelled: Mapped[bool] = mapped_column(default=False)  # this date, or the event
    moved: Mapped[bool] = mapped_column(default=False)
    going_count: Mapped[int] = mapped_column(default=0)  # kept under the event lock

    event: Mapped[Event] = relationship()

    @property
    def seats_left(self) -> int | None:
        if self.event.capacity is None:
            return None
        return max(0, self.event.capacity - self.going_count)

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled or self.event.is_cancelled

    @property
    def start_local(self) -> datetime:
        """Wall-clock start in the event's zone (midnight for all-day dates)."""
        return self.start_at.astimezone(zone(self.event.timezone)).replace(tzinfo=None)

    @property
    def end_local(self) -> datetime:
        return self.end_at.astimezone(zone(self.event.timezone)).replace(tzinfo=None)

    @property
    def last_day(self) -> date:
        """For all-day dates: the last day (end_local is exclusive)."""
        return (self.end_local - timedelta(days=1)).date()


class Rsvp(db.Model):
    """One person's answer for one date of an event."""

    __tablename__ = "rsvps"
    __table_args__ = (
        UniqueConstraint("occurrence_id", "user_id"),
        Index("ix_rsvps_occurrence_status", "occurrence_id", "status", "position"),
        Index("ix_rsvps_event_user", "event_id", "user_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"))
    occurrence_id: Mapped[int] = mapped_column(
        ForeignKey("event_occurrences.id", ondelete="CASCADE")
    )
    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    status: Mapped[str] = mapped_column(String(20))  # going, waitlisted, not_going
    position: Mapped[int] = mapped_column(default=0)  # wait-list order, first = lowest
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    event: Mapped[Event] = relationship()
    occurrence: Mapped[EventOccurrence] = relationship()
    user: Mapped["User"] = relationship()  # noqa: F821


class EventReminder(db.Model):
    """A reminder already sent: one per event, occurrence and person."""

    __tablename__ = "event_reminders"
    __table_args__ = (UniqueConstraint("event_id", "occurrence_start_at", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"))
    occurrence_start_at: Mapped[datetime] = mapped_column(UTCDateTime)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    sent_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class CalendarFeedVersion(db.Model):
    """When a feed's content last changed, for Last-Modified.

    The ETag names the content (every event's id and revision); when it differs
    from the stored one, the feed changed now: an edit, a new RSVP, a membership.
    """

    __tablename__ = "calendar_feed_versions"

    key: Mapped[str] = mapped_column(String(120), primary_key=True)
    tag: Mapped[str] = mapped_column(String(64))
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


@orm_events.listens_for(Event, "before_update")
def bump_revision(mapper, connection, target: Event) -> None:
    """Every published change moves the revision; a seat count alone does not."""
    state = inspect(target)
    changed = [
        attribute.key
        for attribute in state.attrs
        if attribute.key not in UNPUBLISHED and attribute.history.has_changes()
    ]
    if changed:
        target.revision = (target.revision or 0) + 1


UNPUBLISHED = frozenset(
    {"going_count", "revision", "changes", "community", "organiser"}
)
