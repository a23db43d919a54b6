"""Background jobs on RQ when Redis is configured; inline otherwise.

Periodic jobs (batched thread mail every minute, digests every 15 minutes) are
scheduled by RQ's own CronScheduler (rq.cron, part of the rq we already run, so
no new dependency and no cron line), enqueued from a thread of `flask worker`.
Several workers may each enqueue them: the jobs are idempotent (a DigestRun row
per person and period, a ThreadMailState per person and thread).

The web request only enqueues. When Redis is not configured, or does not answer,
enqueue() says so and the caller does the work inline (a warning is logged), so a
Redis outage loses nothing: it only makes those requests a little slower.
"""

import logging
import threading
from collections.abc import Callable

from flask import current_app
from redis import Redis
from redis.exceptions import RedisError
from rq import Queue, Retry

log = logging.getLogger(__name__)
QUEUE_NAME = "community"


def redis_connection() -> Redis | None:
    url = current_app.config.get("REDIS_URL")
    if not url:
        return None
    return Redis.from_url(url, socket_connect_timeout=1, socket_timeout=2)


def job_queue() -> Queue | None:
    """The RQ queue, or None when jobs should run inline."""
    connection = redis_connection()
    return Queue(QUEUE_NAME, connection=connection) if connection is not None else None


def enqueue(function: Callable, *args, intervals: list[int] | None = None) -> bool:
    """Queue a job with retries; False when there is no queue (the caller runs it)."""
    queue = job_queue()
    if queue is None:
        return False
    intervals = intervals or current_app.config["MAIL_RETRY_INTERVALS"]
    try:
        queue.enqueue(
            function, *args, retry=Retry(max=len(intervals), interval=intervals)
        )
    except RedisError as error:
        log.warning(
            "job queue unavailable, %s runs inline: %s", function.__name__, error
        )
        return False
    return True


def run_worker(burst: bool = False, periodic: list[tuple[Callable, int]] = ()) -> None:
    """Work the queue in this process (the app context is already pushed)."""
    from rq import SimpleWorker

    connection = redis_connection()
    if connection is None:
        raise RuntimeError("REDIS_URL is not set: there is no queue to work.")
    # SimpleWorker runs jobs in this process: no fork, so the database pool and
    # the app context stay valid for every job.
    worker = SimpleWorker(
        [Queue(QUEUE_NAME, connection=connection)], connection=connection
    )
    if periodic and not burst:
        start_periodic_jobs(connection, periodic)
    worker.work(burst=burst, with_scheduler=True)


def start_periodic_jobs(
    connection: Redis, periodic: list[tuple[Callable, int]]
) -> threading.Event:
    """Enqueue the periodic jobs when due, from a daemon thread (RQ's CronScheduler
    installs signal handlers in start(), which only the main thread may do)."""
    from rq.cron import CronScheduler

    scheduler = CronScheduler(connection=connection)
    for function, seconds in periodic:  # (job, every how many seconds)
        scheduler.register(function, QUEUE_NAME, interval=seconds)

    stop = threading.Event()  # set() ends the loop

    def loop() -> None:
        while not stop.is_set():
            try:
                scheduler.enqueue_jobs()
            except RedisError as error:
                log.warning("could not enqueue periodic jobs: %s", error)
            stop.wait(max(1.0, scheduler.calculate_sleep_interval()))

    threading.Thread(target=loop, name="periodic-jobs", daemon=True).start()
    return stop
