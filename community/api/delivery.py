"""Sending webhook deliveries: the background job, signatures, retries.

Each request is signed: Webhook-Signature is "sha256=" + the hex HMAC-SHA256,
keyed with the hook's secret, of "<Webhook-Timestamp>.<body>", so a receiver
can check both who sent it and when (and refuse replays older than minutes).
Jobs run on the RQ worker with back-off (WEBHOOK_RETRY_INTERVALS); without
Redis, deliveries wait for `flask api send-webhooks` (cron). A hook whose
deliveries fail WEBHOOK_DISABLE_AFTER times in a row is switched off.
"""

import contextlib
import hashlib
import hmac
import http.client
import logging
import socket
import ssl
import time
from urllib.parse import urlsplit

from flask import current_app
from sqlalchemy import select

from community.api.models import Webhook, WebhookDelivery
from community.api.permissions import can_manage_webhooks
from community.api.targets import TargetRefused, check_target
from community.communities.permissions import can_see_content
from community.extensions import db
from community.jobs import enqueue
from community.timezones import utcnow

log = logging.getLogger(__name__)
DONE = ("delivered", "skipped", "given_up")


class DeliveryFailed(Exception):
    """The endpoint did not take the delivery; RQ retries it later."""


class PinnedHTTPSConnection(http.client.HTTPSConnection):
    """HTTPS to an address vetted beforehand, with the certificate checked
    against the host name: a DNS answer changed after the check is never used."""

    def __init__(self, host: str, port: int, address: str, timeout: float):
        super().__init__(
            host, port, timeout=timeout, context=ssl.create_default_context()
        )
        self.address = address

    def connect(self) -> None:
        raw = socket.create_connection((self.address, self.port), self.timeout)
        self.sock = self._context.wrap_socket(raw, server_hostname=self.host)


def sign(secret: str, timestamp: str, body: str) -> str:
    digest = hmac.new(secret.encode(), f"{timestamp}.{body}".encode(), hashlib.sha256)
    return "sha256=" + digest.hexdigest()


def signed_headers(hook: Webhook, delivery: WebhookDelivery) -> dict[str, str]:
    timestamp = str(int(time.time()))
    return {
        "Content-Type": "application/json",
        "User-Agent": "CommunityHub-Webhooks/1",
        "Webhook-Id": str(delivery.id),
        "Webhook-Event": delivery.event,
        "Webhook-Timestamp": timestamp,
        "Webhook-Signature": sign(hook.secret, timestamp, delivery.body),
    }


def post(url: str, body: str, headers: dict[str, str]) -> int:
    """POST to a vetted address; the status code (redirects are not followed)."""
    host, port, addresses = check_target(url)
    parts = urlsplit(url)
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    timeout = current_app.config["WEBHOOK_TIMEOUT"]
    connection = PinnedHTTPSConnection(host, port, addresses[0], timeout)
    try:
        connection.request("POST", path, body=body.encode(), headers=headers)
        response = connection.getresponse()
        response.read(65536)
        return response.status
    finally:
        connection.close()


def queue_deliveries(ids: list[int]) -> None:
    intervals = current_app.config["WEBHOOK_RETRY_INTERVALS"]
    for delivery_id in ids:
        if not enqueue(deliver, delivery_id, intervals=intervals):
            log.info(
                "webhook delivery %s waits for `flask api send-webhooks`", delivery_id
            )


def max_attempts() -> int:
    return len(current_app.config["WEBHOOK_RETRY_INTERVALS"]) + 1


def is_last_attempt(delivery: WebhookDelivery) -> bool:
    from rq import get_current_job

    job = get_current_job()
    if job is not None:
        return not job.retries_left
    return delivery.attempts >= max_attempts()


def still_allowed(hook: Webhook) -> bool:
    """The owner still manages the hook and still reads the community."""
    owner, community = hook.owner, hook.community
    return (
        hook.is_active
        and not owner.is_suspended
        and can_manage_webhooks(owner, community)
        and (community.is_public or can_see_content(owner, community))
    )


def deliver(delivery_id: int) -> str:
    """The job: send one delivery once; raises DeliveryFailed to be retried."""
    delivery = db.session.get(WebhookDelivery, delivery_id)
    if delivery is None or delivery.status in DONE:
        return "nothing to do"
    hook = delivery.webhook
    if not still_allowed(hook):
        delivery.status = "skipped"
        db.session.commit()
        return "skipped"
    delivery.attempts += 1
    delivery.last_attempt_at = utcnow()
    try:
        status = post(hook.url, delivery.body, signed_headers(hook, delivery))
        error = "" if 200 <= status < 300 else f"HTTP {status}"
    except (TargetRefused, OSError, http.client.HTTPException) as refused:
        status, error = None, str(refused)[:300] or type(refused).__name__
    delivery.response_status = status
    return record_outcome(hook, delivery, error)


def record_outcome(hook: Webhook, delivery: WebhookDelivery, error: str) -> str:
    if not error:
        delivery.status, delivery.error, hook.failure_count = "delivered", "", 0
        db.session.commit()
        return "delivered"
    delivery.error = error
    if not is_last_attempt(delivery):
        delivery.status = "failed"
        db.session.commit()
        raise DeliveryFailed(error)
    delivery.status = "given_up"
    hook.failure_count += 1
    if hook.failure_count >= current_app.config["WEBHOOK_DISABLE_AFTER"]:
        hook.is_active = False
        hook.disabled_reason = f"{hook.failure_count} deliveries failed in a row"
    db.session.commit()
    return "given up"


def send_waiting() -> int:
    """Without a queue (cron): try every delivery still waiting once more."""
    query = select(WebhookDelivery.id).where(
        WebhookDelivery.status.in_(("pending", "failed"))
    )
    sent = 0
    for delivery_id in list(db.session.scalars(query.order_by(WebhookDelivery.id))):
        with contextlib.suppress(DeliveryFailed):  # recorded; cron tries again
            deliver(delivery_id)
        sent += 1
    return sent
