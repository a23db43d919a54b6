"""Local wall-clock times to instants, and recurring series to occurrences.

Recurrence is expanded in the event's LOCAL wall-clock time with dateutil's
rrule (naive datetimes), and each occurrence is then placed in the zone on its
own. So a weekly 10:00 Europe/Berlin forum is 09:00 UTC in winter and 08:00
UTC in summer: exactly what calendar clients do with RRULE + TZID.

Times that do not exist or exist twice follow RFC 5545 section 3.3.5, which is
what every client reading our feeds does: an ambiguous time (autumn fold) means
its FIRST occurrence, and a time in a spring-forward gap is read with the
offset before the gap. Organisers are refused gap times for the first
occurrence, and told which one we chose for an ambiguous one.
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from dateutil import rrule
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext

from community.dates import format_local_value, weekday_names
from community.timezones import zone

MAX_OCCURRENCES = 500
WEEKDAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
RRULE_WEEKDAYS = dict(zip(WEEKDAY_CODES, rrule.weekdays, strict=True))
FREQUENCY_CODES = {
    "daily": rrule.DAILY,
    "weekly": rrule.WEEKLY,
    "monthly": rrule.MONTHLY,
}


def is_nonexistent(local: datetime, zone_name: str) -> bool:
    """True when a wall-clock time falls in a spring-forward gap."""
    tz = zone(zone_name)
    aware = local.replace(tzinfo=tz, fold=0)
    round_trip = aware.astimezone(UTC).astimezone(tz).replace(tzinfo=None)
    return round_trip != local


def is_ambiguous(local: datetime, zone_name: str) -> bool:
    """True when a wall-clock time happens twice (autumn fold)."""
    tz = zone(zone_name)
    first = local.replace(tzinfo=tz, fold=0).utcoffset()
    second = local.replace(tzinfo=tz, fold=1).utcoffset()
    return first != second and not is_nonexistent(local, zone_name)


def to_utc(local: datetime, zone_name: str) -> datetime:
    """The instant of a wall-clock time; fold=0 is RFC 5545's reading."""
    return local.replace(tzinfo=zone(zone_name), fold=0).astimezone(UTC)


def day_start_utc(day: date, zone_name: str) -> datetime:
    return to_utc(datetime.combine(day, time()), zone_name)


@dataclass
class Occurrence:
    """One concrete happening of an event (a one-off event has exactly one)."""

    event: object
    original_start_at: datetime  # the key of the occurrence, in UTC
    start_at: datetime
    end_at: datetime
    start_local: datetime
    end_local: datetime
    original_local: datetime  # the wall-clock start before any move
    cancelled: bool = False
    moved: bool = False
    location: str | None = None  # a moved occurrence's own place

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled or self.event.is_cancelled

    @property
    def last_day(self) -> date:
        """For all-day occurrences: the last day (end_local is exclusive)."""
        return (self.end_local - timedelta(days=1)).date()


def build_rule(
    frequency: str,
    dtstart: datetime,
    interval: int = 1,
    weekdays: str = "",
    monthly: str = "day",
    count: int | None = None,
    until: datetime | None = None,
) -> rrule.rrule:
    """A dateutil rule over naive local datetimes (or midnight for all-day)."""
    # Weeks start on Monday, as RFC 5545 assumes when WKST is absent.
    options: dict = {
        "dtstart": dtstart,
        "interval": max(1, interval or 1),
        "wkst": rrule.MO,
    }
    if frequency == "weekly":
        days = [RRULE_WEEKDAYS[code] for code in weekdays.split(",") if code]
        options["byweekday"] = days or [
            RRULE_WEEKDAYS[WEEKDAY_CODES[dtstart.weekday()]]
        ]
    elif frequency == "monthly" and monthly == "weekday":
        options["byweekday"] = [rrule.weekdays[dtstart.weekday()](nth_weekday(dtstart))]
    elif frequency == "monthly":
        options["bymonthday"] = [dtstart.day]
    if count:
        options["count"] = count
    if until is not None:
        options["until"] = until
    return rrule.rrule(FREQUENCY_CODES[frequency], **options)


