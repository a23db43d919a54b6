"""`make bench`: seed (or restore), serve with gunicorn, load each page with wrk.

    python -m bench.run [--quick] [--database sqlite|postgresql|both]
                        [--duration S] [--connections N] [--pages NAME,NAME]

Prints one table per database and writes bench/results/<timestamp>-<db>.json.
A page whose URL answers 404 (its feature has not landed) or whose seeded
target is missing is reported as "n/a (not built)".
"""

import argparse
import json
import platform
import sys
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote_plus

from bench.content import search_queries
from bench.database import Prepared, discard, postgres_reachable, prepare
from bench.load import fetch, login_cookie, probe, require_wrk, run_wrk
from bench.seed import BENCH_PASSWORD, BENCH_USERNAME, FULL, QUICK
from bench.serve import WORKERS, MemorySampler, Server

RESULTS = Path(__file__).resolve().parent / "results"
NOT_BUILT = "n/a (not built)"
WARM_UP_REQUESTS = 10  # templates compiled and caches filled in both workers
QUICK_WARM_UP_REQUESTS = 4  # --quick: slow pages (feeds) must not eat its 3 minutes


@dataclass(frozen=True)
class Page:
    key: str  # for --pages
    name: str  # in the table
    path: str  # str.format()ted with the seed's targets
    login: bool = False
    conditional: bool = False  # send If-None-Match with the page's ETag: expect 304
    headers: dict = field(default_factory=dict)
    # wrk connections for this page (default: --connections). The search
    # latency rows use one per worker: with 8 connections on 2 sync workers a
    # request waits for about three others, so p99 there is ~4x a search's time.
    connections: int | None = None
    # A different search each request ({query}: bench.content.search_queries),
    # so the result cache answers none of them.
    varied: bool = False


# One line per page. When a feature lands, its seeder in bench/seed.py sets the
# targets its URL needs; until then the page reports "n/a (not built)".
PAGES = [
    Page("ceiling", "ceiling (no database)", "/_bench/ceiling"),
    Page("healthz", "healthz", "/healthz"),
    Page("home", "home", "/"),
    Page("communities", "community list", "/c/"),
    Page("community", "community page", "/c/{community_slug}"),
    Page("profile", "profile", "/u/{profile_username}"),
    Page("login", "login page", "/auth/login"),
    Page("notifications", "notifications (logged in)", "/notifications/", login=True),
    Page("settings", "settings (logged in)", "/auth/settings", login=True),
    # Routes of discussions, events, learnings and search (targets from the seed):
    Page("thread", "thread, 300 posts", "/t/{thread_300}"),
    Page("thread-page-2", "thread, page 2", "/t/{thread_300}?page=2"),
    Page("agenda", "events agenda", "/events/"),
    Page("month", "events month view", "/events/month/{month}"),
    Page("event", "event page", "/events/{event_id}"),
    Page("event-ics", "event .ics", "/events/{event_id}.ics"),
    Page("feed", "feed, 1,000 events", "/c/{feed_community_slug}/events.ics"),
    Page(
        "feed-304",
        "feed, 1,000 events, 304",
        "/c/{feed_community_slug}/events.ics",
        conditional=True,
    ),
    Page("personal-feed", "personal feed", "/calendar/{calendar_token}.ics"),
    Page("lessons", "lessons, 3 facets", "/learnings/?{lesson_facets}"),
    Page("search", "search, two words", "/search?q={search_query}"),
    Page("dpg", "DPG page, 165 goods", "/dpgs/{dpg_slug}"),
    Page("map", "map of implementations", "/map"),
    Page("organisations", "organisation directory", "/organisations/"),
    Page("organisation", "organisation page", "/organisations/{organisation_slug}"),
    Page("roadmap", "roadmap, 50 activities", "/roadmap"),
    Page("activity", "roadmap activity", "/roadmap/{activity_slug}"),
    Page("search-rare", "search, rare word", "/search?q={search_rare_query}"),
    Page(
        "search-latency",
        "search, two words, 1 per worker",
        "/search?q={search_query}",
        connections=WORKERS,
    ),
    Page(
        "search-rare-latency",
        "search, rare word, 1 per worker",
        "/search?q={search_rare_query}",
        connections=WORKERS,
    ),
    # Issue 22: the busy pages signed in too (the bench account belongs to every
    # community and has unread notifications): never from the page cache.
    Page("home-in", "home (logged in)", "/", login=True),
    Page("communities-in", "community list (logged in)", "/c/", login=True),
    Page("community-in", "community page (logged in)", "/c/{community_slug}", True),
    Page("thread-in", "thread, 300 posts (logged in)", "/t/{thread_300}", True),
    Page(
        "thread-page-2-in",
        "thread, page 2 (logged in)",
        "/t/{thread_300}?page=2",
        login=True,
    ),
    Page(
        "lessons-in",
        "lessons, 3 facets (logged in)",
        "/learnings/?{lesson_facets}",
        True,
    ),
    Page(
        "search-in", "search, two words (logged in)", "/search?q={search_query}", True
    ),
    Page(
        "search-in-latency",
        "search, two words (logged in), 1 per worker",
        "/search?q={search_query}",
        login=True,
        connections=WORKERS,
    ),
    Page(
        "search-varied",
        "search, a new pair of words each time",
        "/search?q={query}",
        varied=True,
    ),
    Page(
        "search-varied-latency",
        "search, a new pair of words each time, 1 per worker",
        "/search?q={query}",
        connections=WORKERS,
        varied=True,
    ),
    Page(
        "search-varied-in-latency",
        "search, a new pair each time (logged in), 1 per worker",
        "/search?q={query}",
        login=True,
        connections=WORKERS,
        varied=True,
    ),
    Page("agenda-in", "events agenda (logged in)", "/events/", login=True),
    Page("month-in", "events month view (logged in)", "/events/month/{month}", True),
    Page("dpg-in", "DPG page (logged in)", "/dpgs/{dpg_slug}", login=True),
    Page("map-in", "map of implementations (logged in)", "/map", login=True),
    Page(
        "organisation-in",
        "organisation page (logged in)",
        "/organisations/{organisation_slug}",
        login=True,
    ),
]
CEILING = PAGES[0].name


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="small data, short runs")
    parser.add_argument(
        "--database", choices=("sqlite", "postgresql", "both"), default="both"
    )
    parser.add_argument("--duration", type=int, help="seconds per page (20; quick 2)")
    parser.add_argument("--connections", type=int, help="wrk connections (8; quick 4)")
    keys = ", ".join(page.key for page in PAGES)
    parser.add_argument("--pages", help=f"comma-separated, from: {keys}")
    parser.add_argument("--keep-database", action="store_true")
    args = parser.parse_args(argv)
    args.duration = args.duration or (2 if args.quick else 20)
    args.connections = args.connections or (4 if args.quick else 8)
    return args


