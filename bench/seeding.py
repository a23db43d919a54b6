"""The benchmark seeding machinery: sizes, the context, the seeder registry.

The seeders themselves live in bench/seed.py (accounts, communities, lessons),
bench/seed_content.py (threads, events), bench/seed_dpgs.py (the DPG catalogue
and its links) and bench/seed_search.py (the index);
they import this module, never each other, and run in ORDER.
"""

import hashlib
import inspect as inspect_module
import json
import random
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path

from sqlalchemy import Connection, MetaData, inspect, text

from bench import content
from bench.content import MORE_COMMUNITIES, SEEDED_COMMUNITIES
from community.timezones import utcnow

SEED_VERSION = 3  # bump when a seeder changes what it writes (new cache key)
RANDOM_SEED = 20261127
BENCH_USERNAME = "bench"
BENCH_PASSWORD = "bench-password-2026"  # noqa: S105 - local benchmark account
CHUNK = 5000


@dataclass(frozen=True)
class Sizes:
    users: int = 10_000
    extra_communities: int = 22  # plus the three seeded ones
    members_only: int = 3
    memberships_per_user: int = 3
    notifications_per_user: int = 5
    bench_notifications: int = 120
    # For the seeders that land with their features:
    threads: int = 20_000
    posts: int = 200_000
    long_thread_posts: int = 300
    events: int = 5_000
    recurring_events: int = 500
    feed_events: int = 1_000  # events in the community whose feed is measured
    rsvps: int = 50_000
    lessons: int = 2_000


FULL = Sizes()
QUICK = Sizes(
    users=1_000,
    notifications_per_user=2,
    threads=500,
    posts=5_000,
    events=1_200,
    recurring_events=100,
    rsvps=2_000,
    lessons=200,
)
TINY = Sizes(
    users=20,
    extra_communities=4,
    members_only=1,
    memberships_per_user=2,
    notifications_per_user=1,
    bench_notifications=5,
    threads=5,
    posts=40,
    long_thread_posts=20,
    events=20,
    recurring_events=2,
    feed_events=10,
    rsvps=30,
    lessons=5,
)


@dataclass
class SeedContext:
    connection: Connection
    metadata: MetaData
    sizes: Sizes
    rng: random.Random = field(default_factory=lambda: random.Random(RANDOM_SEED))
    now: datetime = field(default_factory=utcnow)
    ids: dict[str, list[int]] = field(default_factory=dict)
    targets: dict[str, str] = field(default_factory=dict)
    names: dict[int, str] = field(default_factory=dict)  # user id -> display name
    # What one seeder hands to a later one (the search seeder reads these).
    documents: dict[str, list[dict]] = field(default_factory=dict)

    def insert(self, table_name: str, rows: list[dict]) -> int:
        """Insert many rows in chunks (executemany); returns how many."""
        table = self.metadata.tables[table_name]
        for start in range(0, len(rows), CHUNK):
            self.connection.execute(table.insert(), rows[start : start + CHUNK])
        return len(rows)


@dataclass(frozen=True)
class Seeder:
    name: str
    tables: tuple[str, ...]
    function: Callable[[SeedContext], int]


@dataclass
class SeedReport:
    rows: dict[str, int] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)
    skipped: list[str] = field(default_factory=list)
    targets: dict[str, str] = field(default_factory=dict)

    @property
    def total_seconds(self) -> float:
        return round(sum(self.seconds.values()), 2)

    def as_dict(self) -> dict:
        return asdict(self) | {"total_seconds": self.total_seconds}


SEEDERS: list[Seeder] = []


def seeder(name: str, *tables: str) -> Callable:
    """Register fn(ctx) -> rows inserted; it runs only when all tables exist."""

    def register(function: Callable[[SeedContext], int]) -> Callable:
        SEEDERS.append(Seeder(name, tables, function))
        return function

    return register


def active_seeders(table_names: set[str]) -> list[Seeder]:
    return [item for item in ordered(SEEDERS) if set(item.tables) <= table_names]


def cache_key(sizes: Sizes, metadata: MetaData) -> str:
    """Changes with the seed version, the sizes, the schema, the seeders run and
    their source files, so an edited seeder never restores stale data."""
    # Indexes too: a restored dump keeps the indexes it was made with, so a new
    # index would otherwise never reach the measured database.
    schema = {
        name: sorted(column.name for column in table.columns)
        + sorted(str(index.name) for index in table.indexes)
        for name, table in sorted(metadata.tables.items())
    }
    seeders = active_seeders(set(metadata.tables))
    files = {inspect_module.getsourcefile(item.function) for item in seeders}
    files.add(content.__file__)
    sources = [hashlib.sha256(Path(name).read_bytes()).hexdigest() for name in files]
    names = [item.name for item in seeders]
    blob = json.dumps(
        [SEED_VERSION, asdict(sizes), schema, names, sorted(sources)], sort_keys=True
    )
    return f"v{SEED_VERSION}-" + hashlib.sha256(blob.encode()).hexdigest()[:12]


# The order seeders run in, by name: later ones read what earlier ones made
# (ids, documents), and the search index comes last. A seeder missing here
# runs after these, in registration order.
ORDER = (
    "users",
    "communities",
    "memberships",
    "notifications",
    "lessons",
    "threads",
    "events",
    "dpgs",
    "organisations",
    "search",
)


def ordered(seeders: list[Seeder]) -> list[Seeder]:
    rank = {name: number for number, name in enumerate(ORDER)}
    return sorted(seeders, key=lambda item: rank.get(item.name, len(ORDER)))


def seed(connection: Connection, metadata: MetaData, sizes: Sizes) -> SeedReport:
    """Run every seeder whose tables exist, in ORDER."""
    existing = set(inspect(connection).get_table_names())
    ctx = SeedContext(connection, metadata, sizes)
    report = SeedReport()
    for item in ordered(SEEDERS):
        if not set(item.tables) <= existing:
            report.skipped.append(item.name)
            continue
        started = time.perf_counter()
        try:
            report.rows[item.name] = item.function(ctx)
        except Exception as error:  # name the seeder; the transaction rolls back
            raise RuntimeError(f"bench seeder {item.name!r} failed: {error}") from error
        report.seconds[item.name] = round(time.perf_counter() - started, 2)
    reset_sequences(connection, metadata, existing)
    report.targets = dict(ctx.targets)
    return report


def reset_sequences(connection: Connection, metadata: MetaData, existing: set) -> None:
    if connection.dialect.name != "postgresql":
        return  # SQLite continues after the largest rowid by itself
    for name in sorted(existing & set(metadata.tables)):
        if "id" not in metadata.tables[name].columns:
            continue
        connection.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), "
                f"COALESCE((SELECT MAX(id) FROM {name}), 0) + 1, false)"
            )
        )


def community_names(sizes: Sizes) -> list[tuple[str, str]]:
    extra = [
        (name.lower().replace(" ", "-"), name)
        for name in MORE_COMMUNITIES[: sizes.extra_communities]
    ]
    return list(SEEDED_COMMUNITIES) + extra
