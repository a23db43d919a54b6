"""Restart PostgreSQL under a bounded load and report what visitors saw.

    .venv/bin/python -m bench.faults [--seconds 20] [--outage 4] [--kills 6]

Creates a scratch database, serves the app with gunicorn (2 workers) on
127.0.0.1, runs reader and writer threads against it, stops PostgreSQL for
--outage seconds in the middle, and reports: responses by status, any 500s
(there must be none: an outage answers 503 with Retry-After), the time from
the database being back to the first good answer, and whether every write the
app acknowledged (a 302 after registering: a pending registration) is in the
database afterwards. Then, for --kills seconds, it terminates the app's
connections every 0.15 s (pg_terminate_backend), so that some die between a
request's last query and its end, where a stop of the whole server rarely
lands.
Only 127.0.0.1 is contacted; every loop is bounded in time.
"""

import argparse
import collections
import json
import os
import re
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from http.cookiejar import CookieJar
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PG = "postgresql+psycopg://postgres@127.0.0.1:5432"
SERVER_LOG = ROOT / "bench" / "results" / "faults-server.log"  # git-ignored
TOKEN = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')


def cluster(action: str) -> None:
    version = sorted(os.listdir("/etc/postgresql"))[0]
    command = ["pg_ctlcluster", "--skip-systemctl-redirect", version, "main", action]
    subprocess.run(command, check=True, timeout=60)


def psql(sql: str) -> str:
    return psql_output("postgres", sql)


def request(opener, url: str, data: dict | None = None) -> tuple[int, str]:
    body = urllib.parse.urlencode(data).encode() if data is not None else None
    try:
        with opener.open(url, body, timeout=5) as response:
            return response.status, response.read().decode(errors="replace")
    except urllib.error.HTTPError as error:
        return error.code, ""
    except OSError:
        return 0, ""  # refused or reset: counted apart from HTTP answers


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Load:
    def __init__(self, base: str, until: float):
        self.base, self.until = base, until
        self.statuses: collections.Counter = collections.Counter()
        self.acknowledged: list[str] = []
        self.good_at: list[float] = []
        self.lock = threading.Lock()

    def note(self, status: int) -> None:
        with self.lock:
            self.statuses[status] += 1
            if status in (200, 302):
                self.good_at.append(time.monotonic())

    def reader(self) -> None:
        opener = urllib.request.build_opener(NoRedirect)
        while time.monotonic() < self.until:
            self.note(request(opener, self.base + "/c/")[0])

    def writer(self) -> None:
        while time.monotonic() < self.until:
            jar = urllib.request.HTTPCookieProcessor(CookieJar())
            opener = urllib.request.build_opener(jar, NoRedirect)
            status, page = request(opener, self.base + "/auth/register")
            self.note(status)
            token = TOKEN.search(page)
            if not token:
                time.sleep(0.1)
                continue
            name = "f" + uuid.uuid4().hex[:12]
            form = {
                "csrf_token": token.group(1),
                "email": f"{name}@example.org",
                "username": name,
                "display_name": name,
                "kind": "other",
                "password": "a long enough passphrase",
            }
            status, _ = request(opener, self.base + "/auth/register", form)
            self.note(status)
            if status == 302:
                with self.lock:
                    self.acknowledged.append(name)


def serve(database: str, port: int) -> subprocess.Popen:
    env = {**os.environ, "DATABASE_URL": database}
    env["LOGIN_RATE_LIMIT"] = "100000 per minute"
    env.pop("REDIS_URL", None)
    upgrade = [sys.executable, "-m", "flask", "--app", "wsgi", "db", "upgrade"]
    subprocess.run(upgrade, cwd=ROOT, env=env, check=True, timeout=120)
    command = [sys.executable, "-m", "gunicorn", "-w", "2", "-b", f"127.0.0.1:{port}"]
    return subprocess.Popen(
        [*command, "wsgi:app"], cwd=ROOT, env=env, stderr=SERVER_LOG.open("w")
    )


