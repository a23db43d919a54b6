"""Background jobs on RQ when Redis is configured; inline otherwise.

The web request only enqueues. When Redis is not configured, or does not answer,
enqueue() says so and the caller does the work inline (a warning is logged), so a
Redis outage loses nothing: it only makes those requests a little slower.
"""

import logging
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


def run_worker(burst: bool = False) -> None:
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
    worker.work(burst=burst, with_scheduler=True)
