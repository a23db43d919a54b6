"""A seeded benchmark database on SQLite or PostgreSQL, restored from bench/cache/.

The first run for a given cache key (seed version + sizes + schema + seeders)
migrates an empty database with the project's own migrations, seeds it and
keeps a copy: the SQLite file itself, or a `pg_dump -Fc` archive. Later runs
copy or `pg_restore` that instead of seeding again.
"""

import json
import os
import shutil
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

from flask import Flask
from sqlalchemy import create_engine, make_url, text
from sqlalchemy.exc import OperationalError

from bench.seed import Sizes, cache_key, seed
from community import create_app
from community.extensions import db
from config import Config

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / "bench" / "cache"
DEFAULT_POSTGRES_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/bench_run"


@dataclass
class Prepared:
    kind: str
    url: str
    key: str
    restored: bool
    seconds: float  # this run's preparation: restoring or seeding
    seed: dict = field(default_factory=dict)  # the SeedReport of the original seeding

    @property
    def targets(self) -> dict[str, str]:
        return self.seed.get("targets", {})


def bench_app(url: str) -> Flask:
    # Config reads DATABASE_URL at import time, so pass the URL in a subclass.
    config = type("BenchSeedConfig", (Config,), {"SQLALCHEMY_DATABASE_URI": url})
    return create_app(config)


def migrate_and_seed(url: str, sizes: Sizes) -> dict:
    from flask_migrate import upgrade

    app = bench_app(url)
    with app.app_context():
        upgrade(directory=str(ROOT / "migrations"))
        with db.engine.begin() as connection:
            report = seed(connection, db.metadata, sizes)
        db.engine.dispose()
    return report.as_dict()


def key_for(sizes: Sizes, url: str) -> str:
    app = bench_app(url)
    with app.app_context():
        return cache_key(sizes, db.metadata)


def prepare(kind: str, sizes: Sizes, log=print) -> Prepared:
    started = time.perf_counter()
    CACHE.mkdir(parents=True, exist_ok=True)
    if kind == "sqlite":
        prepared = prepare_sqlite(sizes, log)
    else:
        prepared = prepare_postgresql(sizes, log)
    prepared.seconds = round(time.perf_counter() - started, 2)
    return prepared


def prepare_sqlite(sizes: Sizes, log) -> Prepared:
    working = CACHE / "run-sqlite.db"
    url = f"sqlite:///{working}"
    key = key_for(sizes, url)
    cached, report_file = CACHE / f"{key}.sqlite", CACHE / f"{key}.sqlite.json"
    restored = cached.exists() and report_file.exists()
    if not restored:
        log(f"sqlite: seeding a new data set ({key})...")
        building = CACHE / "building-sqlite.db"
        building.unlink(missing_ok=True)
        report = migrate_and_seed(f"sqlite:///{building}", sizes)
        shutil.move(building, cached)
        report_file.write_text(json.dumps(report, indent=1))
    else:
        log(f"sqlite: restoring cached data set {cached.name}")
    working.unlink(missing_ok=True)
    shutil.copyfile(cached, working)
    report = json.loads(report_file.read_text())
    return Prepared("sqlite", url, key, restored, 0.0, report)


def postgres_url() -> str:
    return os.environ.get("BENCH_POSTGRES_URL", DEFAULT_POSTGRES_URL)


def postgres_reachable() -> bool:
    engine = create_engine(make_url(postgres_url()).set(database="postgres"))
    try:
        with engine.connect():
            return True
    except OperationalError:
        return False
    finally:
        engine.dispose()


def pg_env_and_args(url: str) -> tuple[dict, list[str]]:
    parsed = make_url(url)
    env = dict(os.environ)
    if parsed.password:
        env["PGPASSWORD"] = parsed.password
    args = ["-h", parsed.host or "127.0.0.1", "-p", str(parsed.port or 5432)]
    args += ["-U", parsed.username or "postgres", "-d", parsed.database]
    return env, args


def recreate_database(url: str, drop_only: bool = False) -> None:
    parsed = make_url(url)
    name = parsed.database
    if not name or not name.startswith("bench"):
        raise SystemExit(f"refusing to recreate {name!r}: use a database named bench*")
    admin = create_engine(parsed.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        if not drop_only:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()


def prepare_postgresql(sizes: Sizes, log) -> Prepared:
    url = postgres_url()
    recreate_database(url)
    key = key_for(sizes, url)
    dump, report_file = CACHE / f"{key}.pgdump", CACHE / f"{key}.pgdump.json"
    env, args = pg_env_and_args(url)
    restored = dump.exists() and report_file.exists()
    if restored:
        log(f"postgresql: restoring cached data set {dump.name}")
        subprocess.run(
            ["pg_restore", "--no-owner", "--exit-on-error", *args, str(dump)],
            env=env,
            check=True,
        )
    else:
        log(f"postgresql: seeding a new data set ({key})...")
        report = migrate_and_seed(url, sizes)
        subprocess.run(["pg_dump", "-Fc", "-f", str(dump), *args], env=env, check=True)
        report_file.write_text(json.dumps(report, indent=1))
    # VACUUM too: a freshly seeded database leaves the GIN indexes' pending
    # lists full (bulk inserts), which every full-text query then scans; a
    # restored one has none, and neither has a server autovacuum has visited.
    subprocess.run(["psql", "-q", "-c", "VACUUM ANALYZE", *args], env=env, check=True)
    report = json.loads(report_file.read_text())
    return Prepared("postgresql", url, key, restored, 0.0, report)


def discard(prepared: Prepared) -> None:
    """Drop the working database (the cache stays)."""
    if prepared.kind == "postgresql":
        recreate_database(prepared.url, drop_only=True)
    else:
        Path(make_url(prepared.url).database).unlink(missing_ok=True)