def terminate_connections(database: str, seconds: float) -> int:
    """Kill the app's connections to the database over and over; how many."""
    sql = (
        "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
        f"WHERE datname = '{database}' AND pid <> pg_backend_pid()"
    )
    killed, until = 0, time.monotonic() + seconds
    while time.monotonic() < until:
        killed += int(psql(sql).strip() or 0)
        time.sleep(0.15)
    return killed


def summary(load: Load, down_at: float, back_at: float, stored: int) -> dict:
    recovered = [moment for moment in load.good_at if moment > back_at]
    return {
        "statuses": dict(sorted(load.statuses.items())),
        "server_errors_500": load.statuses.get(500, 0),
        "outage_seconds": round(back_at - down_at, 1),
        "recovery_seconds": round(recovered[0] - back_at, 2) if recovered else None,
        "acknowledged_writes": len(load.acknowledged),
        "writes_in_database": stored,
    }


def run(seconds: int, outage: int, kills: int) -> dict:
    name = f"faults_{uuid.uuid4().hex[:8]}"
    psql(f'CREATE DATABASE "{name}"')
    port = 18000 + os.getpid() % 1000
    SERVER_LOG.parent.mkdir(parents=True, exist_ok=True)
    server = serve(f"{PG}/{name}", port)
    try:
        time.sleep(3)
        load = Load(f"http://127.0.0.1:{port}", time.monotonic() + seconds + kills)
        threads = [threading.Thread(target=load.reader) for _ in range(2)]
        threads += [threading.Thread(target=load.writer) for _ in range(2)]
        for thread in threads:
            thread.start()
        time.sleep(seconds / 3)
        cluster("stop")
        down_at = time.monotonic()
        time.sleep(outage)
        cluster("start")
        back_at = time.monotonic()
        time.sleep(1)  # recovered first, then the connections die one by one
        terminated = terminate_connections(name, kills)
        for thread in threads:
            thread.join(timeout=seconds + 30)
        # Registering keeps a pending registration until the mailed link is
        # followed (the answer never says whether the address has an account).
        stored = psql_in(
            name,
            "SELECT count(*) FROM pending_registrations WHERE username LIKE 'f%'",
        )
        return {**summary(load, down_at, back_at, stored), "terminated": terminated}
    finally:
        server.terminate()
        server.wait(timeout=30)
        psql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def psql_in(database: str, sql: str) -> int:
    return int(psql_output(database, sql).strip() or 0)


def psql_output(database: str, sql: str) -> str:
    command = ["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", database, "-tAc"]
    result = subprocess.run([*command, sql], check=True, capture_output=True, text=True)
    return result.stdout


# The app logs each unexpected error with its traceback ("unhandled error");
# Flask logs an error its handlers raised ("Exception on"), and gunicorn one
# that left the app altogether ("Error handling request").
MARKERS = ("unhandled error", "Exception on", "Error handling request")


def why_500(log: str) -> str:
    """The server log from the first unexpected error on, or say there is none."""
    found = [at for at in (log.find(marker) for marker in MARKERS) if at >= 0]
    if not found:
        return "no unexpected error in the server log: " + str(SERVER_LOG)
    return log[max(min(found) - 200, 0) :][:6000]


def main() -> int:
    parser = argparse.ArgumentParser(description="Restart PostgreSQL under load.")
    parser.add_argument("--seconds", type=int, default=20)
    parser.add_argument("--outage", type=int, default=4)
    parser.add_argument("--kills", type=int, default=6)
    args = parser.parse_args()
    report = run(args.seconds, args.outage, args.kills)
    print(json.dumps(report, indent=2))
    lost = report["acknowledged_writes"] - report["writes_in_database"]
    recovered = report["recovery_seconds"] is not None
    healthy = report["server_errors_500"] == 0 and recovered
    if report["server_errors_500"]:
        print(why_500(SERVER_LOG.read_text(errors="replace")))
    print("faults: OK" if healthy and lost <= 0 else "faults: FAILED")
    return 0 if healthy and lost <= 0 else 1


if __name__ == "__main__":
    sys.exit(main())
