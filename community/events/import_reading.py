"""Reading an .ics file for import: structure, zones, text, places and rules."""

import re
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from types import SimpleNamespace

from flask_babel import gettext as _
from icalendar.timezone.windows_to_olson import WINDOWS_TO_OLSON

from community.countries import countries
from community.dpgs.country_names import resolve_country
from community.events import import_parsing, import_zones, recurrence, scheduling
from community.events.ical import COUNTRY_PROPERTY
from community.timezones import is_zone_name

MAX_BYTES = 4 * 1024 * 1024  # a 10,000-event file fits (bench/import_preview.py)
CONTENT_LINE = re.compile(r"^[A-Za-z0-9-]+(;[^:]*)?:")
FREQUENCIES = {"DAILY": "daily", "WEEKLY": "weekly", "MONTHLY": "monthly"}
EVENT_PAGE = re.compile(r"^https?://\S+/events/\d+$")


class ImportRefused(ValueError):
    """The file (or one event of it) cannot be imported; the message says why."""


def unfolded_lines(text: str) -> list[tuple[int, str]]:
    """Content lines with the file line each starts on (RFC 5545 3.1 unfolding)."""
    lines: list[tuple[int, str]] = []
    for number, raw in enumerate(text.replace("\r\n", "\n").split("\n"), start=1):
        if raw[:1] in (" ", "\t") and lines:
            lines[-1] = (lines[-1][0], lines[-1][1] + raw[1:])
        elif raw.strip():
            lines.append((number, raw))
    return lines


def check_structure(text: str) -> list[tuple[int, str]]:
    """Refuse malformed lines and unbalanced BEGIN/END; return the content lines."""
    lines = unfolded_lines(text)
    if not lines or lines[0][1].strip().upper() != "BEGIN:VCALENDAR":
        raise ImportRefused(
            _("This is not an iCalendar file: line 1 should be BEGIN:VCALENDAR.")
        )
    stack: list[str] = []
    for number, line in lines:
        if not CONTENT_LINE.match(line):
            raise ImportRefused(
                _(
                    "Line %(number)s is not a valid iCalendar line: “%(line)s”.",
                    number=number,
                    line=line[:60],
                )
            )
        name, _colon, value = line.partition(":")
        if name.upper() == "BEGIN":
            stack.append(value.strip().upper())
        elif name.upper() == "END" and (
            not stack or stack.pop() != value.strip().upper()
        ):
            raise ImportRefused(
                _(
                    "Line %(number)s: END:%(strip)s does not close what was opened.",
                    number=number,
                    strip=value.strip()[:30],
                )
            )
    if stack:
        raise ImportRefused(
            _(
                "The file ends before END:%(stack)s; it may be cut short.",
                stack=stack[-1],
            )
        )
    return lines


@dataclass
class ParsedFile:
    events: list[tuple]  # (LightEvent, line it starts on)
    vtimezones: dict  # TZID -> icalendar.Timezone
    custom_zones: dict  # TZID -> tzinfo, for TZIDs no zone database knows


def parse(raw: bytes) -> ParsedFile:
    if len(raw) > MAX_BYTES:
        raise ImportRefused(too_large_message())
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportRefused(
            _("The file is not UTF-8 text (byte %(start)s).", start=error.start)
        ) from error
    text = text.replace("\x00", "")  # PostgreSQL refuses NUL in text
    lines = check_structure(text)
    try:
        zones = import_parsing.vtimezones(lines)
        custom = {
            tzid: component.to_tz(lookup_tzid=False)
            for tzid, component in zones.items()
            if not is_zone_name(tzid) and tzid not in WINDOWS_TO_OLSON
        }
    except (ValueError, TypeError, KeyError) as error:
        raise ImportRefused(
            _("A VTIMEZONE of the file is broken: %(error)s", error=error)
        ) from error
    events = import_parsing.events_of(lines, custom)
    if not events:
        raise ImportRefused(_("The file holds no events (no VEVENT)."))
    return ParsedFile(events, zones, custom)


def too_large_message() -> str:
    return _(
        "The file is larger than %(size)d MB, the most we import at once. "
        "Split it (for example by year) and import each part.",
        size=MAX_BYTES // (1024 * 1024),
    )


def title_of(component) -> str:
    return scheduling.clean_line(str(component.get("summary", "")), 200) or _(
        "Untitled event"
    )


def group_events(events: list[tuple]):
    """Masters by UID (first wins) and the RECURRENCE-ID overrides, with lines."""
    masters: dict[str, tuple] = {}
    overrides = []
    for component, line in events:
        uid = scheduling.clean_line(str(component.get("uid", "")), 255)
        uid = uid or scheduling.clean_line(f"line-{line}-{title_of(component)}", 255)
        if component.get("recurrence-id") is not None:
            overrides.append((uid, component, line))
        elif uid not in masters:
            masters[uid] = (component, line)
    return masters, overrides


def place_of(component) -> tuple[str, str]:
    """(join link, place). The source's URL is its own page, not a join link:
    only RFC 7986 CONFERENCE is. Our own exports put the link after the place
    in LOCATION too; that copy is dropped, so a round trip changes nothing."""
    online_url = ""
    conferences = component.get("conference") or []
    for prop in conferences if isinstance(conferences, list) else [conferences]:
        value = str(prop).strip()
        try:
            scheduling.check_join_link(value)
        except scheduling.SchedulingError:
            continue
        online_url = value[:500]
        break
    location = scheduling.clean_line(str(component.get("location", "")), 800)
    if online_url and location.endswith(online_url):
        location = location[: -len(online_url)].rstrip(", ").strip()
    return online_url, location


