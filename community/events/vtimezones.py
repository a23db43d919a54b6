"""VTIMEZONE components that every calendar parser reads the same way.

icalendar's `Timezone.from_tzinfo` writes one observance per offset with all
its onsets in one comma-separated RDATE, and DTSTART at the local time *after*
the change. ical.js (Thunderbird, Nextcloud) and vobject read only the first
RDATE value, so events from the second year on came out an hour off there.

Here each transition of the zone in the years asked for is its own STANDARD or
DAYLIGHT observance with a single DTSTART and no RDATE at all: nothing for a
parser to read differently. Per RFC 5545 §3.6.5 (and its America/New_York
example) DTSTART is the onset in the local time in force *before* it, so
Berlin's spring change is DTSTART:20260329T020000 with TZOFFSETFROM:+0100.
A zone without transitions (Asia/Kolkata) gets one STANDARD observance.
"""

from datetime import UTC, datetime, timedelta
from functools import lru_cache

import icalendar

from community.timezones import zone

STEP = timedelta(days=7)  # no zone changes its offset twice within a week


def _offset(tz, instant: datetime) -> timedelta:
    return instant.astimezone(tz).utcoffset()


def _is_daylight(tz, instant: datetime) -> bool:
    return bool(instant.astimezone(tz).dst())


def _transition(tz, before: datetime, after: datetime) -> datetime:
    """The first second at which the offset of `after` applies (bisection)."""
    target = (_offset(tz, after), _is_daylight(tz, after))
    while after - before > timedelta(seconds=1):
        middle = before + (after - before) / 2
        middle = middle.replace(microsecond=0)
        if (_offset(tz, middle), _is_daylight(tz, middle)) == target:
            after = middle
        else:
            before = middle
    return after


def transitions(zone_name: str, first_year: int, last_year: int) -> list:
    """(instant, offset before, offset after, is daylight after) in those years."""
    tz = zone(zone_name)
    instant = datetime(first_year, 1, 1, tzinfo=UTC) - timedelta(days=1)
    end = datetime(last_year + 1, 1, 1, tzinfo=UTC) + timedelta(days=1)
    found = []
    state = (_offset(tz, instant), _is_daylight(tz, instant))
    while instant < end:
        following = instant + STEP
        new_state = (_offset(tz, following), _is_daylight(tz, following))
        if new_state != state:
            at = _transition(tz, instant, following)
            found.append((at, state[0], new_state[0], new_state[1]))
            state = new_state
        instant = following
    return found


def offset_text(offset: timedelta) -> str:
    return icalendar.vUTCOffset(offset).to_ical().decode()


def observance(
    onset_local: datetime,
    offset_from: timedelta,
    offset_to: timedelta,
    daylight: bool,
    name: str,
):
    kind = icalendar.TimezoneDaylight if daylight else icalendar.TimezoneStandard
    component = kind()
    component.add("dtstart", onset_local)  # naive: local time, RFC 5545 §3.6.5
    component.add("tzoffsetfrom", offset_from)
    component.add("tzoffsetto", offset_to)
    if name:
        component.add("tzname", name)
    return component


@lru_cache(maxsize=512)
def vtimezone(zone_name: str, first_year: int, last_year: int) -> icalendar.Timezone:
    """The zone's rules for [first_year, last_year] as one observance per change."""
    tz = zone(zone_name)
    timezone = icalendar.Timezone()
    timezone.add("tzid", zone_name)
    start = datetime(first_year, 1, 1, tzinfo=UTC)
    # The offset in force when the range starts, as an observance of its own, so
    # a parser never has to guess what applied before the first listed change.
    initial = start.astimezone(tz)
    timezone.add_component(
        observance(
            datetime(1970, 1, 1),
            initial.utcoffset(),
            initial.utcoffset(),
            bool(initial.dst()),
            initial.tzname() or "",
        )
    )
    for at, offset_from, offset_to, daylight in transitions(
        zone_name, first_year, last_year
    ):
        onset_local = (at + offset_from).replace(tzinfo=None)
        after = at.astimezone(tz)
        timezone.add_component(
            observance(onset_local, offset_from, offset_to, daylight, after.tzname())
        )
    return timezone
