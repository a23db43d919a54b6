"""TZIDs that are neither IANA nor Windows names, defined only by the file.

Outlook writes "Customized Time Zone" (and the like) with a VTIMEZONE of its
own. Converting such times to UTC made weekly series drift an hour at every
DST change. Instead we look for the IANA zone whose offsets match the
VTIMEZONE's at every sampled instant of the years the file uses, and import
the events in that zone (the preview says so). The importer's own zone and a
few common zones are tried first, so the name chosen is a familiar one.
"""

from datetime import UTC, datetime, timedelta
from functools import lru_cache
from itertools import pairwise

from community.timezones import is_zone_name, zone, zone_names

PREFERRED = (
    "Europe/London",
    "Europe/Berlin",
    "Europe/Paris",
    "America/New_York",
    "America/Chicago",
    "America/Denver",
    "America/Los_Angeles",
    "America/Sao_Paulo",
    "America/Santiago",
    "Africa/Nairobi",
    "Africa/Lagos",
    "Africa/Johannesburg",
    "Asia/Kolkata",
    "Asia/Singapore",
    "Asia/Tokyo",
    "Australia/Sydney",
    "Pacific/Auckland",
)
STEP = timedelta(hours=6)


def samples(first_year: int, last_year: int) -> list[datetime]:
    instant = datetime(first_year, 1, 1, tzinfo=UTC)
    end = datetime(last_year + 1, 1, 1, tzinfo=UTC)
    found = []
    while instant < end:
        found.append(instant)
        instant += STEP
    return found


def offsets(tz, instants: list[datetime]) -> tuple:
    return tuple(instant.astimezone(tz).utcoffset() for instant in instants)


def custom_offsets(tz, instants: list[datetime], stride: int = 4) -> tuple:
    """offsets() for the file's own zone, whose every reading walks its rules
    from their start (often 1601): read every `stride`-th instant (a day apart)
    and those between only where the offset changed in that day. Exact unless a
    zone changes and changes back within a day, which no zone does."""
    found: list = [None] * len(instants)
    marks = sorted({*range(0, len(instants), stride), len(instants) - 1})
    for index in marks:
        found[index] = instants[index].astimezone(tz).utcoffset()
    for start, end in pairwise(marks):
        same = found[start] == found[end]
        for index in range(start + 1, end):
            found[index] = (
                found[start] if same else instants[index].astimezone(tz).utcoffset()
            )
    return tuple(found)


@lru_cache(maxsize=1)
def candidates() -> tuple[str, ...]:
    rest = sorted(name for name in zone_names() if "/" in name and "Etc/" not in name)
    return PREFERRED + tuple(name for name in rest if name not in PREFERRED)


def matching_zone(
    custom_tz, first_year: int, last_year: int, preferred: str = ""
) -> str | None:
    """The IANA zone with the same offsets as `custom_tz` in those years."""
    instants = samples(first_year, last_year)
    # Two instants half a year apart rule out most zones before the full check.
    probe = [instants[len(instants) // 4], instants[3 * len(instants) // 4]]
    wanted_probe = offsets(custom_tz, probe)
    wanted = None
    order = ((preferred,) if is_zone_name(preferred) else ()) + candidates()
    for name in order:
        tz = zone(name)
        if offsets(tz, probe) != wanted_probe:
            continue
        wanted = wanted or custom_offsets(custom_tz, instants)
        if offsets(tz, instants) == wanted:
            return name
    return None
