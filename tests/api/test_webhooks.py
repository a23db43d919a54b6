"""Webhooks: moderators register HTTPS endpoints; deliveries are signed, sent by
the job with retries, logged, and never carry what the owner cannot read."""

import hashlib
import hmac
import json

import pytest
from sqlalchemy import select

from community.api import delivery, targets
from community.api.models import Webhook, WebhookDelivery
from tests.api.conftest import bearer, make_token
from tests.factories import make_community, make_membership, make_user

PUBLIC = "93.184.215.14"  # an address outside every private and reserved range


@pytest.fixture
def public_dns(monkeypatch):
    """hooks.example resolves to a public address; anything else as the OS says."""
    real = targets.socket.getaddrinfo

    def resolve(host, port, *args, **kwargs):
        if host == "hooks.example":
            return [(2, 1, 6, "", (PUBLIC, port or 443))]
        return real(host, port, *args, **kwargs)

    monkeypatch.setattr(targets.socket, "getaddrinfo", resolve)


@pytest.fixture
def endpoint(monkeypatch):
    """Capture what would be POSTed; answers with `status` (200 unless set)."""
    sent = []

    def post(url, body, headers):
        targets.check_target(url)  # vetted at send time too
        sent.append({"url": url, "body": body, "headers": headers})
        return endpoint_status[0]

    endpoint_status = [200]
    monkeypatch.setattr(delivery, "post", post)
    return sent, endpoint_status


def register(client, slug="govstack", url="https://hooks.example/in", events=None):
    data = {"url": url, "events": events or ["thread.created", "post.created"]}
    return client.post(f"/c/{slug}/webhooks", data=data)


def test_moderator_registers_a_hook_and_gets_signed_deliveries(
    app, client, db, forum, login, public_dns, endpoint
):
    sent, _status = endpoint
    login(forum.moderator)
    page = register(client)
    assert page.status_code == 201
    hook = db.session.scalar(select(Webhook))
    assert hook.secret in page.get_data(as_text=True)  # shown once, here
    login(forum.member)
    response = client.post(
        "/c/govstack/new",
        data={"title": "Who runs X-Road?", "kind": "question", "body": "Anyone?"},
    )
    assert response.status_code == 302
    assert sent == []  # never from the request: the job (or cron) sends it
    assert app.test_cli_runner().invoke(args=["api", "send-webhooks"]).exit_code == 0
    assert len(sent) == 1
    request = sent[0]
    body = json.loads(request["body"])
    assert body["event"] == "thread.created" and body["community"] == "govstack"
    assert body["data"]["title"] == "Who runs X-Road?"
    headers = request["headers"]
    expected = hmac.new(
        hook.secret.encode(),
        f"{headers['Webhook-Timestamp']}.{request['body']}".encode(),
        hashlib.sha256,
    ).hexdigest()
    assert headers["Webhook-Signature"] == f"sha256={expected}"
    logged = db.session.scalar(select(WebhookDelivery))
    assert logged.status == "delivered" and logged.attempts == 1
    login(forum.moderator)
    assert "delivered" in client.get("/c/govstack/webhooks").get_data(as_text=True)


@pytest.mark.parametrize(
    "url",
    [
        "http://hooks.example/in",
        "https://127.0.0.1/in",
        "https://10.0.0.8/in",
        "https://[::1]/in",
        "https://169.254.169.254/latest",
        "https://localhost/in",
        "https://127.0.0.1:99999/",
        "https://user:pw@hooks.example/",
        "ftp://hooks.example/",
        "https://no-such-host.invalid/",
    ],
)
def test_private_loopback_and_odd_targets_are_refused(client, db, forum, login, url):
    login(forum.moderator)
    response = register(client, url=url)
    assert response.status_code == 400
    assert url in response.get_data(as_text=True)  # the text is kept
    assert db.session.scalar(select(Webhook)) is None


def test_the_hubs_own_address_is_refused(app, client, db, forum, login, public_dns):
    login(forum.moderator)
    before = app.config["SITE_URL"]
    app.config["SITE_URL"] = "https://hooks.example"
    try:
        assert register(client).status_code == 400
    finally:
        app.config["SITE_URL"] = before


def test_only_moderators_manage_hooks(client, db, forum, login):
    for person in (forum.member, forum.outsider):
        login(person)
        assert client.get("/c/govstack/webhooks").status_code == 403
        assert register(client).status_code == 403
    client.get("/auth/logout")


def test_members_only_content_never_reaches_an_owner_who_cannot_read_it(
    client, db, login, public_dns, endpoint
):
    sent, _status = endpoint
    community = make_community(slug="peers", visibility="members")
    site_moderator = make_user(site_role="moderator")
    member = make_user()
    make_membership(member, community)
    login(site_moderator)  # moderates every community, reads none it is not in
    assert register(client, slug="peers").status_code == 201
    login(member)
    client.post(
        "/c/peers/new",
        data={"title": "Closed procurement", "kind": "discussion", "body": "Secret"},
    )
    assert sent == []
    assert db.session.scalar(select(WebhookDelivery)) is None