def nth_weekday(day: date) -> int:
    """Which weekday of its month a date is: 1 for the first Tuesday ... 5."""
    return (day.day - 1) // 7 + 1


def event_rule(event) -> rrule.rrule | None:
    if not event.repeat_frequency:
        return None
    until = None
    if event.repeat_until_on is not None:
        until = datetime.combine(event.repeat_until_on, time(23, 59, 59))
    return build_rule(
        event.repeat_frequency,
        local_start(event),
        event.repeat_interval,
        event.repeat_weekdays,
        event.repeat_monthly,
        event.repeat_count,
        until,
    )


def local_start(event) -> datetime:
    if event.all_day:
        return datetime.combine(event.start_on, time())
    return event.start_local


def local_duration(event) -> timedelta:
    if event.all_day:
        return timedelta(days=(event.end_on - event.start_on).days + 1)
    return event.end_local - event.start_local


def count_occurrences(rule: rrule.rrule, limit: int = MAX_OCCURRENCES + 1) -> int:
    """How many occurrences a rule makes, counting at most `limit`."""
    total = 0
    for _occurrence in rule:
        total += 1
        if total >= limit:
            break
    return total


def local_starts(event) -> list[datetime]:
    rule = event_rule(event)
    if rule is None:
        return [local_start(event)]
    return list(rule[:MAX_OCCURRENCES])


def starts_near(event, window_start: datetime | None, window_end: datetime) -> list:
    """Local starts that can fall in a UTC window, without walking the whole series.

    The window is widened by the duration and a day (zone offsets); a series
    with a moved occurrence is walked whole, since a move can cross any window.
    """
    rule = event_rule(event)
    if rule is None or any(change.start_local for change in event.changes):
        return local_starts(event)
    margin = local_duration(event) + timedelta(days=1)
    zone_of_event = zone(event.timezone)
    before = window_end.astimezone(zone_of_event).replace(tzinfo=None) + margin
    after = local_start(event)
    if window_start is not None:
        after = max(
            after, window_start.astimezone(zone_of_event).replace(tzinfo=None) - margin
        )
    # Every series holds at most MAX_OCCURRENCES (scheduling refuses more).
    return rule.between(after, before, inc=True)


def expand(event, window_start: datetime | None = None, window_end=None) -> list:
    """Occurrences overlapping [window_start, window_end), one-off changes applied."""
    changes = {change.original_start_at: change for change in event.changes}
    duration = local_duration(event)
    found = []
    if window_end is not None:
        starts = starts_near(event, window_start, window_end)
    else:
        starts = local_starts(event)
    for start in starts:
        occurrence = make_occurrence(event, start, duration, changes)
        if window_end is not None and occurrence.start_at >= window_end:
            continue
        if window_start is not None and occurrence.end_at <= window_start:
            continue
        found.append(occurrence)
    found.sort(key=lambda item: item.start_at)
    return found


def make_occurrence(event, start: datetime, duration: timedelta, changes: dict):
    end = start + duration
    original_start_at = to_utc(start, event.timezone)
    occurrence = Occurrence(
        event=event,
        original_start_at=original_start_at,
        start_at=original_start_at,
        end_at=to_utc(end, event.timezone),
        start_local=start,
        end_local=end,
        original_local=start,
    )
    change = changes.get(original_start_at)
    if change is not None and change.cancelled:
        occurrence.cancelled = True
    elif change is not None and change.start_local is not None:
        occurrence.moved = True
        occurrence.start_local, occurrence.end_local = (
            change.start_local,
            change.end_local,
        )
        occurrence.start_at, occurrence.end_at = change.start_at, change.end_at
        occurrence.location = change.location
    return occurrence


