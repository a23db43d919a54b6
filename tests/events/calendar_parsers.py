"""Independent iCalendar parsers, each giving {uid: [(start, end), ...]}.

Starts and ends are UTC "YYYY-MM-DDTHH:MM:SSZ" (or "YYYY-MM-DD" for all-day
dates), sorted, the first FIRST of each event. Three readers:

- icalendar + recurring-ical-events: resolves TZIDs by their IANA names;
- vobject: our TZIDs are renamed first, so it can only use the VTIMEZONEs;
- ical.js (through node): knows no IANA names, reads only the VTIMEZONEs.
  It is installed with npm into .cache/icaljs/ the first time; without npm
  (or offline) that parser is skipped.
"""

import fcntl
import json
import re
import shutil
import subprocess
from datetime import UTC, date, datetime
from pathlib import Path

import icalendar
import pytest
import recurring_ical_events

FIRST = 26
PROJECT = Path(__file__).resolve().parents[2]
ICALJS_CACHE = PROJECT / ".cache" / "icaljs"
ICALJS_SCRIPT = Path(__file__).with_name("icaljs_expand.mjs")


def stamp(value) -> str:
    if isinstance(value, datetime):
        return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(value)


def first(found: dict) -> dict:
    return {uid: sorted(items)[:FIRST] for uid, items in found.items()}


def via_icalendar(body: bytes) -> dict:
    calendar = icalendar.Calendar.from_ical(body)
    found: dict = {}
    window = (datetime(1990, 1, 1, tzinfo=UTC), datetime(2200, 1, 1, tzinfo=UTC))
    for item in recurring_ical_events.of(calendar).between(*window):
        found.setdefault(str(item["UID"]), []).append(
            (stamp(item["DTSTART"].dt), stamp(item["DTEND"].dt))
        )
    return first(found)


def renamed_zones(body: bytes) -> str:
    """The file with every TZID renamed, so only its VTIMEZONEs can explain it."""
    text = body.decode()
    names = sorted(set(re.findall(r"TZID[:=]([^:;\r\n]+)", text)))
    for number, name in enumerate(names):
        text = text.replace(f"TZID:{name}\r\n", f"TZID:Zone-{number}\r\n")
        text = text.replace(f"TZID={name}:", f"TZID=Zone-{number}:")
    return text


def via_vobject(body: bytes) -> dict:
    import vobject
    import vobject.icalendar as vobject_icalendar

    # vobject keeps VTIMEZONEs in a module-wide map, first come first kept.
    zones = vobject_icalendar.__dict__["__tzidMap"]
    for name in [name for name in zones if name != "UTC"]:
        del zones[name]
    calendar = vobject.readOne(renamed_zones(body))
    masters, overrides = {}, {}
    for vevent in calendar.vevent_list:
        uid = vevent.uid.value
        if hasattr(vevent, "recurrence_id"):
            overrides.setdefault(uid, {})[stamp(vevent.recurrence_id.value)] = vevent
        else:
            masters[uid] = vevent
    found = {}
    for uid, vevent in masters.items():
        start, end = vevent.dtstart.value, vevent.dtend.value
        duration = end - start
        moved = overrides.get(uid, {})
        starts = list(vevent.getrruleset(addRDate=True) or [start])
        items = []
        for value in starts:
            if not isinstance(start, datetime):
                value = value.date() if isinstance(value, datetime) else value
            override = moved.get(stamp(value))
            if override is not None:
                items.append(
                    (stamp(override.dtstart.value), stamp(override.dtend.value))
                )
            else:
                items.append((stamp(value), stamp(value + duration)))
        found[uid] = items
    return first(found)


def icaljs_ready() -> bool:
    """ical.js under .cache/icaljs/, installed with npm once; False without npm."""
    ICALJS_CACHE.mkdir(parents=True, exist_ok=True)
    # CI runs the SQLite and PostgreSQL suites side by side: one installs.
    with open(ICALJS_CACHE.parent / "icaljs.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        return install_icaljs()


def install_icaljs() -> bool:
    if (ICALJS_CACHE / "node_modules" / "ical.js").is_dir():
        return shutil.which("node") is not None
    npm = shutil.which("npm")
    if npm is None or shutil.which("node") is None:
        return False
    result = subprocess.run(
        [npm, "install", "--no-audit", "--no-fund", "--silent", "ical.js@2"],
        cwd=ICALJS_CACHE,
        capture_output=True,
        timeout=300,
        check=False,
    )
    return result.returncode == 0


def via_icaljs(body: bytes) -> dict:
    if not icaljs_ready():
        pytest.skip("ical.js is not available (needs node and npm)")
    script = ICALJS_CACHE / ICALJS_SCRIPT.name
    shutil.copyfile(ICALJS_SCRIPT, script)  # node resolves ical.js beside it
    result = subprocess.run(
        ["node", str(script)],
        input=renamed_zones(body).encode(),
        capture_output=True,
        timeout=120,
        check=True,
    )
    found = json.loads(result.stdout)
    return first({uid: [tuple(pair) for pair in items] for uid, items in found.items()})


PARSERS = {"vobject": via_vobject, "ical.js": via_icaljs}
