"""How long a 10,000-event .ics file takes to preview (issue 17: under 2 s).

    python -m bench.import_preview [--events 10000] [--runs 3]

Builds a file like a busy organisation's export (one-off events in several
zones, weekly series with moved and cancelled dates as RECURRENCE-ID
overrides), then uploads it to /c/<slug>/events/import through the Flask test
client as an organiser, on a temporary SQLite database, and reports the median
wall time of the whole request (parse, checks, the existing-events query, the
page) and its CPU time (which other load on the machine does not inflate).

Measured 1 December 2026 on the 2-core workplace machine, load average 5:
median 2.37 s wall, CPU median about 1.2 s (icalendar's Calendar.from_ical
alone took 1.3 s CPU before import_parsing.py; 22 s wall at load 12).
"""

import argparse
import io
import statistics
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

ZONES = ("Europe/Berlin", "America/New_York", "Australia/Sydney", "Asia/Kolkata")


def vevent(lines: list[str]) -> str:
    return (
        "BEGIN:VEVENT\r\n" + "".join(f"{line}\r\n" for line in lines) + "END:VEVENT\r\n"
    )


def big_calendar(count: int) -> bytes:
    """`count` VEVENTs: a tenth are parts of weekly series (master or override)."""
    parts = ["BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//bench//EN\r\n"]
    start = datetime(2031, 1, 6, 9)
    made = 0
    number = 0
    while made < count:
        zone = ZONES[number % len(ZONES)]
        when = start + timedelta(days=number % 700, hours=number % 8)
        stamp = f"{when:%Y%m%dT%H%M%S}"
        end = f"{when + timedelta(hours=1):%Y%m%dT%H%M%S}"
        uid = f"bench-{number}@example.org"
        common = [f"UID:{uid}", "DTSTAMP:20301201T000000Z"]
        common += [f"DTSTART;TZID={zone}:{stamp}", f"DTEND;TZID={zone}:{end}"]
        if number % 30 == 0 and count - made >= 3:
            moved = when + timedelta(days=7)
            moved_start = f"{moved + timedelta(hours=2):%Y%m%dT%H%M%S}"
            moved_end = f"{moved + timedelta(hours=3):%Y%m%dT%H%M%S}"
            parts.append(
                vevent(
                    [*common, f"SUMMARY:Series {number}", "RRULE:FREQ=WEEKLY;COUNT=10"]
                )
            )
            parts.append(
                vevent(
                    [
                        f"UID:{uid}",
                        f"SUMMARY:Series {number}",
                        f"RECURRENCE-ID;TZID={zone}:{moved:%Y%m%dT%H%M%S}",
                        f"DTSTART;TZID={zone}:{moved_start}",
                        f"DTEND;TZID={zone}:{moved_end}",
                    ]
                )
            )
            gone = when + timedelta(days=14)
            parts.append(
                vevent(
                    [
                        f"UID:{uid}",
                        f"SUMMARY:Series {number}",
                        "STATUS:CANCELLED",
                        f"RECURRENCE-ID;TZID={zone}:{gone:%Y%m%dT%H%M%S}",
                        f"DTSTART;TZID={zone}:{gone:%Y%m%dT%H%M%S}",
                        f"DTEND;TZID={zone}:{gone + timedelta(hours=1):%Y%m%dT%H%M%S}",
                    ]
                )
            )
            made += 3
        else:
            parts.append(
                vevent([*common, f"SUMMARY:Clinic {number}", "LOCATION:Room 1"])
            )
            made += 1
        number += 1
    parts.append("END:VCALENDAR\r\n")
    return "".join(parts).encode()


def preview_times(raw: bytes, runs: int) -> tuple[list[float], int, str]:
    from community import create_app
    from community.extensions import db
    from config import TestConfig
    from tests.factories import make_community, make_membership, make_user

    folder = tempfile.mkdtemp(prefix="bench-import-")

    class BenchConfig(TestConfig):
        SQLALCHEMY_DATABASE_URI = f"sqlite:///{Path(folder) / 'bench.db'}"
        SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}

    app = create_app(BenchConfig)
    with app.app_context():
        db.create_all()
        community = make_community(slug="bench")
        person = make_user()
        make_membership(person, community, role="organiser")
        session_id = person.get_id()
    client = app.test_client()
    with client.session_transaction() as session:
        session["_user_id"] = session_id
    times, cpu, status, size = [], [], 0, ""
    for _ in range(runs):
        began, began_cpu = time.perf_counter(), time.process_time()
        response = client.post(
            "/c/bench/events/import",
            data={"file": (io.BytesIO(raw), "big.ics")},
            content_type="multipart/form-data",
        )
        times.append(time.perf_counter() - began)
        cpu.append(time.process_time() - began_cpu)
        status = response.status_code
        size = f"{len(response.data) / 1024:.0f} KB"
    return times, cpu, status, size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    options = parser.parse_args()
    raw = big_calendar(options.events)
    times, cpu, status, size = preview_times(raw, options.runs)
    print(f"file: {options.events} VEVENTs, {len(raw) / 1024 / 1024:.2f} MB")
    print(f"preview: HTTP {status}, page {size}")
    print(
        f"median {statistics.median(times):.2f} s over {options.runs} runs "
        f"(min {min(times):.2f} s, max {max(times):.2f} s); "
        f"CPU median {statistics.median(cpu):.2f} s (other load aside)"
    )


if __name__ == "__main__":
    main()
