"""The worker schedules digests itself (RQ's CronScheduler): no cron line needed."""

import time
from datetime import timedelta

from redis import Redis

from community.jobs import job_queue, run_worker, start_periodic_jobs
from community.notifications.digests import run_digests
from community.timezones import utcnow
from tests.factories import make_community, make_membership, make_thread, make_user
from tests.production.test_jobs import REDIS_URL, needs_redis, with_redis

__all__ = ["with_redis"]  # the fixture, used by name


def wait_for_jobs(count: int, timeout: float = 5.0) -> int:
    deadline = time.monotonic() + timeout
    while job_queue().count < count and time.monotonic() < deadline:
        time.sleep(0.02)
    return job_queue().count


@needs_redis
def test_the_worker_enqueues_and_sends_the_digest(app, db, mailbox, with_redis):
    # Due whatever the hour the test runs at.
    hour, app.config["DIGEST_HOUR"] = app.config["DIGEST_HOUR"], 0
    community = make_community()
    reader = make_user(email_frequency="daily")
    make_membership(reader, community)
    thread = make_thread(community, make_user(), title="Scheduled news")
    thread.created_at = utcnow() - timedelta(days=1)  # yesterday, in UTC
    db.session.commit()
    stop = start_periodic_jobs(Redis.from_url(REDIS_URL), [(run_digests, 900)])
    try:
        assert wait_for_jobs(1) == 1
        stop.set()
        # The digest hour stays 0 until the job has run: restored before it,
        # the test failed from midnight to DIGEST_HOUR UTC (nothing was due).
        run_worker(burst=True)  # runs the digest job, which queues the mail
        run_worker(burst=True)  # sends it
    finally:
        stop.set()
        app.config["DIGEST_HOUR"] = hour
    mailbox.wait_for(1)
    assert "Scheduled news" in mailbox.bodies_to(reader.email)[0]
