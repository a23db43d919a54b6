"""Seeders for discussions, events and the search index (see bench/seed.py).

Rows are built in memory and bulk-inserted, exactly as the services would
leave them: posts carry the materialised `path`, `branch_id` and `depth` that
discussions/posting.py builds, threads their reply_count / last_post_id /
last_activity_at, events the instants and series end scheduling.py derives,
and going_count matches the "going" RSVPs (never above capacity; the rest wait
in line). Markdown is rendered ONCE for a pool of distinct bodies that every
post and event reuses. Each seeder leaves its search documents (built with the
feature's own document_of()) in ctx.documents for bench/seed_search.py.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta
from types import SimpleNamespace

from bench import content
from bench.seeding import SeedContext, seeder
from community.text import render_markdown

BODY_POOL = 240  # distinct Markdown bodies, each rendered once
PATH_WIDTH = 10  # community.discussions.models.PATH_WIDTH
RECURRING_FREQUENCIES = ("weekly", "weekly", "weekly", "monthly", "daily")
EVENT_TYPES = ("forum", "webinar", "workshop", "meeting", "other")


@dataclass(frozen=True)
class Body:
    source: str
    html: str


def body_pool(ctx: SeedContext, size: int = BODY_POOL) -> list[Body]:
    """Distinct 200-2,000 character posts rendered once, shared by every seeder."""
    pool = ctx.documents.get("_bodies")
    if pool is None:
        sources = [content.markdown_post(ctx.rng) for _ in range(size)]
        pool = [Body(source, str(render_markdown(source))) for source in sources]
        ctx.documents["_bodies"] = pool
    return pool


# --- discussions (issue 4) -----------------------------------------------------


def posts_per_thread(ctx: SeedContext) -> list[int]:
    """Post counts (opening post included): the first thread is the long one."""
    sizes = ctx.sizes
    others = sizes.threads - 1
    spare = sizes.posts - sizes.long_thread_posts - others  # beyond one post each
    weights = [ctx.rng.random() ** 2 for _ in range(others)]
    scale = spare / (sum(weights) or 1)
    counts = [1 + int(weight * scale) for weight in weights]
    for index in range(sizes.posts - sizes.long_thread_posts - sum(counts)):
        counts[index % others] += 1  # the rounding remainder
    return [sizes.long_thread_posts, *counts]


def thread_community(ctx: SeedContext, number: int) -> int:
    communities = ctx.ids["communities"]
    if number == 1:
        return communities[0]  # govstack: the measured long thread is public
    return ctx.rng.choice(communities[:3] * 3 + communities)


@seeder("threads", "users", "communities", "threads", "posts")
def seed_threads(ctx: SeedContext) -> int:
    pool = body_pool(ctx)
    threads, posts, documents = [], [], []
    start = ctx.now - timedelta(days=365)
    for number, count in enumerate(posts_per_thread(ctx), start=1):
        opened = start + timedelta(minutes=number * 20)
        thread = thread_row(ctx, number, opened)
        made = thread_posts(ctx, thread, count, len(posts) + 1, pool)
        last = made[-1]
        thread["reply_count"] = count - 1
        thread["last_post_id"] = last["id"]
        thread["last_activity_at"] = last["created_at"]
        if thread["kind"] == "question" and count > 1 and number % 3 == 0:
            thread["accepted_post_id"] = made[1]["id"]
        threads.append(thread)
        posts.extend(made)
        documents.extend(thread_documents(thread, made))
    ctx.insert("threads", threads)
    ctx.insert("posts", posts)
    ctx.documents["thread"] = documents
    ctx.targets["thread_300"] = str(threads[0]["id"])
    return len(posts)


def thread_row(ctx: SeedContext, number: int, opened: datetime) -> dict:
    from community.discussions.posting import slugify

    title = content.title(ctx.rng)
    author = ctx.rng.choice(ctx.ids["users"])
    return {
        "id": number,
        "community_id": thread_community(ctx, number),
        "author_id": author,
        "author_name": ctx.names[author],
        "title": title,
        "slug": slugify(title),
        "kind": "question" if ctx.rng.random() < 0.3 else "discussion",
        "is_pinned": number % 997 == 0,
        "is_locked": False,
        "is_hidden": False,
        "accepted_post_id": None,
        "vote_count": 0,
        "created_at": opened,
    }


def thread_posts(
    ctx: SeedContext, thread: dict, count: int, first_id: int, pool: list[Body]
) -> list[dict]:
    """The opening post and its replies, as posting.start_thread/reply build them."""
    rows: list[dict] = []
    for index, parent in enumerate(content.reply_parents(ctx.rng, count)):
        post_id = first_id + index
        body = ctx.rng.choice(pool)
        author = ctx.rng.choice(ctx.ids["users"])
        row = {
            "id": post_id,
            "thread_id": thread["id"],
            "author_id": author,
            "author_name": ctx.names[author],
            "body_source": body.source,
            "body_html": body.html,
            "vote_count": 0,
            "version": 1,
            "idempotency_key": None,
            "created_at": thread["created_at"] + timedelta(minutes=7 * index),
            "edited_at": None,
            "deleted_at": None,
            "hidden_at": None,
            "hidden_reason": "",
        }
        own = f"{post_id:0{PATH_WIDTH}d}"
        if parent is None:
            row |= {"parent_id": None, "depth": 0, "path": own, "branch_id": None}
        else:
            up = rows[parent]
            depth = up["depth"] + 1
            row |= {
                "parent_id": up["id"],
                "depth": depth,
                "path": up["path"] + own,
                "branch_id": post_id if depth == 1 else up["branch_id"],
            }
        rows.append(row)
    return rows


def thread_documents(thread: dict, posts: list[dict]) -> list[dict]:
    """The thread's document and one per reply, as discussions/indexing makes them."""
    from community.discussions.indexing import REPLY, document_of, reply_document_of

    view = SimpleNamespace(**thread, tags=[])
    found = [document_of(view, posts[0]["body_html"]) | {"kind": "thread"}]
    for post in posts[1:]:
        reply = SimpleNamespace(**post)
        found.append(reply_document_of(view, reply) | {"kind": REPLY})
    return found


