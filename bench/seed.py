"""The benchmark data set: bulk inserts (SQLAlchemy Core) from a fixed random seed.

Seeders are registered in SEEDERS with the tables they need; a seeder whose
tables do not exist yet (its feature has not landed) is skipped, so a feature
adds its data with one decorated function, for example:

    @seeder("threads", "threads", "posts")   # name, then the tables it needs
    def seed_threads(ctx: SeedContext) -> int:
        rows = [...]                           # dicts with explicit "id"s
        ctx.insert("threads", rows)            # chunked executemany
        ctx.targets["thread_300"] = str(long_thread_id)
        return len(rows)

Rows get explicit ids (1..n) so later seeders refer to them without reading
back (ctx.ids["users"], ctx.ids["communities"]); reset_sequences() then moves
PostgreSQL's sequences past them. Use ctx.rng (seeded) for every choice and
bench.content for text (markdown_post, reply_parents, title). Data written
behind the ORM's back skips ORM events: a seeder must fill counters and cached
HTML itself, and the search seeder must (re)build its index after the rows.

ctx.targets holds the variable parts of the URLs in bench/run.py's PAGES.
Threads, posts, events and RSVPs are seeded in bench/seed_content.py and the
search index in bench/seed_search.py; bench/seeding.py holds the registry and
runs every seeder in its ORDER. Importing this module registers them all.
"""

from datetime import timedelta

from sqlalchemy import Connection, MetaData, bindparam, func, inspect, select
from werkzeug.security import generate_password_hash

from bench import (  # noqa: F401 - seeders register
    content,
    seed_content,
    seed_dpgs,
    seed_search,
)
from bench.content import (
    COUNTRIES,
    FIRST_NAMES,
    KINDS,
    LAST_NAMES,
    TIME_ZONES,
    paragraph,
    sentence,
)
from bench.seeding import (  # noqa: F401 - the public names of bench.seed
    BENCH_PASSWORD,
    BENCH_USERNAME,
    FULL,
    QUICK,
    RANDOM_SEED,
    SEEDERS,
    TINY,
    SeedContext,
    Seeder,
    SeedReport,
    Sizes,
    cache_key,
    community_names,
    seed,
    seeder,
)
from community.text import render_markdown

# --- seeders for the tables that exist now ---------------------------------


@seeder("users", "users")
def seed_users(ctx: SeedContext) -> int:
    # scrypt is slow on purpose: every account shares one hash of BENCH_PASSWORD.
    password_hash = generate_password_hash(BENCH_PASSWORD, method="scrypt")
    rows = [
        user_row(ctx, number, password_hash) for number in range(1, ctx.sizes.users + 1)
    ]
    ctx.ids["users"] = [row["id"] for row in rows]
    ctx.names = {row["id"]: row["display_name"] for row in rows}
    ctx.targets["profile_username"] = BENCH_USERNAME
    ctx.targets["calendar_token"] = rows[0]["calendar_token"]
    return ctx.insert("users", rows)


def user_row(ctx: SeedContext, number: int, password_hash: str) -> dict:
    """User number 1 is the bench account the logged-in pages use."""
    username = BENCH_USERNAME if number == 1 else f"user{number:05d}"
    first, last = ctx.rng.choice(FIRST_NAMES), ctx.rng.choice(LAST_NAMES)
    return {
        "id": number,
        "email": f"{username}@bench.invalid",
        "username": username,
        "username_key": username,
        "display_name": f"{first} {last}",
        "organisation": f"Ministry {number % 97}",
        "country": ctx.rng.choice(COUNTRIES),
        "kind": ctx.rng.choice(KINDS),
        "timezone": ctx.rng.choice(TIME_ZONES),
        "bio_source": "",
        "bio_html": "",
        "site_role": "member",
        "is_editor": number % 500 == 2,
        "password_hash": password_hash,
        "email_confirmed_at": ctx.now - timedelta(days=number % 400),
        "email_frequency": "never",
        "calendar_token": f"bench{ctx.rng.getrandbits(160):040x}",
        "suspended_reason": "",
        "created_at": ctx.now - timedelta(days=number % 400, minutes=1),
    }


