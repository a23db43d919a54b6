"""Run by test_newest_icalendar.py inside .cache/icalendar-newest/ (its own venv
with the newest icalendar and recurring-ical-events): parse a calendar file
and print what tests/events/calendar_parsers.via_icalendar prints, as JSON."""

import json
import sys
from datetime import UTC, date, datetime

import icalendar
import recurring_ical_events


def stamp(value) -> str:
    if isinstance(value, datetime):
        return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(value)


def main(path: str) -> None:
    with open(path, "rb") as handle:
        calendar = icalendar.Calendar.from_ical(handle.read())
    window = (datetime(1990, 1, 1, tzinfo=UTC), datetime(2200, 1, 1, tzinfo=UTC))
    found: dict = {}
    for item in recurring_ical_events.of(calendar).between(*window):
        found.setdefault(str(item["UID"]), []).append(
            [stamp(item["DTSTART"].dt), stamp(item["DTEND"].dt)]
        )
    print(json.dumps({"version": icalendar.__version__, "events": found}))


if __name__ == "__main__":
    main(sys.argv[1])
