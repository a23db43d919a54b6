"""With REDIS_URL the cache is shared by every process; without Redis answering,
pages still render. Two apps on one database stand for two processes."""

import os
import time
from datetime import timedelta

import pytest
from redis import Redis
from redis.exceptions import RedisError
from sqlalchemy import select

from community import create_app
from community.communities.models import Community
from community.extensions import cache
from community.extensions import db as _db
from community.pagecache.pages import HIT_HEADER
from community.timezones import utcnow
from config import TestConfig
from tests.factories import make_community, make_event, make_user

REDIS_URL = os.environ.get("TEST_REDIS_URL", "")


def redis_answers() -> bool:
    if not REDIS_URL:
        return False
    try:
        return bool(Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping())
    except RedisError:
        return False


def process(database_url: str, redis_url: str):
    config = type(
        "ProcessConfig",
        (TestConfig,),
        {"SQLALCHEMY_DATABASE_URI": database_url, "REDIS_URL": redis_url},
    )
    return create_app(config)


@pytest.fixture
def database_url(tmp_path):
    if TestConfig.SQLALCHEMY_DATABASE_URI.startswith("postgresql"):
        pytest.skip("the SQLite file stands for a shared database here")
    return f"sqlite:///{tmp_path / 'shared.db'}"


@pytest.mark.skipif(not redis_answers(), reason="TEST_REDIS_URL is not set or down")
def test_a_write_in_one_process_renews_the_page_in_another(database_url):
    first, second = process(database_url, REDIS_URL), process(database_url, REDIS_URL)
    with first.app_context():
        _db.create_all()
        cache.clear()
        make_community(slug="govstack", name="GovStack")
    try:
        reader = second.test_client()
        assert reader.get("/c/govstack").headers[HIT_HEADER] == "miss"
        assert first.test_client().get("/c/govstack").headers[HIT_HEADER] == "hit"
        with first.app_context():
            community = _db.session.scalar(select(Community))
            community.purpose = "Sharing what the pilots taught"
            _db.session.commit()
        response = reader.get("/c/govstack")
        assert response.headers[HIT_HEADER] == "miss"
        assert "Sharing what the pilots taught" in response.data.decode()
    finally:
        with first.app_context():
            cache.clear()
            _db.drop_all()


def test_pages_render_while_redis_is_away(database_url):
    app = process(database_url, "redis://127.0.0.1:1/0")  # nothing listens there
    with app.app_context():
        _db.create_all()
        make_community(slug="govstack", name="GovStack")
    client = app.test_client()
    for _ in range(2):
        response = client.get("/c/govstack")
        assert response.status_code == 200 and "GovStack" in response.data.decode()
    with app.app_context():
        _db.drop_all()


@pytest.mark.skipif(not redis_answers(), reason="TEST_REDIS_URL is not set or down")
def test_the_agenda_leaves_redis_when_its_first_date_ends(database_url):
    """Redis drops the stored agenda (its expiry) once a listed date ends."""
    app = process(database_url, REDIS_URL)
    with app.app_context():
        _db.create_all()
        cache.clear()
        now = utcnow().replace(tzinfo=None)
        community = make_community(slug="govstack")
        make_event(
            community,
            make_user(),
            title="Quick stand-up",
            start_local=now - timedelta(minutes=5),
            end_local=now + timedelta(seconds=2),
        )
    try:
        client = app.test_client()
        assert client.get("/events/").headers[HIT_HEADER] == "miss"
        assert client.get("/events/").headers[HIT_HEADER] == "hit"
        time.sleep(3)
        response = client.get("/events/")
        assert response.headers[HIT_HEADER] == "miss"
        assert "Quick stand-up" not in response.data.decode()
    finally:
        with app.app_context():
            cache.clear()
            _db.drop_all()
