"""Two gunicorn instances sharing one PostgreSQL database and one Redis."""

import http.cookiejar
import os
import re
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from redis import Redis
from redis.exceptions import RedisError

ROOT = Path(__file__).resolve().parents[2]
REDIS_URL = "redis://127.0.0.1:6379/14"


def redis_up() -> bool:
    try:
        return Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except RedisError:
        return False


pytestmark = [
    pytest.mark.skipif(
        "postgresql" not in os.environ.get("DATABASE_URL", ""),
        reason="needs PostgreSQL: SQLite's in-memory test database is per process",
    ),
    pytest.mark.skipif(not redis_up(), reason="Redis is not running on 127.0.0.1:6379"),
]


class Browser:
    """A cookie-keeping HTTP client that does not follow redirects."""

    def __init__(self):
        self.cookies = http.cookiejar.CookieJar()

    def open(self, url: str, data: dict | None = None) -> tuple[int, str]:
        class NoRedirect(urllib.request.HTTPRedirectHandler):
            def redirect_request(self, *args, **kwargs):
                return None

        opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.cookies), NoRedirect
        )
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        try:
            with opener.open(url, body, timeout=10) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()

    def token(self, url: str) -> str:
        _status, page = self.open(url)
        return re.search(
            r'name="csrf_token" type="hidden" value="([^"]+)"', page
        ).group(1)


@pytest.fixture
def servers(running_servers, db):
    """Both processes (started once for tests/production: conftest.py), with
    Redis emptied before and after each test: counters start from zero."""
    Redis.from_url(REDIS_URL).flushdb()
    yield running_servers
    Redis.from_url(REDIS_URL).flushdb()


def wait_until_healthy(url: str) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if Browser().open(url + "/healthz")[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise AssertionError(f"{url} did not start")


def test_rate_limit_counts_across_both_processes(servers):
    (first, second), _env = servers
    attempt = {"login": "someone", "password": "wrong password"}
    statuses = [
        Browser().open(url + "/auth/login", attempt)[0]
        for url in (first, second, first, second, first, second, first)
    ]
    assert statuses[:5] == [400] * 5  # refused forms (no CSRF token), still counted
    assert statuses[5:] == [429, 429]


def test_written_through_one_read_through_the_other_and_mail_by_a_worker(
    servers, smtp_server
):
    (first, second), env = servers
    smtp_server.handler.messages.clear()
    browser = Browser()
    registration = {
        "csrf_token": browser.token(first + "/auth/register"),
        "email": "two@example.org",
        "username": "twoproc",
        "display_name": "Two Processes",
        "kind": "government",
        "password": "a long enough passphrase",
    }
    assert browser.open(first + "/auth/register", registration)[0] == 302
    assert smtp_server.handler.messages == []  # the request only enqueued the mail
    subprocess.run(
        [sys.executable, "-m", "flask", "--app", "wsgi", "worker", "--burst"],
        cwd=ROOT,
        env=env,
        check=True,
        timeout=60,
        capture_output=True,
    )
    smtp_server.handler.wait_for(1)
    body = smtp_server.handler.bodies_to("two@example.org")[0]
    finish = re.search(r"/auth/register/finish/\S+", body).group(0)
    assert browser.open(second + finish)[0] == 302  # the account is made, logged in
    profile = {
        "csrf_token": browser.token(first + "/auth/settings"),
        "display_name": "Two Processes",
        "timezone": "Africa/Nairobi",
        "kind": "government",
        "email_frequency": "never",
        "bio": "Written through the first process",
    }
    assert browser.open(first + "/auth/settings", profile)[0] == 302
    status, page = Browser().open(second + "/u/twoproc")
    assert status == 200 and "Written through the first process" in page


def signed_session(user) -> str:
    """A session cookie for `user`, signed with the servers' shared key."""
    from flask import Flask
    from flask.sessions import SecureCookieSessionInterface

    signer = Flask("cookie-maker")
    signer.secret_key = "shared-secret-for-both-processes"
    serializer = SecureCookieSessionInterface().get_signing_serializer(signer)
    return serializer.dumps({"_user_id": user.get_id(), "_fresh": True})


def test_rsvps_racing_through_both_processes_never_overbook(servers, db):
    import threading

    from sqlalchemy import func, select

    from community.events.models import Event, Rsvp
    from tests.factories import make_community, make_event, make_user

    (first, second), _env = servers
    event = make_event(make_community(), capacity=5)
    racers = []
    for number in range(12):
        browser = Browser()
        cookie = http.cookiejar.Cookie(
            0,
            "session",
            signed_session(make_user()),
            None,
            False,
            "127.0.0.1",
            False,
            False,
            "/",
            True,
            False,
            None,
            False,
            None,
            None,
            {},
        )
        browser.cookies.set_cookie(cookie)
        base = (first, second)[number % 2]
        token = browser.token(f"{base}/events/{event.id}")
        racers.append((browser, base, token))
    barrier = threading.Barrier(len(racers))
    codes = []

    def race(browser, base, token):
        barrier.wait()
        data = {"answer": "going", "csrf_token": token}
        codes.append(browser.open(f"{base}/events/{event.id}/rsvp", data)[0])

    threads = [threading.Thread(target=race, args=racer) for racer in racers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert codes == [302] * 12
    db.session.expire_all()
    going = db.session.scalar(
        select(func.count()).where(Rsvp.event_id == event.id, Rsvp.status == "going")
    )
    assert going == 5
    assert db.session.get(Event, event.id).going_count == 5
