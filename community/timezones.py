"""UTC storage for times, and display in the viewer's zone."""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import UTC, date, datetime
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from flask_babel import gettext
from sqlalchemy import DateTime
from sqlalchemy.types import TypeDecorator

from community.dates import format_local_value, relative_past


def utcnow() -> datetime:
    """The current instant, timezone-aware in UTC."""
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator):
    """Aware datetimes kept in UTC; SQLite drops the offset, so loading restores it."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given for a UTC column")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


_ZONE_NAMES: frozenset[str] | None = None


def zone_names() -> frozenset[str]:
    """Every IANA zone name this machine knows."""
    global _ZONE_NAMES
    if _ZONE_NAMES is None:
        _ZONE_NAMES = frozenset(available_timezones())
    return _ZONE_NAMES


def is_zone_name(name: str) -> bool:
    """True for an IANA zone name such as "Europe/Berlin" or "UTC"."""
    return name in zone_names()


@lru_cache(maxsize=1024)
def zone(name: str | None) -> ZoneInfo:
    """The ZoneInfo for a name, or UTC for an empty or unknown one.

    Cached: ZoneInfo keeps only its 8 latest zones strongly, so a page of events
    in 20 zones re-read the zone files from disk for most occurrences.
    """
    try:
        return ZoneInfo(name or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def to_zone(value: datetime, name: str | None) -> datetime:
    """An aware datetime moved into the named zone."""
    return value.astimezone(zone(name))


def format_local(value: datetime | None, name: str | None, fmt: str = "") -> str:
    """Format an instant in a zone, in the page's language: "27 Nov 2026, 14:00 CET"."""
    if value is None:
        return ""
    local = to_zone(value, name)
    return format_local_value(local, fmt or "%-d %b %Y, %H:%M %Z")


def dateformat_filter(value: datetime | date | None, fmt: str) -> str:
    """Jinja filter: a wall-clock time or a date as `fmt` asks, in the page language."""
    return "" if value is None else format_local_value(value, fmt)


VISITOR_ZONE_COOKIE = "tz"
# Set while a message is written for someone (community.i18n.written_for): an
# e-mail or notification reads in its recipient's zone, not the sender's or UTC.
_RECIPIENT_ZONE: ContextVar[str | None] = ContextVar("recipient_zone", default=None)


@contextmanager
def zone_written_for(name: str | None) -> Iterator[None]:
    """Times written inside (|localtime, viewer_zone_name) are in this zone."""
    token = _RECIPIENT_ZONE.set(name if name and is_zone_name(name) else "UTC")
    try:
        yield
    finally:
        _RECIPIENT_ZONE.reset(token)


def viewer_zone_name() -> str:
    """A message's recipient's zone; the signed-in person's; a visitor's choice
    (?tz=, the tz cookie); UTC."""
    from flask import has_request_context, request
    from flask_login import current_user

    recipient = _RECIPIENT_ZONE.get()
    if recipient:
        return recipient
    if current_user and current_user.is_authenticated:
        return current_user.timezone or "UTC"
    if has_request_context():
        for value in (request.args.get("tz"), request.cookies.get(VISITOR_ZONE_COOKIE)):
            if value and is_zone_name(value):
                return value
    return "UTC"


def localtime_filter(value: datetime | None, fmt: str = "") -> str:
    """Jinja filter: an instant in the viewer's time zone."""
    return format_local(value, viewer_zone_name(), fmt)


def timeago_filter(value: datetime | None) -> str:
    """Jinja filter: "3 hours ago", "il y a 3 heures" (CLDR's words, whole units)."""
    if value is None:
        return ""
    seconds = int((utcnow() - value).total_seconds())
    for size, unit in (
        (86400 * 365, "year"),
        (86400 * 30, "month"),
        (86400, "day"),
        (3600, "hour"),
        (60, "minute"),
    ):
        if seconds >= size:
            return relative_past(seconds // size, unit)
    return gettext("just now")


def machine_time_filter(value: datetime | date | None) -> str:
    """Jinja filter: a value for <time datetime>, in whole seconds as HTML wants."""
    if value is None:
        return ""
    if not isinstance(value, datetime):
        return value.isoformat()  # a date
    return value.isoformat(timespec="seconds")
