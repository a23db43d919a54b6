"""The API's HTML forms refuse a missing or stale CSRF token and keep the text."""

import pytest
from sqlalchemy import select

from community.api.models import ApiToken, Webhook
from tests.api.conftest import make_token


@pytest.fixture
def csrf_on(app):
    app.config["WTF_CSRF_ENABLED"] = True
    yield
    app.config["WTF_CSRF_ENABLED"] = False


def test_token_and_webhook_forms_need_the_token(client, db, forum, login, csrf_on):
    login(forum.moderator)
    response = client.post(
        "/auth/settings/tokens",
        data={"name": "Kept name", "scopes": ["read"], "csrf_token": "stale"},
    )
    assert response.status_code == 400 and b"Kept name" in response.data
    assert db.session.scalar(select(ApiToken)) is None
    response = client.post(
        "/c/govstack/webhooks",
        data={"url": "https://kept.example/hook", "events": ["thread.created"]},
    )
    assert response.status_code == 400 and b"https://kept.example/hook" in response.data
    assert db.session.scalar(select(Webhook)) is None


def test_revoke_and_delete_need_the_token(client, db, forum, login, csrf_on):
    make_token(forum.moderator)
    token = db.session.scalar(select(ApiToken))
    hook = Webhook(
        community_id=forum.community.id,
        owner_id=forum.moderator.id,
        url="https://hooks.example/in",
        secret="s" * 64,
        events="thread.created",
    )
    db.session.add(hook)
    db.session.commit()
    login(forum.moderator)
    assert client.post(f"/auth/settings/tokens/{token.id}/revoke").status_code == 400
    url = f"/c/govstack/webhooks/{hook.id}/delete"
    assert client.post(url).status_code == 400
    db.session.expire_all()
    assert db.session.get(ApiToken, token.id).revoked_at is None
    assert db.session.get(Webhook, hook.id) is not None