# --- events (issue 5) ----------------------------------------------------------


def event_communities(ctx: SeedContext) -> tuple[int, list[int | None]]:
    """The feed community (public, second seeded one) and where the rest go."""
    communities = ctx.ids["communities"]
    feed = communities[1] if len(communities) > 1 else communities[0]
    others = [c for c in communities if c != feed] + [None, None]  # None: site-wide
    return feed, others


@seeder("events", "users", "communities", "events", "event_occurrences", "rsvps")
def seed_events(ctx: SeedContext) -> int:
    sizes = ctx.sizes
    pool = body_pool(ctx)
    feed, others = event_communities(ctx)
    recurring = set(ctx.rng.sample(range(1, sizes.events + 1), sizes.recurring_events))
    events = []
    for number in range(1, sizes.events + 1):
        community = feed if number <= sizes.feed_events else ctx.rng.choice(others)
        events.append(event_row(ctx, number, community, number in recurring, pool))
    dates = date_rows(events)
    rsvps = rsvp_rows(ctx, events, dates)  # counts seats before the rows go in
    ctx.insert("events", events)
    ctx.insert("event_occurrences", dates)
    ctx.insert("rsvps", rsvps)
    ctx.documents["event"] = [
        event_document(row) for row in events if row["status"] != "cancelled"
    ]
    public = [row for row in events if row["community_id"] == feed]
    one_off = next(row for row in public if not row["repeat_frequency"])
    series = [row for row in events if row["repeat_frequency"]]
    series_public = [row for row in series if row["community_id"] == feed] or series
    ctx.targets["event_id"] = str(one_off["id"])
    ctx.targets["recurring_event_id"] = str(series_public[0]["id"])
    ctx.targets["feed_community_slug"] = community_slugs(ctx)[feed]
    ctx.targets["month"] = f"{ctx.now.year}/{ctx.now.month}"
    return len(events)


def community_slugs(ctx: SeedContext) -> dict[int, str]:
    from bench.seeding import community_names

    return {
        number: slug
        for number, (slug, _) in enumerate(community_names(ctx.sizes), start=1)
    }


