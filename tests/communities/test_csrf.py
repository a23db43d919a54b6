"""With CSRF on, every community form refuses a missing or stale token."""

import pytest
from sqlalchemy import func, select

from community.communities.models import Community, Membership
from community.notifications.models import Subscription
from tests.factories import make_community, make_membership, make_user


@pytest.fixture
def csrf_on(app):
    app.config["WTF_CSRF_ENABLED"] = True
    yield
    app.config["WTF_CSRF_ENABLED"] = False


def count(db, model):
    db.session.expire_all()
    return db.session.scalar(select(func.count()).select_from(model))


@pytest.fixture
def setting(db):
    community = make_community(slug="room", join_policy="approval")
    moderator = make_user(site_role="admin")
    make_membership(moderator, community, role="moderator")
    other = make_user()
    make_membership(other, community)
    asker = make_user()
    make_membership(asker, community, status="pending")
    return community, moderator, other, asker


@pytest.mark.parametrize("token", [None, "stale-token-from-yesterday"])
def test_every_community_post_refuses_a_bad_token(
    client, db, login, csrf_on, setting, token
):
    community, moderator, other, asker = setting
    extra = {"csrf_token": token} if token else {}
    login(moderator)
    before = {model: count(db, model) for model in (Membership, Subscription)}
    urls = [
        "/c/room/leave",
        "/c/room/watch",
        "/c/room/unwatch",
        f"/c/room/requests/{asker.id}/approve",
        f"/c/room/requests/{asker.id}/decline",
        f"/c/room/members/{other.id}/role",
        f"/c/room/members/{other.id}/ban",
        f"/c/room/members/{other.id}/unban",
        "/c/room/archive",
        "/c/room/unarchive",
    ]
    for url in urls:
        response = client.post(url, data={"role": "organiser", **extra})
        assert response.status_code == 400, url
    assert {model: count(db, model) for model in before} == before
    assert not db.session.get(Community, community.id).is_archived


@pytest.mark.parametrize("token", [None, "stale-token-from-yesterday"])
def test_forms_with_text_keep_it(client, db, login, csrf_on, setting, token):
    extra = {"csrf_token": token} if token else {}
    login(make_user())
    response = client.post("/c/room/join", data={"message": "My kept words", **extra})
    assert response.status_code == 400
    assert b"My kept words" in response.data and b"form had expired" in response.data
    assert count(db, Membership) == 3

    login(make_user(site_role="admin"))
    data = {
        "name": "Kept name",
        "slug": "kept-slug",
        "purpose": "Kept purpose",
        "description": "Kept description",
        "visibility": "public",
        "join_policy": "open",
        **extra,
    }
    response = client.post("/c/new", data=data)
    assert response.status_code == 400
    for text in (b"Kept name", b"kept-slug", b"Kept purpose", b"Kept description"):
        assert text in response.data
    response = client.post("/c/room/edit", data=data)
    assert response.status_code == 400 and b"Kept description" in response.data
    assert count(db, Community) == 1


def test_a_valid_token_is_accepted(client, db, login, csrf_on):
    community = make_community(slug="room")
    login(make_user())
    page = client.get("/c/room").data.decode()
    token = page.split('name="csrf_token" type="hidden" value="')[1].split('"')[0]
    response = client.post("/c/room/join", data={"csrf_token": token})
    assert response.status_code == 302
    assert db.session.get(Community, community.id).member_count == 1