def test_failures_are_retried_then_given_up_and_the_hook_disabled(
    app, client, db, forum, login, public_dns, endpoint
):
    sent, status = endpoint
    status[0] = 500
    app.config["WEBHOOK_DISABLE_AFTER"] = 2
    try:
        login(forum.moderator)
        register(client)
        hook = db.session.scalar(select(Webhook))
        login(forum.member)
        for title in ("First failing thread", "Second failing thread"):
            client.post(
                "/c/govstack/new",
                data={"title": title, "kind": "discussion", "body": "Text"},
            )
        rows = db.session.scalars(select(WebhookDelivery)).all()
        assert [row.status for row in rows] == ["pending", "pending"]
        attempts = len(app.config["WEBHOOK_RETRY_INTERVALS"]) + 1
        runner = app.test_cli_runner()
        for _ in range(attempts):
            runner.invoke(args=["api", "send-webhooks"])
        db.session.expire_all()
        rows = db.session.scalars(select(WebhookDelivery)).all()
        assert [row.status for row in rows] == ["given_up", "given_up"]
        assert rows[0].attempts == attempts and rows[0].response_status == 500
        hook = db.session.get(Webhook, hook.id)
        assert not hook.is_active and hook.failure_count == 2
        count = len(sent)
        client.post(
            "/c/govstack/new",
            data={"title": "After disabling", "kind": "discussion", "body": "Text"},
        )
        runner.invoke(args=["api", "send-webhooks"])
        assert len(sent) == count  # a disabled hook gets nothing
    finally:
        app.config["WEBHOOK_DISABLE_AFTER"] = 10


@pytest.fixture
def with_redis(app):
    from redis import Redis

    from tests.production.test_jobs import REDIS_URL

    Redis.from_url(REDIS_URL).flushdb()
    app.config["REDIS_URL"] = REDIS_URL
    yield
    app.config["REDIS_URL"] = None
    Redis.from_url(REDIS_URL).flushdb()


def test_the_worker_sends_and_retries_with_back_off(
    app, client, db, forum, login, public_dns, endpoint, with_redis
):
    from tests.production.test_jobs import redis_available

    if not redis_available():
        pytest.skip("Redis is not running on 127.0.0.1")
    from community.jobs import job_queue, run_worker

    sent, status = endpoint
    login(forum.moderator)
    register(client)
    login(forum.member)
    client.post(
        "/c/govstack/new",
        data={"title": "Queued for the worker", "kind": "discussion", "body": "x"},
    )
    assert sent == [] and job_queue().count == 1
    run_worker(burst=True)
    assert len(sent) == 1
    db.session.expire_all()
    assert db.session.scalar(select(WebhookDelivery)).status == "delivered"
    status[0] = 503
    client.post(
        f"/api/v1/threads/{forum.thread.id}/posts",
        json={"body": "Through the API"},
        headers=bearer(make_token(forum.member)),
    )
    run_worker(burst=True)
    db.session.expire_all()
    failed = db.session.scalars(
        select(WebhookDelivery).where(WebhookDelivery.event == "post.created")
    ).one()
    assert failed.status == "failed" and failed.attempts == 1  # retried later


def test_community_page_links_webhooks_for_moderators_only(client, db, forum, login):
    login(forum.moderator)
    assert "/c/govstack/webhooks" in client.get("/c/govstack").get_data(as_text=True)
    login(forum.member)
    assert "/c/govstack/webhooks" not in client.get("/c/govstack").get_data(
        as_text=True
    )


def test_bad_webhook_input_is_a_400_and_other_communities_hooks_404(
    client, db, forum, login
):
    login(forum.moderator)
    for data in (
        {"url": "", "events": ["thread.created"]},
        {"url": "https://hooks.example/" + "x" * 600, "events": ["thread.created"]},
        {"url": "https://hooks.example/in", "events": []},
        {"url": "https://hooks.example/in", "events": ["everything"]},
    ):
        assert client.post("/c/govstack/webhooks", data=data).status_code == 400
    other = make_community(slug="elsewhere")
    hook = Webhook(
        community_id=other.id,
        owner_id=forum.moderator.id,
        url="https://hooks.example/in",
        secret="s" * 64,
        events="thread.created",
    )
    db.session.add(hook)
    db.session.commit()
    response = client.post(f"/c/govstack/webhooks/{hook.id}/delete")
    assert response.status_code == 404
    assert client.get("/c/no-such-place/webhooks").status_code == 404


def test_a_held_post_is_sent_only_once_a_moderator_approves_it(
    app, client, db, forum, login, public_dns, endpoint
):
    from community.trust import holding
    from community.trust.models import PostHold

    login(forum.moderator)
    register(client)
    newcomer = make_user()
    make_membership(newcomer, forum.community)
    app.config["TRUST_HOLD_FIRST_POSTS"] = 1
    try:
        response = client.post(
            f"/api/v1/threads/{forum.thread.id}/posts",
            json={"body": "My first post"},
            headers=bearer(make_token(newcomer)),
        )
        assert response.status_code == 201 and response.json["is_hidden"]
    finally:
        app.config["TRUST_HOLD_FIRST_POSTS"] = 0
    assert db.session.scalar(select(WebhookDelivery)) is None
    entry = db.session.scalar(select(PostHold))
    with app.test_request_context():
        holding.approve(entry, forum.moderator)
        db.session.commit()
    assert db.session.scalar(select(WebhookDelivery)).event == "post.created"