def chosen_pages(selection: str | None) -> list[Page]:
    if not selection:
        return PAGES
    wanted = {key.strip() for key in selection.split(",")}
    unknown = wanted - {page.key for page in PAGES}
    if unknown:
        raise SystemExit(f"unknown pages: {', '.join(sorted(unknown))}")
    # The ceiling always runs: every ratio is taken against it.
    return [page for page in PAGES if page.key in wanted or page.name == CEILING]


def measure(server: Server, page: Page, targets: dict, cookie: str, args) -> dict:
    varied = [quote_plus(query) for query in search_queries()] if page.varied else []
    try:
        paths = [page.path.format(**targets, query=query) for query in varied]
        path = paths[0] if paths else page.path.format(**targets)
    except KeyError as missing:
        row = {"page": page.name, "key": page.key, "result": NOT_BUILT}
        return row | {"missing_target": str(missing)}
    url = server.base_url + path
    headers = dict(page.headers) | ({"Cookie": cookie} if page.login else {})
    first = probe(url, headers)
    row = {"page": page.name, "key": page.key, "path": path, "status": first.status}
    if first.status == 404:
        return row | {"result": NOT_BUILT}
    if first.status not in (200, 304):
        return row | {"result": f"status {first.status}"}  # nothing worth loading
    result = "ok"
    if page.conditional:
        if not first.etag:
            return row | {"result": "n/a (no ETag)"}
        headers["If-None-Match"] = first.etag  # as sent with gzip, like wrk asks
        first = probe(url, headers)
        row["status"] = first.gzip_status
        if first.gzip_status != 304:
            result = f"answered {first.gzip_status}, not 304"
    for _ in range(QUICK_WARM_UP_REQUESTS if args.quick else WARM_UP_REQUESTS):
        fetch(url, headers | {"Accept-Encoding": "gzip"})
    connections = page.connections or args.connections
    with MemorySampler(server) as memory:
        load = run_wrk(url, headers, args.duration, connections, paths[1:])
    return row | {
        "result": result,
        "connections": connections,
        "size_bytes": first.size,
        "gzip_bytes": first.gzip_size,
        "queries": first.queries,
        "peak_worker_rss_mb": round(memory.peak / 2**20, 1),
        **load,
    }


