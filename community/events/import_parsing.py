"""A fast reader of VEVENTs for import, on top of icalendar's value parsers.

icalendar's Calendar.from_ical builds every property of every component and
takes over a second of CPU for a 10,000-event file, most of the preview's
budget (bench/import_preview.py). The lines are already unfolded for the
structure check, so here each VEVENT keeps its raw lines and a property is
parsed (with icalendar's own vDDDTypes, vRecur and vText) only when asked for.
VTIMEZONEs, few and small, still go through icalendar (for custom TZIDs).
"""

from dataclasses import dataclass, field

import icalendar
from icalendar.parser import Contentline

# Properties read as text (vText unescapes \\n \\, \\; \\\\).
TEXT = frozenset({"SUMMARY", "DESCRIPTION", "LOCATION", "UID", "STATUS", "URL"})


def split_line(line: str) -> tuple[str, dict, str]:
    """NAME;PARAM=V:VALUE -> (NAME, {PARAM: V}, VALUE); quoted params the slow way."""
    head, colon, value = line.partition(":")
    if '"' in head or not colon:
        name, params, value = Contentline(line).parts()
        return (
            name.upper(),
            {key.upper(): str(item) for key, item in params.items()},
            value,
        )
    name, *pairs = head.split(";")
    params = {}
    for pair in pairs:
        key, _equals, item = pair.partition("=")
        params[key.upper()] = item
    return name.upper(), params, value


@dataclass
class Prop:
    """One property: its raw value and parameters; `.dt` parses on first use."""

    value: str
    params: dict
    zones: dict = field(default_factory=dict)  # custom TZID -> tzinfo

    @property
    def dt(self):
        tzid = self.params.get("TZID")
        parsed = icalendar.vDDDTypes.from_ical(self.value, timezone=tzid)
        custom = self.zones.get(tzid) if tzid else None
        if custom is not None and getattr(parsed, "tzinfo", 1) is None:
            parsed = parsed.replace(tzinfo=custom)
        return parsed

    @property
    def dts(self) -> list["Prop"]:
        """EXDATE / RDATE lists: one Prop per comma-separated value."""
        return [Prop(item, self.params, self.zones) for item in self.value.split(",")]

    def __str__(self) -> str:
        return str(icalendar.vText.from_ical(self.value))


class LightEvent:
    """The few things import needs from a VEVENT, read lazily from its lines."""

    def __init__(self, lines: list[str], zones: dict):
        self.props: dict[str, list[Prop]] = {}
        self.errors: list[tuple[str, str]] = []
        for line in lines:
            try:
                name, params, value = split_line(line)
            except ValueError as error:
                self.errors.append((line.partition(":")[0][:30], str(error)))
                continue
            self.props.setdefault(name, []).append(Prop(value, params, zones))
        self.rule = self.read_rule()

    def read_rule(self):
        found = self.props.get("RRULE")
        if not found:
            return None
        try:
            return icalendar.vRecur.from_ical(found[0].value)
        except ValueError as error:
            self.errors.append(("RRULE", str(error)))
            return None

    def get(self, name: str, default=None):
        name = name.upper()
        if name == "RRULE":
            return self.rule
        found = self.props.get(name)
        if not found:
            return default
        if name in ("EXDATE", "CONFERENCE"):
            return found
        if name in TEXT:
            return str(found[0])
        return found[0]


def events_of(text_lines: list[tuple[int, str]], zones: dict) -> list[tuple]:
    """(LightEvent, line) for every top-level VEVENT (alarms inside are dropped)."""
    found, current, depth, start = [], None, 0, 0
    for number, line in text_lines:
        upper = line[:20].upper()
        if upper.startswith("BEGIN:VEVENT") and current is None:
            current, depth, start = [], 0, number
            continue
        if current is None:
            continue
        if upper.startswith("BEGIN:"):
            depth += 1
        elif upper.startswith("END:VEVENT") and depth == 0:
            found.append((LightEvent(current, zones), start))
            current = None
        elif upper.startswith("END:"):
            depth -= 1
        elif depth == 0:
            current.append(line)
    return found


def vtimezones(text_lines: list[tuple[int, str]]) -> dict[str, icalendar.Timezone]:
    """The file's VTIMEZONE components by TZID, parsed by icalendar."""
    found, current = {}, None
    for _number, line in text_lines:
        upper = line[:20].upper()
        if upper.startswith("BEGIN:VTIMEZONE"):
            current = [line]
        elif current is not None:
            current.append(line)
            if upper.startswith("END:VTIMEZONE"):
                component = icalendar.Timezone.from_ical("\r\n".join(current) + "\r\n")
                found[str(component.get("tzid", ""))] = component
                current = None
    return found
