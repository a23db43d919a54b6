"""Webhooks: register an HTTPS endpoint, and record what to send it.

Services call emit() in the transaction that made the change; a delivery row is
written only for hooks whose owner may read the thing (api/permissions.py), and
the job that sends it is queued once that transaction commits (delivery.py).
Targets are vetted twice: when registered and when each request is sent.
"""

import json
import secrets

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import event, select
from sqlalchemy.orm import Session

# The module, not the name: importing a feature's permissions runs its package,
# whose views import the services that call emit() (a cycle while loading).
from community.api import permissions
from community.api.models import Webhook, WebhookDelivery
from community.api.targets import check_target
from community.extensions import db
from community.timezones import utcnow

EVENTS = {
    "thread.created": _l("A thread was started"),
    "post.created": _l("A reply was posted"),
    "event.created": _l("An event was scheduled"),
    "event.updated": _l("An event changed"),
    "event.cancelled": _l("An event was cancelled"),
    "lesson.published": _l("A lesson was published"),
}
OUTBOX = "community.api.webhooks.outbox"


def register(owner, community, url: str, kinds: list[str]) -> Webhook:
    """A new active hook with its own signing secret (TargetRefused if not allowed)."""
    check_target(url)
    hook = Webhook(
        community_id=community.id,
        owner_id=owner.id,
        url=url.strip(),
        secret=secrets.token_hex(32),
        events=" ".join(kind for kind in EVENTS if kind in kinds),
    )
    db.session.add(hook)
    db.session.flush()
    return hook


def hooks_of(community) -> list[Webhook]:
    query = (
        select(Webhook)
        .where(Webhook.community_id == community.id)
        .order_by(Webhook.created_at.desc(), Webhook.id.desc())
    )
    return list(db.session.scalars(query))


def recent_deliveries(hook: Webhook, limit: int = 20) -> list[WebhookDelivery]:
    query = (
        select(WebhookDelivery)
        .where(WebhookDelivery.webhook_id == hook.id)
        .order_by(WebhookDelivery.id.desc())
        .limit(limit)
    )
    return list(db.session.scalars(query))


def payload(kind: str, subject) -> dict:
    """What is sent: links and the fields a reader sees on the page."""
    site = current_app.config["SITE_URL"]
    if kind.startswith("thread."):
        data = {"id": subject.id, "title": subject.title, "kind": subject.kind}
        data["url"] = f"{site}/t/{subject.id}/{subject.slug}"
    elif kind.startswith("post."):
        data = {"id": subject.id, "thread_id": subject.thread_id}
        data.update(author=subject.author_name, body_html=subject.body_html)
        data["url"] = f"{site}/p/{subject.id}"
    elif kind.startswith("event."):
        data = {"id": subject.id, "title": subject.title, "status": subject.status}
        data.update(start_at=subject.start_at.isoformat(), timezone=subject.timezone)
        data["url"] = f"{site}/events/{subject.id}"
    else:
        data = {"slug": subject.slug, "title": subject.published_version.title}
        data["url"] = f"{site}/learnings/{subject.slug}"
    return {"event": kind, "created_at": utcnow().isoformat(), "data": data}


def emit(kind: str, community, subject) -> int:
    """Record a delivery for each of the community's hooks that wants this and
    whose owner may read it; they are sent after the commit. Returns how many."""
    if community is None:
        return 0
    query = select(Webhook).where(
        Webhook.community_id == community.id, Webhook.is_active.is_(True)
    )
    count = 0
    for hook in db.session.scalars(query):
        if kind not in hook.event_set or not permissions.may_receive(
            hook.owner, kind, subject
        ):
            continue
        body = {**payload(kind, subject), "community": community.slug}
        delivery = WebhookDelivery(
            webhook_id=hook.id, event=kind, body=json.dumps(body, sort_keys=True)
        )
        db.session.add(delivery)
        db.session.flush()
        db.session.info.setdefault(OUTBOX, []).append(delivery.id)
        count += 1
    return count


@event.listens_for(Session, "after_commit")
def _queue_outbox(session: Session) -> None:
    ids = session.info.pop(OUTBOX, [])
    if ids:
        from community.api.delivery import queue_deliveries

        queue_deliveries(ids)


@event.listens_for(Session, "after_transaction_end")
def _drop_outbox(session: Session, transaction) -> None:
    if transaction.parent is None and not transaction.nested:
        session.info.pop(OUTBOX, None)