def add_ratios(rows: list[dict], ceiling_again: dict | None) -> float | None:
    """Ratios against the ceiling, averaged over its runs before and after the
    pages, so a machine that got busier half-way shows in both figures."""
    runs = [row["rps"] for row in rows if row["page"] == CEILING and "rps" in row]
    if ceiling_again and "rps" in ceiling_again:
        runs.append(ceiling_again["rps"])
    if not runs:
        return None
    ceiling = sum(runs) / len(runs)
    for row in rows:
        if "rps" in row:
            row["ratio_to_ceiling"] = round(row["rps"] / ceiling, 3)
    return round(ceiling, 1)


def run_database(kind: str, args, pages: list[Page]) -> dict:
    started_at = datetime.now(UTC).isoformat(timespec="seconds")
    prepared = prepare(kind, QUICK if args.quick else FULL)
    seeded = prepared.seed
    how = "restored from cache" if prepared.restored else "seeded"
    print(f"{kind}: {how} in {prepared.seconds}s", end="")
    print(f" (original seeding {seeded.get('total_seconds')}s)")
    try:
        with Server(prepared.url) as server:
            cookie = login_cookie(server.base_url, BENCH_USERNAME, BENCH_PASSWORD)
            rows = [
                measure(server, page, prepared.targets, cookie, args) for page in pages
            ]
            again = measure(server, PAGES[0], prepared.targets, cookie, args)
            worker_class = server.reported_worker_class
    finally:
        if not args.keep_database:
            discard(prepared)
    result = report(kind, args, prepared, worker_class, rows)
    result["started_at"] = started_at
    result["ceiling_rps"] = add_ratios(rows, again)
    result["ceiling_runs_rps"] = [rows[0].get("rps"), again.get("rps")]
    return result


def report(kind: str, args, prepared: Prepared, worker_class: str, rows) -> dict:
    return {
        "database": kind,
        "mode": "quick" if args.quick else "full",
        "duration_s": args.duration,
        "connections": args.connections,
        "server": {"workers": WORKERS, "worker_class": worker_class},
        "machine": machine(),
        "data": {
            "cache_key": prepared.key,
            "restored_from_cache": prepared.restored,
            "prepare_seconds": prepared.seconds,
            "seed": {k: v for k, v in prepared.seed.items() if k != "targets"},
        },
        "pages": rows,
    }


def machine() -> dict:
    cpu = ""
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    memory = Path("/proc/meminfo").read_text().split()[1]
    return {
        "cpu": cpu,
        "cores": len(__import__("os").sched_getaffinity(0)),
        "memory_gb": round(int(memory) / 2**20, 1),
        "python": platform.python_version(),
        "platform": platform.platform(),
    }


def format_table(result: dict) -> str:
    head = (
        f"{'page':<28} {'rps':>8} {'ratio':>6} {'p50 ms':>8} {'p99 ms':>8} "
        f"{'errors':>6} {'KB':>7} {'gz KB':>6} {'SQL':>4} {'RSS MB':>7}"
    )
    lines = [head, "-" * len(head)]
    for row in result["pages"]:
        if "rps" not in row:
            lines.append(f"{row['page']:<28} {row['result']}")
            continue
        queries = "" if row["queries"] is None else row["queries"]
        ratio = row.get("ratio_to_ceiling", 0)
        lines.append(
            f"{row['page']:<28} {row['rps']:>8.0f} {ratio:>6.2f}"
            f" {row['p50_ms']:>8.1f} {row['p99_ms']:>8.1f} {row['errors']:>6}"
            f" {row['size_bytes'] / 1024:>7.1f} {row['gzip_bytes'] / 1024:>6.1f}"
            f" {queries:>4} {row['peak_worker_rss_mb']:>7.1f}"
            + ("" if row["result"] == "ok" else f"  {row['result']}")
        )
    return "\n".join(lines)


def write_result(result: dict) -> Path:
    RESULTS.mkdir(exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    path = RESULTS / f"{stamp}-{result['database']}.json"
    path.write_text(json.dumps(result, indent=1))
    return path


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    require_wrk()
    pages = chosen_pages(args.pages)
    kinds = ["sqlite", "postgresql"] if args.database == "both" else [args.database]
    if "postgresql" in kinds and not postgres_reachable():
        raise SystemExit(
            "PostgreSQL is not reachable (BENCH_POSTGRES_URL): start it, "
            "or run with --database sqlite"
        )
    started = time.perf_counter()
    for kind in kinds:
        result = run_database(kind, args, pages)
        server = result["server"]
        print(
            f"\n== {kind}: gunicorn {server['workers']} x {server['worker_class']}, "
            f"wrk {args.connections} connections x {args.duration}s per page; "
            f"ceiling {result['ceiling_rps']} rps (runs: {result['ceiling_runs_rps']})"
        )
        print(format_table(result))
        print(f"-> {write_result(result).relative_to(RESULTS.parent.parent)}\n")
    print(f"bench finished in {time.perf_counter() - started:.0f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