def series_end(event) -> datetime:
    """The instant the last occurrence ends (moved occurrences included)."""
    starts = local_starts(event)
    last = to_utc(starts[-1] + local_duration(event), event.timezone)
    moved = [change.end_at for change in event.changes if change.end_at is not None]
    return max([last, *moved])


def weekday_word(code: str) -> str:
    """ "Monday" for "MO", in the page's language (CLDR's names)."""
    return weekday_names()[WEEKDAY_CODES.index(code)]


# Whole phrases, not an ordinal glued to a weekday: languages agree them differently.
ORDINAL_WEEKDAYS = {
    1: _l("on the first %(weekday)s"),
    2: _l("on the second %(weekday)s"),
    3: _l("on the third %(weekday)s"),
    4: _l("on the fourth %(weekday)s"),
    5: _l("on the fifth %(weekday)s"),
}


def every_phrase(frequency: str, interval: int) -> str:
    """ "Every day", "Every 2 weeks"."""
    if frequency == "daily":
        return ngettext("Every day", "Every %(num)s days", interval)
    if frequency == "weekly":
        return ngettext("Every week", "Every %(num)s weeks", interval)
    return ngettext("Every month", "Every %(num)s months", interval)


def describe(event) -> str:
    """“Every 2 weeks on Monday, 10 times” for people reading the page."""
    if not event.repeat_frequency:
        return ""
    start = local_start(event)
    phrases = [every_phrase(event.repeat_frequency, max(event.repeat_interval, 1))]
    if event.repeat_frequency == "weekly":
        codes = [code for code in event.repeat_weekdays.split(",") if code] or [
            WEEKDAY_CODES[start.weekday()]
        ]
        days = ", ".join(weekday_word(code) for code in codes)
        phrases.append(_("on %(days)s", days=days))
    elif event.repeat_frequency == "monthly" and event.repeat_monthly == "weekday":
        weekday = weekday_word(WEEKDAY_CODES[start.weekday()])
        phrases.append(str(ORDINAL_WEEKDAYS[nth_weekday(start)]) % {"weekday": weekday})
    elif event.repeat_frequency == "monthly":
        phrases.append(_("on day %(day)s", day=start.day))
    if not event.all_day:
        at = format_local_value(start, "%H:%M")
        phrases.append(_("at %(time)s %(zone)s", time=at, zone=event.timezone))
    if event.repeat_count:
        ends = ngettext("%(num)s time", "%(num)s times", event.repeat_count)
    else:
        until = format_local_value(event.repeat_until_on, "%-d %B %Y")
        ends = _("until %(date)s", date=until)
    return _("%(repeats)s, %(ends)s.", repeats=" ".join(phrases), ends=ends)


def short_describe(event) -> str:
    """“Every week on Wednesday”, “Every 2 weeks on Tuesday”: a series in list rows."""
    if not event.repeat_frequency:
        return ""
    start = local_start(event)
    phrases = [every_phrase(event.repeat_frequency, max(event.repeat_interval, 1))]
    if event.repeat_frequency == "weekly":
        codes = [code for code in event.repeat_weekdays.split(",") if code] or [
            WEEKDAY_CODES[start.weekday()]
        ]
        days = ", ".join(weekday_word(code) for code in codes)
        if max(event.repeat_interval, 1) == 1:
            return _("Every %(days)s", days=days)  # “Every Wednesday”
        phrases.append(_("on %(days)s", days=days))
    elif event.repeat_frequency == "monthly" and event.repeat_monthly == "weekday":
        weekday = weekday_word(WEEKDAY_CODES[start.weekday()])
        phrases.append(str(ORDINAL_WEEKDAYS[nth_weekday(start)]) % {"weekday": weekday})
    elif event.repeat_frequency == "monthly":
        phrases.append(_("on day %(day)s", day=start.day))
    return " ".join(phrases)