@seeder("communities", "communities")
def seed_communities(ctx: SeedContext) -> int:
    rows = []
    names = community_names(ctx.sizes)
    # The first extras ("Government peers", ...) are the members-only ones.
    members_only = {slug for slug, _ in names[3 : 3 + ctx.sizes.members_only]}
    for number, (slug, name) in enumerate(names, start=1):
        source = f"{paragraph(ctx.rng)}\n\n- {sentence(ctx.rng)}\n- {sentence(ctx.rng)}"
        rows.append(
            {
                "id": number,
                "slug": slug,
                "name": name,
                "purpose": sentence(ctx.rng, 10)[:200],
                "description_source": source,
                "description_html": str(render_markdown(source)),
                "visibility": "members" if slug in members_only else "public",
                "join_policy": "approval" if slug in members_only else "open",
                "member_count": 0,
                "created_at": ctx.now - timedelta(days=500 - number),
            }
        )
    ctx.ids["communities"] = [row["id"] for row in rows]
    ctx.ids["members_only_communities"] = [
        row["id"] for row in rows if row["visibility"] == "members"
    ]
    ctx.targets["community_slug"] = "govstack"
    ctx.targets["members_only_slug"] = sorted(members_only)[0] if members_only else ""
    return ctx.insert("communities", rows)


@seeder("memberships", "users", "communities", "memberships")
def seed_memberships(ctx: SeedContext) -> int:
    communities = ctx.ids["communities"]
    popular = communities[:3] * 4 + communities  # the seeded three draw most people
    rows = []
    for user_id in ctx.ids["users"]:
        if user_id == 1:  # the bench account belongs everywhere
            chosen = set(communities)
        else:
            wanted = ctx.rng.randint(1, 2 * ctx.sizes.memberships_per_user - 1)
            chosen = {ctx.rng.choice(popular) for _ in range(wanted)}
        for community_id in sorted(chosen):
            rows.append(membership_row(ctx, len(rows) + 1, user_id, community_id))
    counts: dict[int, int] = {}
    for row in rows:
        if row["status"] == "active":
            counts[row["community_id"]] = counts.get(row["community_id"], 0) + 1
    inserted = ctx.insert("memberships", rows)
    table = ctx.metadata.tables["communities"]
    for community_id, count in counts.items():
        ctx.connection.execute(
            table.update().where(table.c.id == community_id).values(member_count=count)
        )
    return inserted


def membership_row(ctx: SeedContext, row_id: int, user_id: int, community_id: int):
    draw = ctx.rng.random()
    pending = community_id in ctx.ids["members_only_communities"] and draw < 0.1
    role = "moderator" if draw > 0.995 else "organiser" if draw > 0.98 else "member"
    if user_id == 1:
        pending, role = False, "member"
    return {
        "id": row_id,
        "community_id": community_id,
        "user_id": user_id,
        "role": role,
        "status": "pending" if pending else "active",
        "request_message": "",
        "created_at": ctx.now - timedelta(days=ctx.rng.randint(1, 400)),
    }


NOTIFICATION_KINDS = ("reply", "mention", "membership", "event_reminder")


@seeder("notifications", "users", "notifications")
def seed_notifications(ctx: SeedContext) -> int:
    slugs = [slug for slug, _ in community_names(ctx.sizes)]
    rows = []
    for user_id in ctx.ids["users"]:
        count = ctx.sizes.bench_notifications if user_id == 1 else None
        if count is None:
            count = ctx.rng.randint(0, 2 * ctx.sizes.notifications_per_user)
        for number in range(count):
            created = ctx.now - timedelta(hours=ctx.rng.randint(1, 24 * 60))
            rows.append(
                {
                    "id": len(rows) + 1,
                    "user_id": user_id,
                    "kind": ctx.rng.choice(NOTIFICATION_KINDS),
                    "message": f"{sentence(ctx.rng, 9)}"[:500],
                    "url": f"/c/{ctx.rng.choice(slugs)}",
                    "created_at": created,
                    "read_at": created + timedelta(hours=1) if number % 3 else None,
                }
            )
    return ctx.insert("notifications", rows)