def country_of(component, location: str) -> str | None:
    """The country of a place: our own export's X-HUB-COUNTRY code when it is
    one we know, else the country the place names last ("Kigali Convention
    Centre, Rwanda") through the resolver the DPG importer uses; None for an
    online event or a place that names none."""
    if not location:
        return None  # a country says where people meet (scheduling.check_country)
    stated = str(component.get(COUNTRY_PROPERTY, "")).strip().upper()
    if stated in countries():
        return stated
    return resolve_country(location.rsplit(",", 1)[-1][:100])


def description_of(component, online_url: str) -> str:
    """The text, without the lines our own export adds (join link, event page)."""
    text = str(component.get("description", ""))
    paragraphs = text.split("\n\n")
    if paragraphs and EVENT_PAGE.match(paragraphs[-1].strip()):
        paragraphs.pop()
    if online_url and paragraphs and paragraphs[-1].strip() == f"Online: {online_url}":
        paragraphs.pop()
    return "\n\n".join(paragraphs).strip()


def to_local(value: datetime, zone_name: str) -> datetime:
    if value.tzinfo is None or getattr(value.tzinfo, "key", None) == zone_name:
        # Keep the wall clock as written, so a time in a DST gap is noticed.
        return value.replace(tzinfo=None, second=0, microsecond=0)
    local = value.astimezone(recurrence.zone(zone_name)).replace(tzinfo=None)
    return local.replace(second=0, microsecond=0)


class ZoneReader:
    """Which IANA zone each TZID of the file means, noting what it decided."""

    def __init__(self, parsed: ParsedFile, default_zone: str):
        self.default_zone = default_zone
        self.notices: list[str] = []
        self.mapped: dict[str, str | None] = {}
        self.custom = parsed.custom_zones

    def zone_of(self, value: datetime, prop) -> str:
        tzid = str(prop.params.get("TZID", "")) if hasattr(prop, "params") else ""
        if tzid and is_zone_name(tzid):
            return tzid
        key = getattr(value.tzinfo, "key", None)
        if key and is_zone_name(key):
            return key  # a Windows name icalendar knows ("W. Europe Standard Time")
        if tzid and tzid in self.custom:
            found = self.custom_zone(tzid, value.year)
            if found:
                return found
        if value.tzinfo is not None and value.utcoffset() == timedelta(0):
            return "UTC"
        return self.default_zone if value.tzinfo is None else "UTC"

    def custom_zone(self, tzid: str, year: int) -> str | None:
        if tzid not in self.mapped:
            tz = self.custom[tzid]
            found = import_zones.matching_zone(tz, year, year + 2, self.default_zone)
            self.mapped[tzid] = found
            if found:
                self.notices.append(
                    _(
                        "The time zone “%(tzid)s” is defined only in the file; its "
                        "rules match %(zone)s, so its events use %(zone)s.",
                        tzid=tzid[:80],
                        zone=found,
                    )
                )
            else:
                self.notices.append(
                    _(
                        "The time zone “%(tzid)s” matches no known zone: its times "
                        "were converted to UTC, so a series in it may shift an "
                        "hour when clocks change.",
                        tzid=tzid[:80],
                    )
                )
        return self.mapped[tzid]


def set_recurrence(data, rule) -> None:
    if rule is None:
        return
    frequency = (rule.get("FREQ") or [""])[0]
    if frequency not in FREQUENCIES:
        raise ImportRefused(
            _(
                "it repeats %(value)s we do not support (daily, weekly or "
                "monthly only)",
                value=frequency or "in a way",
            )
        )
    data.frequency = FREQUENCIES[frequency]
    data.interval = int((rule.get("INTERVAL") or [1])[0])
    days = [str(day) for day in rule.get("BYDAY") or []]
    if data.frequency == "weekly":
        data.weekdays = [day for day in days if day in recurrence.WEEKDAY_CODES]
    elif data.frequency == "monthly" and days:
        data.monthly = "weekday"
    data.count = int(rule["COUNT"][0]) if rule.get("COUNT") else None
    if rule.get("UNTIL"):
        until = rule["UNTIL"][0]
        if isinstance(until, datetime) and until.tzinfo is not None:
            until = until.astimezone(recurrence.zone(data.timezone))
        data.until_on = until.date() if isinstance(until, datetime) else until


def rule_holder(data) -> SimpleNamespace:
    """An object recurrence.py can expand, from EventData (nothing saved)."""
    start = (
        datetime.combine(data.start_on, time()) if data.all_day else data.start_local
    )
    return SimpleNamespace(
        all_day=data.all_day,
        start_on=data.start_on,
        start_local=start,
        timezone=data.timezone,
        repeat_frequency=data.frequency,
        repeat_interval=data.interval or 1,
        repeat_weekdays=",".join(data.weekdays) if data.frequency == "weekly" else "",
        repeat_monthly=data.monthly or "day",
        repeat_count=data.count,
        repeat_until_on=data.until_on,
    )
