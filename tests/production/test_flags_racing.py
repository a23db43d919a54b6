"""The last flags on a post arriving together, through two processes on one
PostgreSQL: the post is hidden once, with one queue entry, and nobody gets a
500 (flags arriving after the hide get 403)."""

import http.cookiejar
import threading
from datetime import timedelta

from sqlalchemy import func, select

from tests.production.test_two_processes import (  # noqa: F401 - fixture
    Browser,
    pytestmark,
    servers,
    signed_session,
)


def browser_for(user) -> Browser:
    browser = Browser()
    cookie = http.cookiejar.Cookie(
        0, "session", signed_session(user), None, False, "127.0.0.1", False,
        False, "/", True, False, None, False, None, None, {},
    )  # fmt: skip
    browser.cookies.set_cookie(cookie)
    return browser


def test_flags_racing_hide_the_post_once(servers, db):  # noqa: F811
    from community.discussions.models import Post
    from community.timezones import utcnow
    from community.trust.models import PostHold
    from tests.factories import (
        make_community,
        make_membership,
        make_reply,
        make_thread,
        make_user,
    )

    (first, second), _env = servers
    community = make_community()
    old = utcnow() - timedelta(days=400)
    author = make_user()
    make_membership(author, community)
    post = make_reply(make_thread(community, author), author, "Visit my casino")
    racers = []
    for number in range(8):
        flagger = make_user(created_at=old, trust_level=2)
        make_membership(flagger, community)
        browser = browser_for(flagger)
        base = (first, second)[number % 2]
        token = browser.token(f"{base}/p/{post.id}/flag")
        racers.append((browser, base, token))
    barrier = threading.Barrier(len(racers))
    codes = []

    def race(browser, base, token):
        barrier.wait()
        data = {"reason": "spam", "text": "", "csrf_token": token}
        codes.append(browser.open(f"{base}/p/{post.id}/flag", data)[0])

    threads = [threading.Thread(target=race, args=racer) for racer in racers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    # Flags that arrive once the post is hidden are refused (403), never a 500.
    assert len(codes) == 8 and set(codes) <= {302, 403} and codes.count(302) >= 3
    db.session.expire_all()
    assert db.session.get(Post, post.id).is_hidden
    holds = db.session.scalar(select(func.count(PostHold.id)))
    assert holds == 1
