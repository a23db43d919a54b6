"""Personal access tokens: made in settings, shown once, stored hashed, scoped,
revoked at once; cookies never authenticate the API; staff need two-factor."""

import re

from sqlalchemy import select

from community.api.models import ApiToken
from community.timezones import utcnow
from tests.api.conftest import bearer, make_token
from tests.factories import make_user


def created_token(response) -> str:
    return re.search(r'value="(chub_[^"]+)"', response.get_data(as_text=True)).group(1)


def test_token_is_shown_once_and_stored_hashed(client, db, login):
    user = login(make_user())
    response = client.post(
        "/auth/settings/tokens", data={"name": "Intranet", "scopes": ["read"]}
    )
    assert response.status_code == 201
    raw = created_token(response)
    stored = db.session.scalar(select(ApiToken))
    assert stored.name == "Intranet" and stored.scopes == "read"
    assert raw not in (stored.token_hash, stored.prefix)
    assert len(stored.token_hash) == 64
    page = client.get("/auth/settings/tokens").get_data(as_text=True)
    assert "Intranet" in page and raw not in page
    me = client.get("/api/v1/me", headers=bearer(raw))
    assert me.status_code == 200 and me.json["username"] == user.username
    assert me.json["scopes"] == ["read"]
    db.session.refresh(stored)
    assert stored.last_used_at is not None


def test_token_form_refuses_bad_input_with_the_text_kept(client, db, login):
    login(make_user())
    response = client.post("/auth/settings/tokens", data={"name": "", "scopes": []})
    assert response.status_code == 400
    response = client.post(
        "/auth/settings/tokens", data={"name": "x" * 81, "scopes": ["admin"]}
    )
    assert response.status_code == 400
    assert "x" * 81 in response.get_data(as_text=True)
    assert db.session.scalar(select(ApiToken)) is None


def test_revoked_token_is_refused_at_once(client, db, login):
    user = login(make_user())
    raw = make_token(user)
    assert client.get("/api/v1/me", headers=bearer(raw)).status_code == 200
    token = db.session.scalar(select(ApiToken))
    response = client.post(f"/auth/settings/tokens/{token.id}/revoke")
    assert response.status_code == 302
    refused = client.get("/api/v1/me", headers=bearer(raw))
    assert refused.status_code == 401
    assert refused.headers["Content-Type"] == "application/problem+json"
    assert refused.headers["WWW-Authenticate"].startswith("Bearer")


def test_nobody_revokes_someone_elses_token(client, db, login):
    owner = make_user()
    raw = make_token(owner)
    token = db.session.scalar(select(ApiToken))
    login(make_user())
    assert client.post(f"/auth/settings/tokens/{token.id}/revoke").status_code == 404
    assert client.get("/api/v1/me", headers=bearer(raw)).status_code == 200


def test_cookie_session_does_not_authenticate_the_api(client, db, login):
    login(make_user())
    assert client.get("/auth/settings").status_code == 200
    assert client.get("/api/v1/me").status_code == 401
    response = client.post("/api/v1/me/notifications/read", json={})
    assert response.status_code == 401


def test_read_token_cannot_write(client, db, forum):
    raw = make_token(forum.member, scopes=["read"])
    response = client.post(
        f"/api/v1/threads/{forum.thread.id}/posts",
        json={"body": "Hello"},
        headers=bearer(raw),
    )
    assert response.status_code == 403
    assert "write" in response.json["detail"]


def test_malformed_or_unknown_tokens_are_401(client, db):
    for header in ("Basic abc", "Bearer", "Bearer chub_nope", "Bearer " + "x" * 500):
        response = client.get("/api/v1/me", headers={"Authorization": header})
        assert response.status_code == 401, header


def test_staff_need_two_factor_for_tokens(client, db, login):
    staff = login(make_user(site_role="moderator"))
    page = client.get("/auth/settings/tokens").get_data(as_text=True)
    assert "two-factor" in page
    response = client.post(
        "/auth/settings/tokens", data={"name": "Ops", "scopes": ["read"]}
    )
    assert response.status_code == 403
    assert db.session.scalar(select(ApiToken)) is None
    staff.two_factor_enabled_at = utcnow()
    db.session.commit()
    raw = make_token(staff)
    assert client.get("/api/v1/me", headers=bearer(raw)).status_code == 200
    # Two-factor switched off later: the staff token stops working.
    staff.two_factor_enabled_at = None
    db.session.commit()
    assert client.get("/api/v1/me", headers=bearer(raw)).status_code == 401


def test_suspended_account_token_is_refused(client, db):
    user = make_user()
    raw = make_token(user)
    user.suspended_at = utcnow()
    db.session.commit()
    assert client.get("/api/v1/me", headers=bearer(raw)).status_code == 401


def test_tokens_are_in_the_data_export_and_go_with_the_account(client, db):
    from community.privacy.deletion import delete_account
    from community.privacy.export import document

    user = make_user()
    raw = make_token(user)
    exported = document(user)["api_tokens"]
    assert [token["name"] for token in exported] == ["test"]
    assert raw not in str(document(user))
    assert "token_hash" not in exported[0]
    delete_account(user)
    db.session.commit()
    assert client.get("/api/v1/me", headers=bearer(raw)).status_code == 401
    assert db.session.scalar(select(ApiToken)) is None