def row_counts(connection: Connection, metadata: MetaData) -> dict[str, int]:
    existing = set(inspect(connection).get_table_names())
    return {
        name: connection.scalar(select(func.count()).select_from(table))
        for name, table in metadata.tables.items()
        if name in existing
    }


# --- learnings (issue 6) -------------------------------------------------------

LESSON_SECTORS = (
    "identity",
    "payments",
    "data-exchange",
    "civil-registration",
    "health",
    "education",
    "agriculture",
    "social-protection",
    "other",
)
LESSON_STAGES = ("idea", "pilot", "scaling", "national-rollout")
LESSON_TABLES = (
    "lessons",
    "lesson_versions",
    "lesson_version_countries",
)


@seeder("lessons", "users", "communities", *LESSON_TABLES)
def seed_lessons(ctx: SeedContext) -> int:
    """Lessons with one version each; one in ten is an unpublished draft."""
    from community.countries import country_region

    # The DPGs a lesson names come with the catalogue (bench/seed_dpgs.py).
    lessons, versions, places, pointers = [], [], [], []
    for number in range(1, ctx.sizes.lessons + 1):
        published = number % 10 != 0
        when = ctx.now - timedelta(hours=number * 3)
        lessons.append(lesson_row(ctx, number, published, when))
        versions.append(lesson_version_row(ctx, number, published, when))
        codes = ctx.rng.sample(COUNTRIES, ctx.rng.randint(1, 2))
        places += [
            {"version_id": number, "code": code, "region": country_region(code)}
            for code in codes
        ]
        pointer = "published_version_id" if published else "working_version_id"
        pointers.append({"lesson": number, pointer: number})
    ctx.insert("lessons", lessons)
    ctx.insert("lesson_versions", versions)
    ctx.insert("lesson_version_countries", places)
    table = ctx.metadata.tables["lessons"]
    for column in ("published_version_id", "working_version_id"):
        rows = [
            {"lesson": row["lesson"], "version": row[column]}
            for row in pointers
            if column in row
        ]
        if rows:
            ctx.connection.execute(
                table.update()
                .where(table.c.id == bindparam("lesson"))
                .values({column: bindparam("version")}),
                rows,
            )
    ctx.targets["lesson_facets"] = "region=Africa&sector=health&dpg=mosip"
    return len(lessons)


def lesson_row(ctx: SeedContext, number: int, published: bool, when) -> dict:
    return {
        "id": number,
        "slug": f"bench-lesson-{number}",
        "status": "published" if published else "draft",
        "author_id": ctx.rng.choice(ctx.ids["users"]),
        "community_id": ctx.rng.choice(ctx.ids["communities"] + [None] * 10),
        "created_at": when - timedelta(days=7),
        "first_published_at": when if published else None,
        "published_at": when if published else None,
    }


def lesson_version_row(ctx: SeedContext, number: int, published: bool, when) -> dict:
    row = {
        "id": number,
        "lesson_id": number,
        "number": 1,
        "title": content.title(ctx.rng)[:200],
        "summary": sentence(ctx.rng, 20)[:300],
        "pilot_name": f"Pilot {number}",
        "sector": ctx.rng.choice(LESSON_SECTORS),
        "stage": ctx.rng.choice(LESSON_STAGES),
        "year": 2018 + number % 8,
        "authors": f"{ctx.rng.choice(FIRST_NAMES)} {ctx.rng.choice(LAST_NAMES)}",
        "organisation": f"Ministry {number % 97}",
        "evidence_links": "https://example.org/report",
        "change_note": "",
        "created_by_id": None,
        "created_at": when - timedelta(days=7),
        "submitted_at": when if published else None,
        "published_at": when if published else None,
    }
    for prefix in ("context", "done", "learned", "recommendations"):
        source = paragraph(ctx.rng)
        row[f"{prefix}_source"] = source
        row[f"{prefix}_html"] = str(render_markdown(source))
    return row