def event_row(
    ctx: SeedContext, number: int, community: int | None, recurring: bool, pool
) -> dict:
    from community.events import recurrence

    zone = content.TIME_ZONES[number % len(content.TIME_ZONES)]
    day = ctx.now.date() + timedelta(days=ctx.rng.randint(-60, 330))
    start_local = datetime(day.year, day.month, day.day, ctx.rng.randint(8, 17))
    end_local = start_local + timedelta(minutes=ctx.rng.choice((60, 90, 120)))
    organiser = ctx.rng.choice(ctx.ids["users"])
    body = ctx.rng.choice(pool)
    capacity = ctx.rng.choice((None, None, None, 10, 25, 50))
    cancelled = number % 97 == 0
    row = {
        "id": number,
        "uid": f"event-bench-{number:06d}@bench.invalid",
        "source_uid": None,
        "community_id": community,
        "organiser_id": organiser,
        "organiser_name": ctx.names[organiser],
        "title": f"{content.title(ctx.rng)}"[:200],
        "event_type": ctx.rng.choice(EVENT_TYPES),
        "description_source": body.source,
        "description_html": body.html,
        "timezone": zone,
        "all_day": False,
        "start_local": start_local,
        "end_local": end_local,
        "start_on": None,
        "end_on": None,
        "start_at": recurrence.to_utc(start_local, zone),
        "end_at": recurrence.to_utc(end_local, zone),
        "location": f"{content.sentence(ctx.rng, 3)[:-1]} hall, {zone.split('/')[-1]}",
        "online_url": "https://meet.example.org/bench" if number % 2 else "",
        "capacity": capacity,
        "rsvp_deadline_at": None,
        "repeat_frequency": "",
        "repeat_interval": 1,
        "repeat_weekdays": "",
        "repeat_monthly": "day",
        "repeat_count": None,
        "repeat_until_on": None,
        "sequence": 1 if cancelled else 0,
        "status": "cancelled" if cancelled else "confirmed",
        "cancelled_at": ctx.now - timedelta(days=1) if cancelled else None,
        "going_count": 0,
        "created_at": ctx.now - timedelta(days=90),
        "updated_at": ctx.now - timedelta(days=ctx.rng.randint(1, 80)),
    }
    if recurring:
        frequency = ctx.rng.choice(RECURRING_FREQUENCIES)
        row["repeat_frequency"] = frequency
        row["repeat_interval"] = ctx.rng.choice((1, 1, 2))
        row["repeat_count"] = {"daily": 20, "weekly": 26, "monthly": 12}[frequency]
    series = SimpleNamespace(**row, changes=[])
    row["series_end_at"] = recurrence.series_end(series)
    return row


def date_rows(events: list[dict]) -> list[dict]:
    """Every date of every event, as occurrence_rows.sync() would write them."""
    from community.events.occurrence_rows import wanted_rows

    rows = []
    for event in events:
        shape = SimpleNamespace(
            **event, changes=[], is_cancelled=event["status"] == "cancelled"
        )
        for values in wanted_rows(shape):
            rows.append(
                {"id": len(rows) + 1, "event_id": event["id"], "going_count": 0}
                | values
            )
    return rows


def rsvp_rows(ctx: SeedContext, events: list[dict], dates: list[dict]) -> list[dict]:
    """Distinct (event, person) answers for each event's first date; "going"
    stops at capacity, then a queue."""
    first_date = {}
    for row in dates:
        first_date.setdefault(row["event_id"], row)
    wanted = min(ctx.sizes.rsvps, len(events) * len(ctx.ids["users"]))
    chosen: set[tuple[int, int]] = set()
    while len(chosen) < wanted:
        event = ctx.rng.randrange(len(events))
        chosen.add((event, ctx.rng.choice(ctx.ids["users"])))
    rows = []
    for index, user in sorted(chosen):
        event = events[index]
        live = event["status"] != "cancelled"
        status, position = "not_going", 0
        if live and ctx.rng.random() < 0.85:
            full = event["capacity"] is not None and (
                event["going_count"] >= event["capacity"]
            )
            if full:
                event.setdefault("_queue", 0)
                event["_queue"] += 1
                status, position = "waitlisted", event["_queue"]
            else:
                event["going_count"] += 1
                first_date[event["id"]]["going_count"] += 1
                status = "going"
        when = event["created_at"] + timedelta(hours=ctx.rng.randint(1, 1000))
        rows.append(
            {
                "id": len(rows) + 1,
                "event_id": event["id"],
                "occurrence_id": first_date[event["id"]]["id"],
                "user_id": user,
                "status": status,
                "position": position,
                "created_at": when,
                "updated_at": when,
            }
        )
    for event in events:
        event.pop("_queue", None)
    return rows


def event_document(row: dict) -> dict:
    from community.events.indexing import document_of

    return document_of(SimpleNamespace(**row)) | {"kind": "event"}
