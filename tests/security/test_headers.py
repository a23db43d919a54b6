"""HSTS in production; personal and members-only pages are never stored."""

import pytest

from community import create_app
from config import ProductionConfig, TestConfig
from tests.factories import make_community, make_membership, make_thread, make_user

NO_STORE = "private, no-store"


def test_hsts_in_production():
    class Production(ProductionConfig):
        SECRET_KEY = "x" * 40
        SQLALCHEMY_DATABASE_URI = "sqlite://"
        SQLALCHEMY_ENGINE_OPTIONS = {}
        RATELIMIT_STORAGE_URI = "memory://"
        REDIS_URL = None

    app = create_app(Production)
    response = app.test_client().get("/healthz")
    hsts = response.headers["Strict-Transport-Security"]
    assert hsts.startswith("max-age=63072000") and "includeSubDomains" in hsts


def test_no_hsts_outside_production(client, db):
    assert "Strict-Transport-Security" not in client.get("/").headers
    assert TestConfig.HSTS_SECONDS == 0


@pytest.mark.parametrize(
    "path", ["/auth/settings", "/notifications/", "/learnings/export.json", "/"]
)
def test_pages_of_a_signed_in_person_are_not_stored(client, db, login, path):
    login(make_user())
    response = client.get(path)
    assert response.status_code == 200, path
    assert response.headers["Cache-Control"] == NO_STORE


def test_settings_showing_the_calendar_token_is_not_stored(client, db, login):
    user = login(make_user())
    response = client.get("/auth/settings")
    assert user.calendar_token in response.get_data(as_text=True)
    assert response.headers["Cache-Control"] == NO_STORE


def test_a_members_only_thread_is_not_stored(client, db, login):
    community = make_community(slug="inner", visibility="members")
    member = make_user()
    make_membership(member, community)
    thread = make_thread(community, member)
    login(member)
    response = client.get(f"/t/{thread.id}")
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == NO_STORE


def test_visitor_pages_vary_on_the_cookie_and_may_be_cached(client, db):
    response = client.get("/")
    assert "no-store" not in response.headers.get("Cache-Control", "")
    assert "Cookie" in response.headers["Vary"]


def test_calendar_feeds_keep_their_own_policy(client, db, login):
    user = make_user()
    response = client.get(f"/calendar/{user.calendar_token}.ics")
    assert response.headers["Cache-Control"] == "private, max-age=300"


def test_static_files_stay_cacheable_when_signed_in(client, db, login):
    login(make_user())
    response = client.get("/static/site.css")
    assert "no-store" not in response.headers.get("Cache-Control", "")
