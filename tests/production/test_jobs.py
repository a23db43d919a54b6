"""Mail through the RQ queue on the machine's Redis, and what happens without it."""

import logging
import os
import uuid

import pytest
from redis import Redis
from redis.exceptions import RedisError
from sqlalchemy import select

from community.jobs import job_queue, run_worker
from community.mail import MailDelivery, deliver, send_mail

# CI runs the SQLite and PostgreSQL suites at once: each gets its own database.
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


def redis_available() -> bool:
    try:
        return Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except RedisError:
        return False


needs_redis = pytest.mark.skipif(
    not redis_available(), reason="Redis is not running on 127.0.0.1"
)


@pytest.fixture
def with_redis(app):
    Redis.from_url(REDIS_URL).flushdb()
    app.config["REDIS_URL"] = REDIS_URL
    yield
    app.config["REDIS_URL"] = None
    Redis.from_url(REDIS_URL).flushdb()


@needs_redis
def test_mail_is_queued_then_sent_by_a_worker(app, db, mailbox, with_redis):
    assert send_mail("queued@example.org", "Hello", "Queued body") is True
    assert job_queue().count == 1
    assert mailbox.messages == []  # the request only enqueued
    run_worker(burst=True)
    mailbox.wait_for(1)
    assert mailbox.bodies_to("queued@example.org")[0].strip() == "Queued body"
    delivery = db.session.scalar(select(MailDelivery))
    assert delivery.status == "sent" and delivery.attempts == 1


@needs_redis
def test_a_job_run_twice_sends_one_mail(app, db, mailbox, with_redis):
    key = uuid.uuid4().hex
    assert deliver("twice@example.org", "Once", "Only once", key) == "sent"
    assert deliver("twice@example.org", "Once", "Only once", key) == "already sent"
    mailbox.wait_for(1)
    assert len(mailbox.bodies_to("twice@example.org")) == 1


def test_failed_delivery_is_recorded_for_admins(app, db):
    app.config["MAIL_PORT"], port = 1, app.config["MAIL_PORT"]
    try:
        with pytest.raises(RuntimeError):
            deliver("nobody@example.org", "Lost", "Body", uuid.uuid4().hex)
    finally:
        app.config["MAIL_PORT"] = port
    delivery = db.session.scalar(select(MailDelivery))
    assert delivery.status == "failed" and "refused" in delivery.last_error.lower()


def test_redis_down_sends_inline_with_a_warning(app, db, mailbox, caplog):
    app.config["REDIS_URL"] = "redis://127.0.0.1:1/0"
    try:
        with caplog.at_level(logging.WARNING):
            assert send_mail("inline@example.org", "Hi", "Sent inline") is True
    finally:
        app.config["REDIS_URL"] = None
    mailbox.wait_for(1)
    assert mailbox.bodies_to("inline@example.org")[0].strip() == "Sent inline"
    assert "runs inline" in caplog.text


def test_readyz_reports_database_and_redis(app, client):
    response = client.get("/readyz")
    assert response.status_code == 200 and response.json["database"] is True
    assert response.json["redis"] is None  # not configured
    app.config["REDIS_URL"] = "redis://127.0.0.1:1/0"
    try:
        down = client.get("/readyz")
    finally:
        app.config["REDIS_URL"] = None
    assert down.status_code == 503 and down.json["redis"] is False
