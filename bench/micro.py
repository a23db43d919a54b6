"""Micro-benchmarks of the hot pure-Python paths (timeit), outside the server.

    python -m bench.micro            # or: make bench-micro

Each benchmark is a function in MICRO registered with the module it needs; it
returns the callable to time (setup happens before). One whose module has not
landed yet, or whose function it calls is not there, reports "n/a (not built)".
The feed and recurrence hooks run against a temporary SQLite database seeded
with the QUICK data set (whose feed community holds 1,000 events).
"""

import importlib.util
import random
import statistics
import sys
import tempfile
import timeit
from collections.abc import Callable
from pathlib import Path

from bench.content import markdown_post
from bench.seed import QUICK, RANDOM_SEED

MICRO: list[tuple[str, str, Callable]] = []
NOT_BUILT = "n/a (not built)"


def micro(name: str, requires: str) -> Callable:
    def register(function: Callable) -> Callable:
        MICRO.append((name, requires, function))
        return function

    return register


def post_source(length: int = 2000) -> str:
    source = markdown_post(random.Random(RANDOM_SEED), length, length)
    return source.ljust(length, ".")[:length]


@micro("render a 2,000-character Markdown post", "community.text")
def render_post(targets: dict) -> Callable:
    from community.text import render_markdown

    source = post_source()
    return lambda: render_markdown(source)


@micro("build a 1,000-event community feed", "community.events")
def build_feed(targets: dict) -> Callable:
    """What /c/<slug>/events.ics does after its 304 check: query and iCalendar."""
    from community.communities.permissions import get_community_or_404
    from community.events import feed_content, ical
    from community.events.models import Event
    from community.timezones import utcnow

    community = get_community_or_404(targets["feed_community_slug"])
    condition = Event.community_id == community.id

    def build() -> bytes:  # the feed view's own build, without its body cache
        rows = feed_content.community_rows(condition, utcnow())
        events = feed_content.described(rows)
        return ical.build_calendar(events, community.name, feed_content.load_events)

    return build


@micro("expand a recurring series (whole series)", "community.events")
def expand_series(targets: dict) -> Callable:
    from community.events import recurrence
    from community.events.models import Event
    from community.extensions import db

    event = db.session.get(Event, int(targets["recurring_event_id"]))
    return lambda: recurrence.expand(event)


def time_call(function: Callable, repeat: int = 5) -> dict:
    timer = timeit.Timer(function)
    number, _ = timer.autorange()
    runs = [total / number * 1000 for total in timer.repeat(repeat, number)]
    return {
        "best_ms": round(min(runs), 3),
        "median_ms": round(statistics.median(runs), 3),
        "loops": number,
    }


def run_one(name: str, requires: str, function: Callable, targets: dict) -> dict:
    if importlib.util.find_spec(requires) is None:
        return {"name": name, "result": NOT_BUILT}
    try:
        call = function(targets)
    except (ImportError, AttributeError, KeyError) as missing:
        return {"name": name, "result": f"{NOT_BUILT}: {missing}"}
    return {"name": name, "result": "ok", **time_call(call)}


def main() -> int:
    from bench.database import bench_app, migrate_and_seed

    with tempfile.TemporaryDirectory(prefix="bench-micro-") as folder:
        url = f"sqlite:///{Path(folder) / 'micro.db'}"
        targets = migrate_and_seed(url, QUICK)["targets"]
        app = bench_app(url)
        with app.test_request_context("/"):
            results = [run_one(*entry, targets) for entry in MICRO]
    for row in results:
        if row["result"] == "ok":
            print(
                f"{row['name']:<45} best {row['best_ms']:>9.3f} ms"
                f"  median {row['median_ms']:>9.3f} ms  ({row['loops']} loops)"
            )
        else:
            print(f"{row['name']:<45} {row['result']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
