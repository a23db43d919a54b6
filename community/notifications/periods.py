"""Digest periods in each person's own time zone: which one is due, and its key.

A daily digest covers the person's previous local day and leaves from
DIGEST_HOUR local time; a weekly one covers the previous ISO week (Monday to
Sunday) and leaves from Monday's DIGEST_HOUR (or later that week, if the worker
was down). The key names the period, so a unique row per person and key makes
sending idempotent.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from flask import current_app

from community.timezones import to_zone, zone

FREQUENCIES = ("daily", "weekly")


@dataclass(frozen=True)
class Period:
    key: str  # "daily:2026-11-30" or "weekly:2026-W48"
    start_at: datetime  # UTC, inclusive
    end_at: datetime  # UTC, exclusive
    frequency: str


def day_start(day: date, zone_name: str) -> datetime:
    return datetime.combine(day, time(), tzinfo=zone(zone_name)).astimezone(zone("UTC"))


def due_period(frequency: str, zone_name: str, now: datetime) -> Period | None:
    """The period whose digest is due now for someone in this zone, if any."""
    local = to_zone(now, zone_name)
    today = local.date()
    if frequency == "daily":
        if local.hour < current_app.config["DIGEST_HOUR"]:
            return None
        first, last = today - timedelta(days=1), today
        key = f"daily:{first.isoformat()}"
    elif frequency == "weekly":
        monday = today - timedelta(days=today.weekday())
        if today == monday and local.hour < current_app.config["DIGEST_HOUR"]:
            return None
        first, last = monday - timedelta(days=7), monday
        year, week, _ = first.isocalendar()
        key = f"weekly:{year}-W{week:02d}"
    else:
        return None
    return Period(
        key, day_start(first, zone_name), day_start(last, zone_name), frequency
    )
